import "server-only";
import { worstSeverities } from "@/lib/server/contamination/contamination";
import { licenceClasses } from "@/lib/server/licences/licences";
import { getView } from "@/lib/server/lineage/view";
import type { ViewResponse } from "@/lib/view/response";
import type { ViewState } from "@/lib/view/state";

/** An explorer view as the page and GET /api/view both serve it (lib/view/response.ts). */
export async function getViewResponse(params: { key: string; state: ViewState; notices?: string[] }): Promise<ViewResponse> {
  const { graph, notices } = await getView({ key: params.key, state: params.state });
  const keys = graph.nodes.map((n) => n.key);
  const [contamination, licences] = await Promise.all([worstSeverities({ keys }), params.state.colorBy === "licence" ? licenceClasses({ keys }) : {}]);
  return { graph, notices: [...(params.notices ?? []), ...notices], contamination, licences };
}
