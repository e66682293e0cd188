import { describe, expect, it } from "vitest";
import {
  CLASS_COLORS,
  CLASS_LABELS,
  CLASS_ORDER,
  LICENCE_CLASSES,
  keepsShareAlike,
  moreRestrictive,
  mostRestrictive,
  normalizeLicence,
  normalizeLicences,
  openness,
  restrictionOf,
  restrictiveness,
  type LicenceClass,
} from "./normalize";

type Row = [raw: string, id: string, klass: LicenceClass, spdx: boolean];

// Every licence string in the Data Provenance Collection (dpi_nodes.jsonl), with its count there.
const DPC: Row[] = [
  ["Apache License 2.0", "Apache-2.0", "permissive", true], // 1262
  ["CC BY-SA 4.0", "CC-BY-SA-4.0", "share-alike", true], // 829
  ["MIT License", "MIT", "permissive", true], // 722
  ["Unspecified", "unspecified", "unknown", false], // 715
  ["CC BY 4.0", "CC-BY-4.0", "attribution", true], // 403
  ["CC BY-NC-SA 4.0", "CC-BY-NC-SA-4.0", "non-commercial", true], // 310
  ["CC BY-NC 4.0", "CC-BY-NC-4.0", "non-commercial", true], // 228
  ["BSD 3-Clause License", "BSD-3-Clause", "permissive", true], // 186
  ["OpenAI", "openai-terms-of-use", "terms", false], // 163
  ["Non Commercial", "non-commercial", "non-commercial", false], // 161
  ["Custom", "custom", "terms", false], // 157
  ["BSD 2-Clause License", "BSD-2-Clause", "permissive", true], // 150
  ["CC BY-SA 3.0", "CC-BY-SA-3.0", "share-alike", true], // 145
  ["GNU General Public License v3.0", "GPL-3.0-only", "share-alike", true], // 139
  ["CC0 1.0", "CC0-1.0", "permissive", true], // 123
  ["LGPL 2.1", "LGPL-2.1-only", "share-alike", true], // 107
  ["No License", "no-license", "unknown", false], // 104
  ["MPL 2.0", "MPL-2.0", "share-alike", true], // 99
  ["ISC License", "ISC", "permissive", true], // 94
  ["EPL 1.0", "EPL-1.0", "share-alike", true], // 65
  ["Artistic License 2.0", "Artistic-2.0", "attribution", true], // 47
  ["OANC", "oanc", "permissive", false], // 41
  ["Various", "various", "unknown", false], // 34
  ["CC BY-NC-SA 3.0", "CC-BY-NC-SA-3.0", "non-commercial", true], // 28
  ["Academic Research Purposes Only", "academic-research-only", "research-only", false], // 15
  ["Request Form", "request-form", "research-only", false], // 15
  ["LGPL 3.0", "LGPL-3.0-only", "share-alike", true], // 14
  ["Academic Free License v3.0", "AFL-3.0", "permissive", true], // 14
  ["Open Access", "open-access", "attribution", false], // 12
  ["CC BY-NC-ND 4.0", "CC-BY-NC-ND-4.0", "non-commercial", true], // 11
  ["Microsoft Data Licensing Agreement", "microsoft-data-license-agreement", "terms", false], // 10
  ["CC BY-NC 3.0", "CC-BY-NC-3.0", "non-commercial", true], // 10
  ["Google Cloud Translation API", "google-cloud-translation-terms", "terms", false], // 9
  ["CC BY 3.0", "CC-BY-3.0", "attribution", true], // 8
  ["BigScience OpenRAIL-M", "bigscience-openrail-m", "terms", false], // 3
  ["C-UDA", "C-UDA-1.0", "research-only", true], // 3
  ["Llama 2", "llama-2-community", "terms", false], // 3
  ["OGL 3.0", "OGL-UK-3.0", "attribution", true], // 3
  ["CC BY-SA", "cc-by-sa", "share-alike", false], // 2
  ["CDLA Sharing 1.0", "CDLA-Sharing-1.0", "share-alike", true], // 2
  ["Apache 2.0", "Apache-2.0", "permissive", true], // 2
  ["Anthropic", "anthropic-terms", "terms", false], // 2
  ["Meta Llama3 Community License", "llama-3-community", "terms", false], // 2
  ["AI2 ImpACT License - Low Risk", "ai2-impact-lr", "terms", false], // 2
  ["CDLA Permissive 1.0", "CDLA-Permissive-1.0", "attribution", true], // 1
  ["GNU General Public License v2.0", "GPL-2.0-only", "share-alike", true], // 1
  ["CC BY-SA 2.0", "CC-BY-SA-2.0", "share-alike", true], // 1
  ["CC BY-NC 2.0", "CC-BY-NC-2.0", "non-commercial", true], // 1
  ["CC BY 2.5", "CC-BY-2.5", "attribution", true], // 1
  ["ODC BY 1.0", "ODC-By-1.0", "attribution", true], // 1
  ["LMSYS-Chat-1M Dataset License", "lmsys-chat-1m-license", "terms", false], // 1
];

