import readline from "node:readline";
import { parseRole, type Role } from "@/lib/auth/roles";
import { createAccount, describeAccount, listAccounts, setPassword, setRole } from "@/lib/server/auth/accounts";

class UsageError extends Error {
  readonly exitCode = 2;
}

const FLAGS = ["--email", "--name", "--role"] as const;

function parseFlags(command: string, args: string[]): Partial<Record<(typeof FLAGS)[number], string>> {
  const out: Partial<Record<(typeof FLAGS)[number], string>> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    if (!(FLAGS as readonly string[]).includes(flag)) throw new UsageError(`${command}: unknown argument "${arg}" (use ${FLAGS.join(", ")}).`);
    const value = inline ?? args[++i];
    if (!value) throw new UsageError(`${command}: ${flag} needs a value.`);
    out[flag as (typeof FLAGS)[number]] = value;
  }
  return out;
}

function requireRoleFlag(command: string, value: string | undefined): Role {
  if (!value) throw new UsageError(`${command} needs --role viewer, reviewer or admin.`);
  const role = parseRole(value);
  if (!role) throw new UsageError(`"${value}" is not a role; use viewer, reviewer or admin.`);
  return role;
}

/** ROOTLINE_PASSWORD, else one line of piped standard input, else a prompt that does not echo. */
async function readPassword(prompt: string): Promise<string> {
  const fromEnv = process.env.ROOTLINE_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    const line = Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "";
    if (!line) throw new UsageError("No password: set ROOTLINE_PASSWORD or pipe it on standard input.");
    return line;
  }
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const muted = rl as unknown as { _writeToOutput: (s: string) => void };
  process.stdout.write(prompt);
  muted._writeToOutput = () => {};
  const answer = await new Promise<string>((resolve) => rl.question("", resolve));
  rl.close();
  process.stdout.write("\n");
  return answer;
}

/** The account commands of `npm run db` (see scripts/db.ts). */
export async function accountCommand(command: string, args: string[]): Promise<number> {
  if (command === "users") {
    if (args.length) throw new UsageError("users takes no arguments.");
    const accounts = await listAccounts();
    console.log(accounts.length ? accounts.map(describeAccount).join("\n") : "No accounts yet: npm run db -- create-admin --email you@example.org");
    return 0;
  }
  const flags = parseFlags(command, args);
  if (!flags["--email"]) throw new UsageError(`${command} needs --email.`);
  const email = flags["--email"];
  switch (command) {
    case "create-admin":
    case "create-user": {
      const role = command === "create-admin" ? "ADMIN" : requireRoleFlag(command, flags["--role"]);
      if (command === "create-admin" && flags["--role"]) throw new UsageError("create-admin makes an admin; use create-user --role for other roles.");
      const account = await createAccount({ email, name: flags["--name"], role, password: await readPassword(`Password for ${email}: `) });
      console.log(`Created ${describeAccount(account)}.`);
      return 0;
    }
    case "set-role": {
      const account = await setRole({ email, role: requireRoleFlag(command, flags["--role"]) });
      console.log(`${describeAccount(account)}.`);
      return 0;
    }
    case "set-password": {
      await setPassword({ email, password: await readPassword(`New password for ${email}: `) });
      console.log(`Set a new password for ${email}; its sessions have ended.`);
      return 0;
    }
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}
