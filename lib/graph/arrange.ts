/**
 * Where every node of an explorer view goes, as a pure function of the graph and the view's
 * URL state: the same link gives the same picture in any browser, and growing a view never
 * moves what is already drawn.
 *
 * The view is replayed: the dataset's neighbourhood at the view's depths is laid out whole
 * (layered, tall layers wrapped), then each expansion of the URL, in order, adds its new
 * nodes as one block in a band of its own beside the node expanded (slid up or down, or a
 * column further out, until it overlaps nothing), and each opened group spreads its members
 * in place. A "tidy" step lays everything known so far out again from scratch. Nodes the
 * steps never reach (a path drawn out, say) are placed last, beside what they attach to.
 *
 * Wide fans are grouped as they arrive: more than FAN_THRESHOLD new nodes whose only drawn
 * edge goes to the same node on the same side become one group node ("+111 sources"). A
 * member that later gains another drawn edge leaves its group and is placed then.
 */
import { Replay, type ReplayState } from "./arrange-replay";
import type { ArrangeInput, ArrangeStep, Arrangement } from "./arrange-types";

export { FAN_THRESHOLD, type ArrangeEdge, type ArrangeInput, type ArrangeNode, type ArrangeStep, type Arrangement, type Fan } from "./arrange-types";
export { withStoredPositions } from "./stored-positions";

export function arrange(input: ArrangeInput): Arrangement {
  return arrangeResuming(input, null).arrangement;
}

/**
 * Where a replay stood after its steps (before the nodes no step reached were placed), so the
 * next arrangement of the same view grown by more steps resumes there instead of replaying
 * everything: an expansion costs what it adds, not what is drawn.
 */
export type ArrangeCheckpoint = {
  key: string;
  steps: readonly ArrangeStep[];
  /** Edges among the nodes known at the checkpoint: a graph that changed there cannot resume. */
  knownEdges: number;
  deferred: number[];
  state: ReplayState;
};

const stepKey = (s: ArrangeStep) => (s.op === "open" ? `open:${s.dir}:${s.id}` : `${s.op}:${s.id}`);

/** arrange(), resuming from `previous` when the input only adds steps to it (same view, a graph that only grew). */
export function arrangeResuming(input: ArrangeInput, previous: ArrangeCheckpoint | null): { arrangement: Arrangement; checkpoint: ArrangeCheckpoint | null } {
  const world = new Replay(input);
  if (!world.has(input.root)) return { arrangement: world.result(), checkpoint: null };
  const steps = input.steps;
  const tidyAt = input.tidyAt === null ? null : Math.max(0, Math.min(input.tidyAt, steps.length));
  const key = `${input.root}\n${input.up}\n${input.down}\n${input.grouping}\n${tidyAt ?? "-"}`;
  let from = 0;
  let deferred: number[] = [];
  const resumable =
    previous &&
    previous.key.split("\n").slice(0, 4).join("\n") === key.split("\n").slice(0, 4).join("\n") &&
    previous.steps.length <= steps.length &&
    previous.steps.every((s, i) => stepKey(s) === stepKey(steps[i]!)) &&
    (tidyAt === null ? previous.key.endsWith("\n-") : tidyAt < previous.steps.length && previous.key.endsWith(`\n${tidyAt}`)) &&
    world.canResume(previous);
  if (resumable) {
    world.restore(previous.state);
    from = previous.steps.length;
    deferred = [...previous.deferred];
  } else world.add(world.baseSet(), null);
  for (let i = from; i < steps.length; i++) {
    if (tidyAt === i) world.tidy();
    if (!world.apply(steps[i]!)) {
      deferred.push(i);
      continue;
    }
    // A step can bring in the node a deferred step names (expansions chain): retry those in order.
    for (let progress = true; progress; ) {
      progress = false;
      for (let j = 0; j < deferred.length; j++) {
        if (world.apply(steps[deferred[j]!]!)) {
          deferred.splice(j--, 1);
          progress = true;
        }
      }
    }
  }
  if (tidyAt === steps.length) world.tidy();
  const checkpoint: ArrangeCheckpoint = { key, steps: [...steps], knownEdges: world.knownEdgeCount(), deferred: [...deferred], state: world.snapshot() };
  world.addRest();
  return { arrangement: world.result(), checkpoint };
}

/**
 * arrange() that remembers a checkpoint, so each call resumes from it when it can. Only
 * arrangements of a graph that is current for its steps are remembered (`settled`): a step
 * replayed on a graph still loading finds nothing to add, and resuming from there would leave
 * its nodes to the last, catch-all placement instead of the step's own block.
 */
export class Arranger {
  private checkpoint: ArrangeCheckpoint | null = null;

  arrange(input: ArrangeInput, settled = true): Arrangement {
    const { arrangement, checkpoint } = arrangeResuming(input, this.checkpoint);
    if (settled) this.checkpoint = checkpoint;
    return arrangement;
  }
}
