import type { Metadata } from "next";
import { ReviewQueue } from "@/components/review/ReviewQueue";
import { can } from "@/lib/auth/roles";
import { pageMetadata } from "@/lib/seo/metadata";
import { currentActor } from "@/lib/server/auth/actor";
import { reviewQueue } from "@/lib/server/lineage/review-queue";

export const dynamic = "force-dynamic";
export const metadata: Metadata = pageMetadata("Review queue", "Lineage edges that need a person: low confidence, contradicted by dates, or proposed by the agents, oldest first.", "/review");

/** Edges that need a person, oldest first, with their evidence; reviewers work through them by keyboard. */
export default async function ReviewPage() {
  const [queue, actor] = await Promise.all([reviewQueue(), currentActor()]);
  return (
    <article className="space-y-4">
      <h1 className="text-2xl font-semibold">Review queue</h1>
      <p className="max-w-3xl text-slate-700">
        Proposed edges below {Math.round(queue.threshold * 100)}% confidence, dated before their own source, or proposed by the agents — oldest first. Every verdict is
        recorded with who gave it, when, and a note, and shows in the dataset&apos;s panel. An edge a person rejected is never re-added by a run.
      </p>
      <ReviewQueue initial={queue} canReview={can(actor, "REVIEWER")} signInHint={actor.accounts && actor.kind === "visitor"} />
    </article>
  );
}