// Hugging Face card `license:` identifiers (the Hub's list, lowercase).
const HF: Row[] = [
  ["apache-2.0", "Apache-2.0", "permissive", true],
  ["mit", "MIT", "permissive", true],
  ["cc-by-nc-4.0", "CC-BY-NC-4.0", "non-commercial", true],
  ["cc-by-nc-sa-4.0", "CC-BY-NC-SA-4.0", "non-commercial", true],
  ["cc-by-nc-nd-3.0", "CC-BY-NC-ND-3.0", "non-commercial", true],
  ["cc-by-nc-2.0", "CC-BY-NC-2.0", "non-commercial", true],
  ["cc-by-sa-3.0", "CC-BY-SA-3.0", "share-alike", true],
  ["cc-by-4.0", "CC-BY-4.0", "attribution", true],
  ["cc-by-2.5", "CC-BY-2.5", "attribution", true],
  ["cc-by-nd-4.0", "CC-BY-ND-4.0", "terms", true],
  ["cc0-1.0", "CC0-1.0", "permissive", true],
  ["cc", "cc", "unknown", false],
  ["other", "other", "unknown", false],
  ["unknown", "unknown", "unknown", false],
  ["openrail", "openrail", "terms", false],
  ["openrail++", "openrail++", "terms", false],
  ["bigscience-openrail-m", "bigscience-openrail-m", "terms", false],
  ["creativeml-openrail-m", "creativeml-openrail-m", "terms", false],
  ["bigcode-openrail-m", "bigcode-openrail-m", "terms", false],
  ["bigscience-bloom-rail-1.0", "bigscience-bloom-rail-1.0", "terms", false],
  ["llama2", "llama-2-community", "terms", false],
  ["llama3", "llama-3-community", "terms", false],
  ["llama3.1", "llama-3.1-community", "terms", false],
  ["gemma", "gemma-terms-of-use", "terms", false],
  ["odc-by", "ODC-By-1.0", "attribution", true],
  ["odbl", "ODbL-1.0", "share-alike", true],
  ["pddl", "PDDL-1.0", "permissive", true],
  ["c-uda", "C-UDA-1.0", "research-only", true],
  ["gpl", "gpl", "share-alike", false],
  ["gpl-2.0", "GPL-2.0-only", "share-alike", true],
  ["gpl-3.0", "GPL-3.0-only", "share-alike", true],
  ["lgpl", "lgpl", "share-alike", false],
  ["lgpl-2.1", "LGPL-2.1-only", "share-alike", true],
  ["lgpl-3.0", "LGPL-3.0-only", "share-alike", true],
  ["lgpl-lr", "LGPLLR", "share-alike", true],
  ["agpl-3.0", "AGPL-3.0-only", "share-alike", true],
  ["gfdl", "gfdl", "share-alike", false],
  ["afl-3.0", "AFL-3.0", "permissive", true],
  ["artistic-2.0", "Artistic-2.0", "attribution", true],
  ["bsl-1.0", "BSL-1.0", "permissive", true],
  ["bsd", "bsd", "permissive", false],
  ["bsd-2-clause", "BSD-2-Clause", "permissive", true],
  ["bsd-3-clause", "BSD-3-Clause", "permissive", true],
  ["bsd-3-clause-clear", "BSD-3-Clause-Clear", "permissive", true],
  ["cdla-sharing-1.0", "CDLA-Sharing-1.0", "share-alike", true],
  ["cdla-permissive-1.0", "CDLA-Permissive-1.0", "attribution", true],
  ["cdla-permissive-2.0", "CDLA-Permissive-2.0", "attribution", true],
  ["wtfpl", "WTFPL", "permissive", true],
  ["ecl-2.0", "ECL-2.0", "permissive", true],
  ["epl-1.0", "EPL-1.0", "share-alike", true],
  ["epl-2.0", "EPL-2.0", "share-alike", true],
  ["etalab-2.0", "Etalab-2.0", "attribution", true],
  ["eupl-1.1", "EUPL-1.1", "share-alike", true],
  ["isc", "ISC", "permissive", true],
  ["lppl-1.3c", "LPPL-1.3c", "permissive", true],
  ["ms-pl", "MS-PL", "share-alike", true],
  ["mpl-2.0", "MPL-2.0", "share-alike", true],
  ["osl-3.0", "OSL-3.0", "share-alike", true],
  ["postgresql", "PostgreSQL", "permissive", true],
  ["ofl-1.1", "OFL-1.1", "share-alike", true],
  ["ncsa", "NCSA", "permissive", true],
  ["unlicense", "Unlicense", "permissive", true],
  ["zlib", "Zlib", "permissive", true],
  ["deepfloyd-if-license", "deepfloyd-if-license", "research-only", false],
];

