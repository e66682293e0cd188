export async function register(): Promise<void> {
  // Only the Node.js server touches the database (never the edge runtime or the build).
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { prepareServer } = await import("./lib/server/seed/boot");
  await prepareServer();
}
