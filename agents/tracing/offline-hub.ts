/**
 * A Hub that never answers, for resolving names with no network: every lookup fails as an
 * unreachable Hub would, so the tracing agent keeps what it was given and knows no more
 * (Hub ids stay as written, free names resolve through the alias table only).
 */
import type { HubPort } from "@/agents/pipeline/types";

const offline = () => Promise.reject(new Error("offline: the Hub is not consulted"));

export const OFFLINE_HUB: HubPort = { datasetInfo: offline, card: offline, search: offline, fetchText: offline };