describe("normalizeLicence", () => {
  it.each(DPC)("maps the DPC name %j to %s (%s)", (raw, id, klass, spdx) => {
    const l = normalizeLicence(raw);
    expect({ id: l.id, class: l.class, spdx: l.spdx, raw: l.raw }).toEqual({ id, class: klass, spdx, raw });
    expect(l.name.length).toBeGreaterThan(0);
  });

  it.each(HF)("maps the Hub slug %j to %s (%s)", (raw, id, klass, spdx) => {
    const l = normalizeLicence(raw);
    expect({ id: l.id, class: l.class, spdx: l.spdx }).toEqual({ id, class: klass, spdx });
  });

  it("reads the same licence through case, spacing, punctuation, 'licence' and version spellings", () => {
    const apache = ["Apache-2.0", "APACHE-2.0", "apache 2.0", "  Apache   License 2.0 ", "apache_2.0", "Apache License, Version 2.0", "apache 2", "Apache Licence 2.0", "apache-license-v2.0"];
    for (const raw of apache) expect(normalizeLicence(raw).id, raw).toBe("Apache-2.0");
    for (const raw of ["MIT", "mit license", "The MIT Licence", "MIT  License"]) expect(normalizeLicence(raw).id, raw).toBe("MIT");
    for (const raw of ["cc-by-nc-sa-4.0", "CC-BY-NC-SA-4.0", "cc by-nc-sa 4.0", "CC BY NC SA 4.0", "Creative Commons Attribution-NonCommercial-ShareAlike 4.0 International", "creative commons attribution non commercial share alike 4.0"]) {
      expect(normalizeLicence(raw).id, raw).toBe("CC-BY-NC-SA-4.0");
    }
    expect(normalizeLicence("cc by 4").id).toBe("CC-BY-4.0");
    expect(normalizeLicence("CC BY–SA 4.0").id).toBe("CC-BY-SA-4.0"); // en dash
    expect(normalizeLicence("CC BY-SA 3.0 IGO")).toMatchObject({ id: "CC-BY-SA-3.0-IGO", spdx: true, class: "share-alike" });
    expect(normalizeLicence("cc-by-nc")).toMatchObject({ id: "cc-by-nc", spdx: false, class: "non-commercial" });
    expect(normalizeLicence("Creative Commons Zero v1.0 Universal").id).toBe("CC0-1.0");
  });

  it("reads the GNU family with versions, 'or later' and 'only'", () => {
    expect(normalizeLicence("GPLv3").id).toBe("GPL-3.0-only");
    expect(normalizeLicence("GNU GPL v3").id).toBe("GPL-3.0-only");
    expect(normalizeLicence("GPL-2.0+")).toMatchObject({ id: "GPL-2.0-or-later", name: "GNU GPL 2.0 or later" });
    expect(normalizeLicence("gpl-3.0-or-later").id).toBe("GPL-3.0-or-later");
    expect(normalizeLicence("LGPL-2.1-only").id).toBe("LGPL-2.1-only");
    expect(normalizeLicence("GNU Lesser General Public License v3.0").id).toBe("LGPL-3.0-only");
    expect(normalizeLicence("GNU Affero General Public License v3.0").id).toBe("AGPL-3.0-only");
    expect(normalizeLicence("gpl-7.0").class).toBe("unknown"); // no such version
  });

  it("keeps what it cannot read as unknown under a stable slug, unless it plainly says non-commercial or research-only", () => {
    expect(normalizeLicence("Some Bespoke Licence v2")).toEqual({ id: "some-bespoke-license-v2", spdx: false, name: "Some Bespoke Licence v2", class: "unknown", raw: "Some Bespoke Licence v2" });
    expect(normalizeLicence("Some Bespoke Licence v2").id).toBe(normalizeLicence("some  bespoke license V2").id);
    expect(normalizeLicence("Free for non-commercial purposes").class).toBe("non-commercial");
    expect(normalizeLicence("For research purposes only").class).toBe("research-only");
    expect(normalizeLicence("Research use only").id).toBe("academic-research-only");
    expect(normalizeLicence("")).toMatchObject({ id: "unspecified", class: "unknown" });
    expect(normalizeLicence("   ")).toMatchObject({ id: "unspecified", class: "unknown" });
    // "Academic" in a licence's name is not a use restriction.
    expect(normalizeLicence("Academic Free License 3.0").class).toBe("permissive");
  });

  it("does not mistake 'No License' for permissive, nor strip it down to something else", () => {
    const none = normalizeLicence("No License");
    expect(none.class).toBe("unknown");
    expect(none.name).toMatch(/all rights reserved/);
    expect(restrictionOf(none)).toMatch(/all rights reserved/);
    expect(normalizeLicence("no licence").id).toBe("no-license");
  });
});

