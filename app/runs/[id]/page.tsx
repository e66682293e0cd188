import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LiveRun } from "@/components/runs/LiveRun";
import { isAppError } from "@/lib/errors";
import { keyToPath } from "@/lib/keys";
import { getRun } from "@/lib/server/runs/runs";
import { runIdSchema } from "@/lib/validation/runs";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Trace run" };

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const id = runIdSchema.safeParse((await params).id);
  if (!id.success) notFound();
  let run: Awaited<ReturnType<typeof getRun>>;
  try {
    run = await getRun({ id: id.data });
  } catch (error) {
    if (isAppError(error) && error.code === "not_found:run") notFound();
    throw error;
  }
  return (
    <article className="max-w-4xl space-y-4">
      <p>
        <Link href="/runs" className="text-blue-700 underline">
          All runs
        </Link>
      </p>
      <h1 className="break-words text-2xl font-semibold">
        Trace of{" "}
        <Link href={`/datasets/${keyToPath(run.targetKey)}`} className="text-blue-700 underline">
          {run.targetKey}
        </Link>
      </h1>
      <LiveRun initial={run} />
    </article>
  );
}
