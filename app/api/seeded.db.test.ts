import { beforeAll, describe, expect, it } from "vitest";
import type { LineageGraph } from "@/lib/lineage/types";
import { seedDatabase } from "@/lib/server/seed/seed";
import { GET as searchRoute } from "./datasets/route";
import { GET as lineageRoute } from "./lineage/[...key]/route";

// The API on the bundled seed, as the app ships: the paths the pages and e2e tests rely on.

beforeAll(async () => {
  await seedDatabase();
});

const lineage = async (path: string, key: string[]) => {
  const response = await lineageRoute(new Request(`http://localhost/api/lineage/${path}`), { params: Promise.resolve({ key }) });
  expect(response.status).toBe(200);
  return (await response.json()) as LineageGraph;
};

describe("API on the seeded store", () => {
  it("MetaMathQA at up=3 reaches openai/gsm8k and EleutherAI/hendrycks_math", async () => {
    const graph = await lineage("meta-math/MetaMathQA?up=3", ["meta-math", "MetaMathQA"]);
    expect(graph.root).toBe("meta-math/MetaMathQA");
    const keys = graph.nodes.map((n) => n.key);
    expect(keys).toEqual(expect.arrayContaining(["openai/gsm8k", "EleutherAI/hendrycks_math"]));
    expect(graph.edges.some((e) => e.downstream === "meta-math/MetaMathQA" && e.upstream === "openai/gsm8k")).toBe(true);
    for (const edge of graph.edges) expect(keys).toEqual(expect.arrayContaining([edge.upstream, edge.downstream]));
  });

  it("serves a seeded non-Hub node by the same route", async () => {
    const graph = await lineage("corpus:wikipedia?down=1", ["corpus:wikipedia"]);
    expect(graph.root).toBe("corpus:wikipedia");
    expect(graph.nodes.find((n) => n.key === "corpus:wikipedia")).toMatchObject({ scheme: "CORPUS", url: null });
    expect(graph.nodes.length).toBeGreaterThan(1);
  });

  it("search for gsm8k finds openai/gsm8k first", async () => {
    const response = await searchRoute(new Request("http://localhost/api/datasets?q=gsm8k"), undefined);
    const { results } = await response.json();
    expect(results[0].key).toBe("openai/gsm8k");
  });
});