describe("normalizeLicences", () => {
  const ids = (raw: Parameters<typeof normalizeLicences>[0]) => normalizeLicences(raw).map((l) => l.id);

  it("splits joined lists, arrays and SPDX expressions, deduplicating by id in order", () => {
    expect(ids("apache-2.0, mit")).toEqual(["Apache-2.0", "MIT"]);
    expect(ids("apache-2.0 OR mit")).toEqual(["Apache-2.0", "MIT"]);
    expect(ids("(MIT OR Apache-2.0) AND CC-BY-4.0")).toEqual(["MIT", "Apache-2.0", "CC-BY-4.0"]);
    expect(ids(["mit", "MIT License", "cc-by-sa-4.0"])).toEqual(["MIT", "CC-BY-SA-4.0"]);
    expect(ids("['mit', 'cc-by-nc-4.0']")).toEqual(["MIT", "CC-BY-NC-4.0"]);
    expect(ids("cc-by-4.0; odc-by | pddl")).toEqual(["CC-BY-4.0", "ODC-By-1.0", "PDDL-1.0"]);
    expect(ids("BSD-3-Clause/MIT")).toEqual(["BSD-3-Clause", "MIT"]);
    expect(ids("GPL-2.0 WITH Classpath-exception-2.0")).toEqual(["GPL-2.0-only"]);
  });

  it("never splits a whole string that is one known name, and keeps an unreadable part whole", () => {
    expect(ids("University of Illinois/NCSA Open Source License")).toEqual(["NCSA"]);
    expect(ids("Apache License, Version 2.0")).toEqual(["Apache-2.0"]);
    expect(ids("AI2 ImpACT License - Low Risk")).toEqual(["ai2-impact-lr"]);
    expect(ids("cc-by-4.0, Terms and Conditions of Foo")).toEqual(["CC-BY-4.0", "terms-and-conditions-of-foo"]);
  });

  it("declares nothing for empty input", () => {
    expect(normalizeLicences("")).toEqual([]);
    expect(normalizeLicences(" , ")).toEqual([]);
    expect(normalizeLicences(null)).toEqual([]);
    expect(normalizeLicences([])).toEqual([]);
  });

  it("keeps each part's own raw string", () => {
    expect(normalizeLicences("mit, cc-by-nc-4.0").map((l) => l.raw)).toEqual(["mit", "cc-by-nc-4.0"]);
  });
});

