import { describe, expect, it } from "vitest";
import { cardLinks, parseCard, sourceDatasetsFromMeta } from "@/lib/hub/card";

const MIXTURE_CARD = `---
license: apache-2.0
language:
  - en
task_categories:
  - text-generation
size_categories: 100K<n<1M
source_datasets:
  - original
  - extended|glue
  - openai/gsm8k
datasets: meta-math/MetaMathQA
configs:
  - config_name: default
    data_files:
      - split: train
        path: data/train-*
---

# Example Math Mixture

A blend for supervised fine-tuning. See the paper [arXiv](https://arxiv.org/abs/2309.12284v3) and
the PDF https://arxiv.org/pdf/2110.14168.pdf, also cited as arXiv:2103.03874.

## Sources
- [GSM8K](https://huggingface.co/datasets/openai/gsm8k)
- [MATH](https://huggingface.co/datasets/hendrycks/competition_math/tree/main), mirrored at https://hf.co/datasets/EleutherAI/hendrycks_math.
- Paper page: https://huggingface.co/papers/2309.12284
- Code: https://github.com/meta-math/MetaMath/blob/main/README.md and https://github.com/openai/grade-school-math.git
- Blog: <https://example.org/blog/math-mixture>
`;

describe("parseCard", () => {
  it("reads YAML front matter with lists and nested mappings and returns the body after it", () => {
    const card = parseCard(MIXTURE_CARD);
    expect(card.frontMatterError).toBeUndefined();
    expect(card.frontMatter?.license).toBe("apache-2.0");
    expect(card.frontMatter?.language).toEqual(["en"]);
    expect(card.frontMatter?.configs).toEqual([{ config_name: "default", data_files: [{ split: "train", path: "data/train-*" }] }]);
    expect(card.body.startsWith("\n# Example Math Mixture")).toBe(true);
    expect(card.body).not.toContain("license:");
  });

  it("reports malformed YAML without throwing and still returns the body", () => {
    const card = parseCard("---\nlicense: mit\ntags: [unclosed, list\n  bad: : indent\n---\n# Title\ntext\n");
    expect(card.frontMatter).toBeNull();
    expect(card.frontMatterError).toEqual(expect.any(String));
    expect(card.frontMatterError!.length).toBeGreaterThan(0);
    expect(card.body).toBe("# Title\ntext\n");
  });

  it("treats a card without front matter as all body", () => {
    const text = "# Plain card\n\n---\n\nA horizontal rule above is not front matter.\n";
    expect(parseCard(text)).toEqual({ frontMatter: null, body: text });
  });

  it("accepts empty front matter, CRLF line ends and rejects non-mapping YAML", () => {
    expect(parseCard("---\n---\nbody")).toEqual({ frontMatter: {}, body: "body" });
    expect(parseCard("---\r\nlicense: mit\r\n---\r\nbody").frontMatter).toEqual({ license: "mit" });
    const list = parseCard("---\n- a\n- b\n---\nbody");
    expect(list.frontMatter).toBeNull();
    expect(list.frontMatterError).toMatch(/mapping/);
  });

  it("does not end the front matter at a '---' inside a value", () => {
    const card = parseCard("---\npretty_name: a---b\nlicense: mit\n---\nbody");
    expect(card.frontMatter).toEqual({ pretty_name: "a---b", license: "mit" });
    expect(card.body).toBe("body");
  });
});

describe("cardLinks", () => {
  it("sorts every kind of link", () => {
    const links = cardLinks(parseCard(MIXTURE_CARD).body);
    expect(links.arxiv).toEqual(["2103.03874", "2309.12284", "2110.14168"]);
    expect(links.hfPapers).toEqual(["2309.12284"]);
    expect(links.hubDatasets).toEqual(["openai/gsm8k", "hendrycks/competition_math", "EleutherAI/hendrycks_math"]);
    expect(links.github).toEqual(["meta-math/MetaMath", "openai/grade-school-math"]);
    expect(links.other).toEqual(["https://example.org/blog/math-mixture"]);
  });

  it("keeps old-style arXiv ids, dedupes, and ignores GitHub pages that are not repositories", () => {
    const links = cardLinks(
      "See arXiv: hep-th/9901001 and https://arxiv.org/abs/hep-th/9901001. " +
        "Twice: https://github.com/a/b https://github.com/a/b/issues/1 https://github.com/orgs/acme",
    );
    expect(links.arxiv).toEqual(["hep-th/9901001"]);
    expect(links.github).toEqual(["a/b"]);
    expect(links.other).toEqual(["https://github.com/orgs/acme"]);
  });

  it("finds nothing in plain text", () => {
    expect(cardLinks("No links here, only GSM8K by name.")).toEqual({ arxiv: [], hfPapers: [], github: [], hubDatasets: [], other: [] });
  });
});

describe("sourceDatasetsFromMeta", () => {
  it("reads source_datasets and datasets, drops 'original' and unwraps 'extended|'", () => {
    expect(sourceDatasetsFromMeta(parseCard(MIXTURE_CARD).frontMatter)).toEqual(["glue", "openai/gsm8k", "meta-math/MetaMathQA"]);
  });

  it("accepts single strings, ignores non-strings and duplicates", () => {
    expect(sourceDatasetsFromMeta({ source_datasets: "extended|squad", datasets: ["squad", 3, null, " tatsu-lab/alpaca "] })).toEqual([
      "squad",
      "tatsu-lab/alpaca",
    ]);
    expect(sourceDatasetsFromMeta({ source_datasets: ["original"] })).toEqual([]);
    expect(sourceDatasetsFromMeta(null)).toEqual([]);
  });
});