describe("classes", () => {
  it("orders the scale from most open to most restrictive, with unknown off it", () => {
    expect(CLASS_ORDER).toEqual(["permissive", "attribution", "share-alike", "terms", "non-commercial", "research-only"]);
    expect(LICENCE_CLASSES).toEqual([...CLASS_ORDER, "unknown"]);
    expect(CLASS_ORDER.map(openness)).toEqual([1, 0.8, 0.6, 0.4, 0.2, 0]);
    expect(openness("unknown")).toBeNull();
    expect(restrictiveness("unknown")).toBe(-1);
  });

  it("compares classes and licences", () => {
    expect(moreRestrictive("non-commercial", "terms")).toBe(true);
    expect(moreRestrictive("terms", "non-commercial")).toBe(false);
    expect(moreRestrictive("share-alike", "share-alike")).toBe(false);
    expect(moreRestrictive("unknown", "permissive")).toBe(false);
    expect(moreRestrictive("permissive", "unknown")).toBe(false);
    expect(moreRestrictive(normalizeLicence("C-UDA"), normalizeLicence("cc-by-nc-4.0"))).toBe(true);
    const ls = normalizeLicences("mit, other, cc-by-sa-4.0, cc-by-4.0");
    expect(mostRestrictive(ls)?.id).toBe("CC-BY-SA-4.0");
    expect(mostRestrictive(normalizeLicences("other, unknown"))).toBeNull();
    expect(mostRestrictive<LicenceClass>(["attribution", "permissive"])).toBe("attribution");
  });

  it("has a label and a distinct colour for every class", () => {
    const colours = LICENCE_CLASSES.map((c) => CLASS_COLORS[c]);
    expect(new Set(colours).size).toBe(LICENCE_CLASSES.length);
    for (const c of colours) expect(c).toMatch(/^#[0-9A-F]{6}$/);
    for (const c of LICENCE_CLASSES) expect(CLASS_LABELS[c].length).toBeGreaterThan(0);
  });
});

describe("restrictions and share-alike", () => {
  it("says in one line what a licence asks of what is built from it", () => {
    const r = (raw: string) => restrictionOf(normalizeLicence(raw));
    expect(r("mit")).toBeNull();
    expect(r("cc-by-nc-4.0")).toBe("non-commercial use only");
    expect(r("cc-by-nc-sa-4.0")).toBe("non-commercial use only; share-alike: derivatives must keep CC-BY-NC-SA-4.0");
    expect(r("cc-by-nc-nd-4.0")).toBe("non-commercial use only; no derivatives may be shared");
    expect(r("cc-by-sa-4.0")).toBe("share-alike: derivatives must keep CC-BY-SA-4.0");
    expect(r("cc-by-4.0")).toBe("attribution: credit the source (CC-BY-4.0)");
    expect(r("OpenAI")).toBe("OpenAI terms of use apply to the generated data");
    expect(r("Academic Research Purposes Only")).toBe("research use only");
    expect(r("cc-by-nd-4.0")).toMatch(/^no derivatives/);
    expect(r("Unspecified")).toBe("unknown: check the source's terms");
  });

  it("accepts the same licence, a later version of the same family, and CC BY-SA 4.0 → GPLv3", () => {
    const keeps = (declared: string, inherited: string) => keepsShareAlike(normalizeLicence(declared), normalizeLicence(inherited));
    expect(keeps("cc-by-sa-4.0", "cc-by-sa-4.0")).toBe(true);
    expect(keeps("cc-by-sa-4.0", "cc-by-sa-3.0")).toBe(true);
    expect(keeps("cc-by-sa-3.0", "cc-by-sa-4.0")).toBe(false);
    expect(keeps("CC BY-SA", "cc-by-sa-4.0")).toBe(true); // version left open
    expect(keeps("gpl-3.0", "cc-by-sa-4.0")).toBe(true);
    expect(keeps("gpl-3.0", "cc-by-sa-3.0")).toBe(false);
    expect(keeps("cc-by-4.0", "cc-by-sa-4.0")).toBe(false);
    expect(keeps("cc-by-nc-sa-4.0", "cc-by-sa-4.0")).toBe(false);
    expect(keeps("gpl-3.0", "GPL-2.0+")).toBe(true);
    expect(keeps("gpl-3.0", "gpl-2.0")).toBe(false);
    expect(keeps("odbl", "odbl")).toBe(true);
  });
});
