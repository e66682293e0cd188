/**
 * Licence strings as they appear in the wild — Hugging Face card metadata (`license: cc-by-nc-4.0`,
 * `other`, `llama2`, lists) and the Data Provenance Collection's names (`CC BY-NC-SA 4.0`,
 * `OpenAI`, `Academic Research Purposes Only`) — mapped to one identity and one class.
 *
 * Every name we know is in the table below, deliberately. Regular expressions only handle the
 * systematic families (Creative Commons variants/versions/ports, the GNU licences and their
 * `-only`/`-or-later` forms) and spelling noise (case, spaces, "licence"/"license", a trailing
 * "License", "v3.0"). A string nothing recognises stays `unknown` under a slug of itself, unless
 * it plainly says "non-commercial" or "research … only".
 *
 * Pure and client-safe.
 */

export type LicenceClass = "permissive" | "attribution" | "share-alike" | "non-commercial" | "research-only" | "terms" | "unknown";

export type Licence = {
  /** SPDX id when one exists ("Apache-2.0", "CC-BY-NC-4.0", "ODC-By-1.0"), else a stable lowercase slug ("openai-terms-of-use"). */
  id: string;
  spdx: boolean;
  /** How people read it. */
  name: string;
  class: LicenceClass;
  /** The string it came from. */
  raw: string;
};

/** Known classes from most open to most restrictive. `unknown` is not on this scale. */
export const CLASS_ORDER: readonly Exclude<LicenceClass, "unknown">[] = ["permissive", "attribution", "share-alike", "terms", "non-commercial", "research-only"];

/** Every class, for legends: the scale, then unknown. */
export const LICENCE_CLASSES: readonly LicenceClass[] = [...CLASS_ORDER, "unknown"];

export const CLASS_LABELS: Record<LicenceClass, string> = {
  permissive: "Permissive",
  attribution: "Attribution",
  "share-alike": "Share-alike",
  terms: "Provider terms",
  "non-commercial": "Non-commercial",
  "research-only": "Research only",
  unknown: "Unknown",
};

/** One-line meaning of each class, for legends and tooltips. */
export const CLASS_DESCRIPTIONS: Record<LicenceClass, string> = {
  permissive: "any use, keep the notice",
  attribution: "any use, credit the source",
  "share-alike": "derivatives must keep the same licence",
  terms: "a provider's or author's own terms apply",
  "non-commercial": "no commercial use",
  "research-only": "research use only",
  unknown: "no usable licence information",
};

/**
 * Okabe–Ito colours (distinguishable with the common colour-vision deficiencies), ordered so the
 * scale runs green → blues → orange → vermilion → purple; grey for unknown. Meant as fills with a
 * dark outline or label next to them, not as text colours on white.
 */
export const CLASS_COLORS: Record<LicenceClass, string> = {
  permissive: "#009E73",
  attribution: "#56B4E9",
  "share-alike": "#0072B2",
  terms: "#E69F00",
  "non-commercial": "#D55E00",
  "research-only": "#CC79A7",
  unknown: "#999999",
};

/** Position on CLASS_ORDER (0 = permissive … 5 = research-only); -1 for unknown. */
export function restrictiveness(c: LicenceClass): number {
  return c === "unknown" ? -1 : CLASS_ORDER.indexOf(c);
}

/** 1 (permissive) … 0 (research-only), evenly spaced; null for unknown. For ranking and scales. */
export function openness(c: LicenceClass): number | null {
  const r = restrictiveness(c);
  return r < 0 ? null : (CLASS_ORDER.length - 1 - r) / (CLASS_ORDER.length - 1);
}

type ClassLike = LicenceClass | Pick<Licence, "class">;
const classOf = (x: ClassLike): LicenceClass => (typeof x === "string" ? x : x.class);

/** Whether `a` is strictly more restrictive than `b`. Unknown is off the scale: never more or less restrictive. */
export function moreRestrictive(a: ClassLike, b: ClassLike): boolean {
  const ra = restrictiveness(classOf(a));
  const rb = restrictiveness(classOf(b));
  return ra >= 0 && rb >= 0 && ra > rb;
}

/** The most restrictive of some licences (the first on ties), ignoring unknown ones; null when none is known. */
export function mostRestrictive<T extends ClassLike>(items: readonly T[]): T | null {
  let best: T | null = null;
  for (const x of items) {
    if (classOf(x) === "unknown") continue;
    if (best === null || moreRestrictive(x, best)) best = x;
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// The table

type Entry = { id: string; spdx: boolean; name: string; class: LicenceClass; aliases?: string[]; restriction?: string };

const TABLE: Entry[] = [
  // ---- permissive: any use, keep the notice
  { id: "MIT", spdx: true, name: "MIT", class: "permissive", aliases: ["MIT License", "expat"] },
  { id: "MIT-0", spdx: true, name: "MIT No Attribution", class: "permissive" },
  { id: "Apache-2.0", spdx: true, name: "Apache 2.0", class: "permissive", aliases: ["Apache License 2.0", "Apache 2.0", "apache2", "apache", "Apache License, Version 2.0", "ALv2"] },
  { id: "Apache-1.1", spdx: true, name: "Apache 1.1", class: "permissive" },
  { id: "BSD-2-Clause", spdx: true, name: "BSD 2-Clause", class: "permissive", aliases: ["BSD 2-Clause License", "Simplified BSD", "FreeBSD"] },
  { id: "BSD-3-Clause", spdx: true, name: "BSD 3-Clause", class: "permissive", aliases: ["BSD 3-Clause License", "New BSD", "Modified BSD", "Revised BSD"] },
  { id: "BSD-3-Clause-Clear", spdx: true, name: "BSD 3-Clause Clear", class: "permissive" },
  { id: "0BSD", spdx: true, name: "BSD Zero Clause", class: "permissive" },
  // HF's "bsd": the family; every BSD variant allows any use with the notice kept.
  { id: "bsd", spdx: false, name: "BSD (variant unspecified)", class: "permissive", aliases: ["BSD License"] },
  { id: "ISC", spdx: true, name: "ISC", class: "permissive", aliases: ["ISC License"] },
  { id: "CC0-1.0", spdx: true, name: "CC0 1.0", class: "permissive", aliases: ["CC0", "CC0 1.0", "CC Zero", "CC0 1.0 Universal", "Creative Commons Zero v1.0 Universal"] },
  { id: "PDDL-1.0", spdx: true, name: "ODC Public Domain Dedication", class: "permissive", aliases: ["pddl", "odc-pddl", "Open Data Commons Public Domain Dedication and License"] },
  { id: "public-domain", spdx: false, name: "Public domain", class: "permissive", aliases: ["public domain", "pd"] },
  { id: "Unlicense", spdx: true, name: "The Unlicense", class: "permissive", aliases: ["The Unlicense"] },
  { id: "WTFPL", spdx: true, name: "WTFPL", class: "permissive" },
  { id: "Zlib", spdx: true, name: "zlib", class: "permissive", aliases: ["zlib License"] },
  { id: "BSL-1.0", spdx: true, name: "Boost Software License 1.0", class: "permissive", aliases: ["Boost Software License 1.0", "Boost"] },
  { id: "PostgreSQL", spdx: true, name: "PostgreSQL", class: "permissive" },
  { id: "NCSA", spdx: true, name: "University of Illinois/NCSA", class: "permissive", aliases: ["University of Illinois/NCSA Open Source License"] },
  { id: "ECL-2.0", spdx: true, name: "Educational Community License 2.0", class: "permissive" },
  // "Academic" is the author's name for it, not a use restriction: an OSI-approved, Apache-like permissive licence.
  { id: "AFL-3.0", spdx: true, name: "Academic Free License 3.0", class: "permissive", aliases: ["Academic Free License v3.0", "Academic Free License 3.0"] },
  // The OANC (MultiNLI's text) "may be used for any purpose" without restriction.
  { id: "oanc", spdx: false, name: "Open American National Corpus (unrestricted)", class: "permissive", aliases: ["OANC", "Open American National Corpus"] },
  // Renaming modified files is its only condition; no share-alike, no credit beyond the notice.
  { id: "LPPL-1.3c", spdx: true, name: "LaTeX Project Public License 1.3c", class: "permissive" },
  { id: "apple-ascl", spdx: false, name: "Apple Sample Code License", class: "permissive" },

  // ---- attribution: any use, including commercial, with credit carried downstream
  { id: "ODC-By-1.0", spdx: true, name: "ODC Attribution 1.0", class: "attribution", aliases: ["odc-by", "ODC BY 1.0", "ODC-BY", "Open Data Commons Attribution License"] },
  // CDLA-Permissive: data may be used and shared for any purpose; the licence text (and notices) must travel with it.
  { id: "CDLA-Permissive-1.0", spdx: true, name: "CDLA Permissive 1.0", class: "attribution", aliases: ["CDLA Permissive 1.0"] },
  { id: "CDLA-Permissive-2.0", spdx: true, name: "CDLA Permissive 2.0", class: "attribution", aliases: ["CDLA Permissive 2.0"] },
  { id: "OGL-UK-3.0", spdx: true, name: "UK Open Government Licence 3.0", class: "attribution", aliases: ["OGL 3.0", "OGL-3.0", "Open Government Licence v3.0", "Open Government License 3.0"] },
  { id: "Etalab-2.0", spdx: true, name: "Etalab Open License 2.0", class: "attribution", aliases: ["Etalab Open License 2.0", "Licence Ouverte 2.0"] },
  // Artistic 2.0 is not copyleft: modified versions may go out under other terms if the changes are
  // documented and the original stays available. What binds downstream is the notice and the credit.
  { id: "Artistic-2.0", spdx: true, name: "Artistic License 2.0", class: "attribution", aliases: ["Artistic License 2.0", "Artistic 2.0"] },
  // "Open Access" (DPC, e.g. PAWS): free reuse for any purpose with acknowledgement — the Budapest
  // Open Access definition, where credit is the only condition. Attribution is the cautious reading.
  { id: "open-access", spdx: false, name: "Open access (reuse with credit)", class: "attribution", aliases: ["Open Access"] },

  // ---- share-alike: derivatives must keep the licence (copyleft, strong or file-level)
  { id: "CDLA-Sharing-1.0", spdx: true, name: "CDLA Sharing 1.0", class: "share-alike", aliases: ["CDLA Sharing 1.0"] },
  { id: "ODbL-1.0", spdx: true, name: "Open Database License 1.0", class: "share-alike", aliases: ["odbl", "Open Database License", "ODC-ODbL"] },
  { id: "MPL-2.0", spdx: true, name: "Mozilla Public License 2.0", class: "share-alike", aliases: ["MPL 2.0", "Mozilla Public License 2.0"] },
  { id: "MPL-1.1", spdx: true, name: "Mozilla Public License 1.1", class: "share-alike", aliases: ["MPL 1.1"] },
  { id: "EPL-1.0", spdx: true, name: "Eclipse Public License 1.0", class: "share-alike", aliases: ["EPL 1.0", "Eclipse Public License 1.0"] },
  { id: "EPL-2.0", spdx: true, name: "Eclipse Public License 2.0", class: "share-alike", aliases: ["EPL 2.0", "Eclipse Public License 2.0"] },
  { id: "EUPL-1.1", spdx: true, name: "European Union Public License 1.1", class: "share-alike" },
  { id: "EUPL-1.2", spdx: true, name: "European Union Public License 1.2", class: "share-alike" },
  { id: "OSL-3.0", spdx: true, name: "Open Software License 3.0", class: "share-alike" },
  // Ms-PL: the material itself ("source form") may only be passed on under Ms-PL.
  { id: "MS-PL", spdx: true, name: "Microsoft Public License", class: "share-alike", aliases: ["Microsoft Public License"] },
  { id: "OFL-1.1", spdx: true, name: "SIL Open Font License 1.1", class: "share-alike" },
  { id: "LGPLLR", spdx: true, name: "LGPL for Linguistic Resources", class: "share-alike", aliases: ["lgpl-lr", "Lesser General Public License For Linguistic Resources"] },
  // Families without a version (HF's "gpl", "lgpl", "agpl", "gfdl"; DPC's "CC BY-SA" comes through the CC parser).
  { id: "gpl", spdx: false, name: "GNU GPL (version unspecified)", class: "share-alike" },
  { id: "lgpl", spdx: false, name: "GNU LGPL (version unspecified)", class: "share-alike" },
  { id: "agpl", spdx: false, name: "GNU AGPL (version unspecified)", class: "share-alike" },
  { id: "gfdl", spdx: false, name: "GNU FDL (version unspecified)", class: "share-alike" },

  // ---- terms: a provider's or author's own terms, not an open licence
  {
    id: "openai-terms-of-use",
    spdx: false,
    name: "OpenAI terms of use",
    class: "terms",
    aliases: ["OpenAI", "OpenAI Terms of Use", "OpenAI terms", "openai-tos"],
    restriction: "OpenAI terms of use apply to the generated data",
  },
  { id: "anthropic-terms", spdx: false, name: "Anthropic terms of service", class: "terms", aliases: ["Anthropic"], restriction: "Anthropic terms of service apply to the generated data" },
  {
    id: "google-cloud-translation-terms",
    spdx: false,
    name: "Google Cloud Translation API terms",
    class: "terms",
    aliases: ["Google Cloud Translation API", "Google Translate"],
    restriction: "Google Cloud Translation API terms apply to the translated text",
  },
  // DPC uses it for Microsoft Research data agreements (WikiQA, MetaLWOZ); their text varies, so it
  // is "terms" (read them) rather than a guess at research-only.
  {
    id: "microsoft-data-license-agreement",
    spdx: false,
    name: "Microsoft data licence agreement",
    class: "terms",
    aliases: ["Microsoft Data Licensing Agreement", "Microsoft Research Data License Agreement", "MSR-LA"],
    restriction: "Microsoft data licence agreement terms apply (often research use only: read them)",
  },
  { id: "llama-2-community", spdx: false, name: "Llama 2 Community License", class: "terms", aliases: ["Llama 2", "llama2", "Llama 2 Community License Agreement"], restriction: "Llama 2 community licence terms apply (acceptable-use policy; 700M-user limit)" },
  { id: "llama-3-community", spdx: false, name: "Llama 3 Community License", class: "terms", aliases: ["Meta Llama3 Community License", "Meta Llama 3 Community License", "llama3", "Llama 3"], restriction: "Llama 3 community licence terms apply (acceptable-use policy; name 'Llama' in derived models)" },
  { id: "llama-3.1-community", spdx: false, name: "Llama 3.1 Community License", class: "terms", aliases: ["llama3.1", "Llama 3.1"], restriction: "Llama 3.1 community licence terms apply (acceptable-use policy; name 'Llama' in derived models)" },
  { id: "llama-3.2-community", spdx: false, name: "Llama 3.2 Community License", class: "terms", aliases: ["llama3.2", "Llama 3.2"], restriction: "Llama 3.2 community licence terms apply (acceptable-use policy)" },
  { id: "llama-3.3-community", spdx: false, name: "Llama 3.3 Community License", class: "terms", aliases: ["llama3.3", "Llama 3.3"], restriction: "Llama 3.3 community licence terms apply (acceptable-use policy)" },
  { id: "llama-4-community", spdx: false, name: "Llama 4 Community License", class: "terms", aliases: ["llama4", "Llama 4"], restriction: "Llama 4 community licence terms apply (acceptable-use policy)" },
  { id: "gemma-terms-of-use", spdx: false, name: "Gemma terms of use", class: "terms", aliases: ["gemma", "Gemma Terms of Use"], restriction: "Gemma terms of use apply (prohibited-use policy carries downstream)" },
  // The ImpACT licences allow use (LR even commercial) under behavioural restrictions and disclosure duties.
  { id: "ai2-impact-lr", spdx: false, name: "AI2 ImpACT License (low risk)", class: "terms", aliases: ["AI2 ImpACT License - Low Risk", "ImpACT LR", "AI2 ImpACT LR"], restriction: "AI2 ImpACT low-risk terms apply (use restrictions; derivatives must disclose their data)" },
  { id: "ai2-impact-mr", spdx: false, name: "AI2 ImpACT License (medium risk)", class: "terms", aliases: ["AI2 ImpACT License - Medium Risk", "ImpACT MR"], restriction: "AI2 ImpACT medium-risk terms apply (use restrictions, no redistribution)" },
  { id: "lmsys-chat-1m-license", spdx: false, name: "LMSYS-Chat-1M Dataset License", class: "terms", aliases: ["LMSYS-Chat-1M Dataset License"], restriction: "LMSYS-Chat-1M licence terms apply (no re-identification; model providers' terms still apply)" },
  // OpenRAIL: open access with use-based restrictions that every derivative must carry on.
  { id: "openrail", spdx: false, name: "OpenRAIL", class: "terms", restriction: "OpenRAIL use restrictions apply and must be passed on" },
  { id: "openrail++", spdx: false, name: "OpenRAIL++-M", class: "terms", aliases: ["openrail-plus-plus"], restriction: "OpenRAIL++-M use restrictions apply and must be passed on" },
  { id: "bigscience-openrail-m", spdx: false, name: "BigScience OpenRAIL-M", class: "terms", aliases: ["BigScience OpenRAIL-M"], restriction: "OpenRAIL-M use restrictions apply and must be passed on" },
  { id: "creativeml-openrail-m", spdx: false, name: "CreativeML OpenRAIL-M", class: "terms", restriction: "OpenRAIL-M use restrictions apply and must be passed on" },
  { id: "bigcode-openrail-m", spdx: false, name: "BigCode OpenRAIL-M", class: "terms", restriction: "OpenRAIL-M use restrictions apply and must be passed on" },
  { id: "bigscience-bloom-rail-1.0", spdx: false, name: "BigScience BLOOM RAIL 1.0", class: "terms", restriction: "BLOOM RAIL use restrictions apply and must be passed on" },
  // "Custom" (DPC): the source has its own licence text (Quora's ToS, NIST forms, Wikiquote …). It
  // binds, and nothing says it is open: treat it as terms to read, not as unknown.
  { id: "custom", spdx: false, name: "Custom licence", class: "terms", aliases: ["Custom", "custom license"], restriction: "custom terms apply: read the source's licence" },
  { id: "proprietary", spdx: false, name: "Proprietary", class: "terms", aliases: ["Proprietary", "all rights reserved"], restriction: "proprietary terms apply: read the source's licence" },

  // ---- non-commercial (the CC -NC- family comes through the CC parser)
  { id: "non-commercial", spdx: false, name: "Non-commercial", class: "non-commercial", aliases: ["Non Commercial", "noncommercial", "non-commercial use only"] },

  // ---- research-only
  { id: "academic-research-only", spdx: false, name: "Academic research purposes only", class: "research-only", aliases: ["Academic Research Purposes Only", "research only", "research use only", "academic use only"] },
  // Access by request form (BioCreative, menyo-20k, wiki-auto …): the forms grant research use to the
  // named requester and forbid passing the data on.
  { id: "request-form", spdx: false, name: "Access by request form", class: "research-only", aliases: ["Request Form"], restriction: "research use by approved requesters only; no redistribution" },
  // C-UDA permits computational analysis only (training included) and no redistribution of the data;
  // "research-only" is the class whose restriction reaches as far.
  { id: "C-UDA-1.0", spdx: true, name: "Computational Use of Data Agreement 1.0", class: "research-only", aliases: ["C-UDA", "Computational Use of Data Agreement"], restriction: "computational use only (C-UDA); the data itself may not be redistributed" },
  { id: "deepfloyd-if-license", spdx: false, name: "DeepFloyd IF Research License", class: "research-only" },
  { id: "intel-research", spdx: false, name: "Intel Research Use License", class: "research-only" },
  { id: "fair-noncommercial-research-license", spdx: false, name: "FAIR Noncommercial Research License", class: "research-only" },
  { id: "apple-amlr", spdx: false, name: "Apple Machine Learning Research Model License", class: "research-only" },

  // ---- unknown: nothing to compare against
  { id: "unspecified", spdx: false, name: "Unspecified", class: "unknown", aliases: ["Unspecified", "NOASSERTION", "n/a", "na", "not specified", "-"] },
  { id: "unknown", spdx: false, name: "Unknown", class: "unknown" },
  { id: "other", spdx: false, name: "Other (see the card)", class: "unknown", restriction: "unknown: a licence not in the Hub's list; read the card" },
  // "No License" (DPC; mostly GitHub repositories without a LICENSE file). Legally nothing is granted
  // (all rights reserved), but that is an absence of terms, not terms we can compare: a class on the
  // scale would either wave it through (permissive) or flag hundreds of datasets on a technicality.
  // Unknown keeps it out of conflicts; the name and restriction say what it means.
  { id: "no-license", spdx: false, name: "No licence (all rights reserved by default)", class: "unknown", aliases: ["No License", "none", "no licence"], restriction: "no licence granted: all rights reserved unless the source says otherwise" },
  { id: "various", spdx: false, name: "Various (mixed licences)", class: "unknown", aliases: ["Various", "mixed", "multiple"], restriction: "mixed licences: check the terms of each part" },
  // HF's "cc": the Creative Commons family, which spans CC0 to BY-NC-ND — nothing to go on.
  { id: "cc", spdx: false, name: "Creative Commons (variant unspecified)", class: "unknown", aliases: ["Creative Commons"], restriction: "unknown: some Creative Commons licence; check which" },
];

// ---------------------------------------------------------------------------------------------
// Spelling normalisation

/** Lowercase, "licence" → "license", runs of spaces/underscores/dashes → one dash, no quotes. */
function spell(raw: string): string {
  return raw
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\u2010-\u2015]/g, "-")
    .replace(/licen[cs]e/g, "license")
    .replace(/["'`“”‘’]/g, "")
    .replace(/,/g, " ")
    .replace(/[\s_]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "");
}

/** `spell` without the noise words: a leading "the", "license" tokens, "version"/"v" before numbers. */
function strip(spelled: string): string {
  const s = spelled
    .replace(/^the-/, "")
    .replace(/(^|-)license(?=-|$)/g, "")
    .replace(/(^|-)version(?=-\d)/g, "")
    .replace(/(^|-)v(?=\d)/g, "$1")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "");
  return s || spelled;
}

const BY_ID = new Map<string, Entry>();
const ALIAS = new Map<string, Entry>();
for (const e of TABLE) {
  BY_ID.set(e.id, e);
  for (const a of [e.id, ...(e.aliases ?? [])]) {
    const s = spell(a);
    if (!ALIAS.has(s)) ALIAS.set(s, e);
  }
}
// Stripped forms second, so an exact spelling always wins over a stripped one ("no-license" ≠ "no").
for (const e of TABLE) {
  for (const a of [e.id, ...(e.aliases ?? [])]) {
    const s = strip(spell(a));
    if (s.length > 2 && !ALIAS.has(s)) ALIAS.set(s, e);
  }
}

// ---------------------------------------------------------------------------------------------
// Families

type Resolved = { id: string; spdx: boolean; name: string; class: LicenceClass };

const CC_VERSIONS = new Set(["1.0", "2.0", "2.5", "3.0", "4.0"]);
/** Ported Creative Commons licences on the SPDX list. */
const CC_SPDX_PORTS = new Set([
  "CC-BY-2.5-AU", "CC-BY-3.0-AT", "CC-BY-3.0-AU", "CC-BY-3.0-DE", "CC-BY-3.0-IGO", "CC-BY-3.0-NL", "CC-BY-3.0-US",
  "CC-BY-SA-2.0-UK", "CC-BY-SA-2.1-JP", "CC-BY-SA-3.0-AT", "CC-BY-SA-3.0-DE", "CC-BY-SA-3.0-IGO",
  "CC-BY-NC-3.0-DE", "CC-BY-NC-ND-3.0-DE", "CC-BY-NC-ND-3.0-IGO", "CC-BY-ND-3.0-DE",
  "CC-BY-NC-SA-2.0-DE", "CC-BY-NC-SA-2.0-FR", "CC-BY-NC-SA-2.0-UK", "CC-BY-NC-SA-3.0-DE", "CC-BY-NC-SA-3.0-IGO",
]);
const CC_NOISE = new Set(["international", "unported", "generic", "public", "license", "deed", "legalcode"]);

/**
 * Creative Commons BY/NC/SA/ND in any spelling: `cc-by-nc-sa-4.0`, `CC BY-NC-SA 4.0`,
 * `Creative Commons Attribution-NonCommercial-ShareAlike 4.0 International`, `cc-by-sa` (no version),
 * ports (`CC BY-SA 3.0 IGO`). Null when it is not one.
 */
function creativeCommons(s: string): Resolved | null {
  const m = /^(?:cc|creative-commons)-(.+)$/.exec(s);
  if (!m) return null;
  const tokens = m[1]!.split("-");
  let by = false, nc = false, sa = false, nd = false;
  let version: string | null = null;
  let port: string | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    if (CC_NOISE.has(t)) continue;
    if (version === null && /^\d(?:\.\d)?$/.test(t)) version = t.includes(".") ? t : `${t}.0`;
    else if (version !== null && port === null && /^(?:igo|[a-z]{2})$/.test(t)) port = t.toUpperCase();
    else if (t === "by" || t === "attribution") by = true;
    else if (t === "nc" || t === "noncommercial") nc = true;
    else if (t === "non" && next === "commercial") {
      nc = true;
      i++;
    } else if (t === "sa" || t === "sharealike") sa = true;
    else if (t === "share" && next === "alike") {
      sa = true;
      i++;
    } else if (t === "nd" || t === "noderivatives" || t === "noderivs") nd = true;
    else if (t === "no" && (next === "derivatives" || next === "derivs")) {
      nd = true;
      i++;
    } else return null;
  }
  if ((sa && nd) || !(by || nc || sa || nd)) return null;
  if (version !== null && !CC_VERSIONS.has(version) && !(version === "2.1" && port)) return null;
  const code = `BY${nc ? "-NC" : ""}${nd ? "-ND" : sa ? "-SA" : ""}`;
  const klass: LicenceClass = nc ? "non-commercial" : nd ? "terms" : sa ? "share-alike" : "attribution";
  if (version === null) return { id: `cc-${code.toLowerCase()}`, spdx: false, name: `CC ${code} (version unspecified)`, class: klass };
  const id = `CC-${code}-${version}${port ? `-${port}` : ""}`;
  return { id, spdx: port ? CC_SPDX_PORTS.has(id) : true, name: `CC ${code} ${version}${port ? ` ${port}` : ""}`, class: klass };
}

const GNU_VERSIONS: Record<string, Set<string>> = { GPL: new Set(["1.0", "2.0", "3.0"]), LGPL: new Set(["2.0", "2.1", "3.0"]), AGPL: new Set(["1.0", "3.0"]), GFDL: new Set(["1.1", "1.2", "1.3"]) };
const GNU_NAMES: Record<string, string> = { GPL: "GNU GPL", LGPL: "GNU LGPL", AGPL: "GNU AGPL", GFDL: "GNU FDL" };

/** GNU GPL/LGPL/AGPL/FDL with a version: `gpl-3.0`, `GNU General Public License v3.0`, `LGPL 2.1`, `GPL-2.0+`, `agpl-3.0-or-later`. */
function gnu(s: string): Resolved | null {
  const t = s
    .replace(/^(?:gnu-)?affero-general-public/, "agpl")
    .replace(/^(?:gnu-)?(?:lesser|library)-general-public/, "lgpl")
    .replace(/^(?:gnu-)?general-public/, "gpl")
    .replace(/^(?:gnu-)?free-documentation/, "gfdl")
    .replace(/^gnu-(?=(?:a|l)?gpl|gfdl)/, "")
    .replace(/^fdl(?=-|\d)/, "gfdl");
  const m = /^(agpl|lgpl|gpl|gfdl)-?v?(\d)(?:\.(\d))?(-only|-or-later|\+|-plus)?$/.exec(t);
  if (!m) return null;
  const family = m[1]!.toUpperCase();
  const version = `${m[2]}.${m[3] ?? "0"}`;
  if (!GNU_VERSIONS[family]!.has(version)) return null;
  const later = m[4] === "-or-later" || m[4] === "+" || m[4] === "-plus";
  return { id: `${family}-${version}-${later ? "or-later" : "only"}`, spdx: true, name: `${GNU_NAMES[family]} ${version}${later ? " or later" : ""}`, class: "share-alike" };
}

function resolveSpelled(s: string): Resolved | null {
  if (!s) return BY_ID.get("unspecified")!;
  const stripped = strip(s);
  return ALIAS.get(s) ?? ALIAS.get(stripped) ?? creativeCommons(s) ?? creativeCommons(stripped) ?? gnu(stripped) ?? versionDotZero(stripped);
}

/** `apache-2` → `apache-2.0`, `mpl2` → `mpl-2.0`. */
function versionDotZero(s: string): Resolved | null {
  const m = /^(.*?[a-z])-?(\d)$/.exec(s);
  if (!m) return null;
  const t = `${m[1]}-${m[2]}.0`;
  return ALIAS.get(t) ?? creativeCommons(t) ?? gnu(t);
}

function slug(raw: string): string {
  return (
    spell(raw)
      .replace(/[^a-z0-9.+]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 80) || "unspecified"
  );
}

/** For strings nothing recognises: only the unambiguous words decide a class. */
function guessClass(s: string): LicenceClass {
  if (/(^|-)non-?commercial(-|$)/.test(s)) return "non-commercial";
  if (/(^|-)(research|academic)(-use|-purposes?)?-only(-|$)/.test(s) || /(^|-)only-for-(academic-)?research(-|$)/.test(s)) return "research-only";
  return "unknown";
}

function resolve(raw: string): { licence: Licence; recognised: boolean } {
  const s = spell(raw);
  const hit = resolveSpelled(s);
  if (hit) return { licence: { id: hit.id, spdx: hit.spdx, name: hit.name, class: hit.class, raw }, recognised: true };
  return { licence: { id: slug(raw), spdx: false, name: raw.trim().replace(/\s+/g, " "), class: guessClass(s), raw }, recognised: false };
}

/** One licence string → one licence. A string nothing recognises is `unknown` under a slug of itself. For lists and expressions use `normalizeLicences`. */
export function normalizeLicence(raw: string): Licence {
  return resolve(String(raw ?? "")).licence;
}

const TOP_SPLIT = /\s*[,;|\n]\s*|\s+or\s+/i;
const SUB_SPLIT = /\s*\/\s*|\s+and\s+|\s*&\s*/i;

/** A list part without brackets, quotes, parentheses or an SPDX `WITH` exception. */
function clean(part: string): string {
  return part
    .replace(/^[\s[("'{]+|[\s\])"'}]+$/g, "")
    .replace(/\s+WITH\s+.*$/i, "")
    .trim();
}

/**
 * A licence field that may hold several: an array (HF `license: [mit, apache-2.0]`), a joined list
 * ("apache-2.0, mit"), an SPDX expression ("(MIT OR Apache-2.0) AND CC-BY-4.0", "GPL-2.0 WITH
 * Classpath-exception-2.0"), or a single name. A whole string that is itself a known name is never
 * split ("University of Illinois/NCSA"). Duplicates (by id) go; order is kept; nothing declared → [].
 *
 * OR and AND are both read as "each of these applies to some of the data": the conservative reading
 * for lineage, where a dual-licensed source's stricter option cannot be ruled out.
 */
export function normalizeLicences(raw: string | readonly string[] | null | undefined): Licence[] {
  const out: Licence[] = [];
  const seen = new Set<string>();
  const add = (l: Licence) => {
    if (seen.has(l.id)) return;
    seen.add(l.id);
    out.push(l);
  };
  if (raw === null || raw === undefined) return out;
  if (Array.isArray(raw)) {
    for (const r of raw) for (const l of normalizeLicences(String(r))) add(l);
    return out;
  }
  const text = String(raw).trim();
  if (!/[\p{L}\p{N}]/u.test(text)) return out;
  const whole = resolve(text);
  if (whole.recognised) return [whole.licence];
  const parts = text.replace(/^\[|\]$/g, "").split(TOP_SPLIT).map(clean).filter(Boolean);
  for (const part of parts) {
    const one = resolve(part);
    if (one.recognised) {
      add(one.licence);
      continue;
    }
    const subs = part.split(SUB_SPLIT).map(clean).filter(Boolean);
    const resolved = subs.map(resolve);
    if (subs.length > 1 && resolved.every((r) => r.recognised)) for (const r of resolved) add(r.licence);
    else add(one.licence);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// What a licence asks of what is built from it

/** "share-alike: derivatives must keep CC-BY-SA-4.0"; null for permissive licences (they ask nothing worth listing). */
export function restrictionOf(l: Pick<Licence, "id" | "class">): string | null {
  const own = BY_ID.get(l.id)?.restriction;
  if (own) return own;
  const nd = isNoDerivatives(l.id);
  switch (l.class) {
    case "permissive":
      return null;
    case "attribution":
      return `attribution: credit the source (${l.id})`;
    case "share-alike":
      return `share-alike: derivatives must keep ${l.id}`;
    case "terms":
      return nd ? `no derivatives: adapted versions may not be shared (${l.id})` : `${l.id} terms apply: read them`;
    case "non-commercial":
      return `non-commercial use only${isShareAlike(l) ? `; share-alike: derivatives must keep ${l.id}` : ""}${nd ? "; no derivatives may be shared" : ""}`;
    case "research-only":
      return "research use only";
    case "unknown":
      return "unknown: check the source's terms";
  }
}

function isNoDerivatives(id: string): boolean {
  return /^cc-by(-nc)?-nd(-|$)/i.test(id);
}

/** Whether derivatives must stay under the same licence: the share-alike class, and CC BY-NC-SA. */
export function isShareAlike(l: Pick<Licence, "id" | "class">): boolean {
  return l.class === "share-alike" || /^cc-by-nc-sa(-|$)/i.test(l.id);
}

/** `CC-BY-SA-4.0` → { family: "CC-BY-SA", version: 4 }; `GPL-3.0-or-later` → { family: "GPL", version: 3, later: true }. */
function familyOf(id: string): { family: string; version: number | null; later: boolean } {
  const cc = /^(cc-by(?:-nc)?(?:-sa|-nd)?)(?:-(\d\.\d))?(?:-[a-z]+)?$/i.exec(id);
  if (cc) return { family: cc[1]!.toUpperCase(), version: cc[2] ? Number(cc[2]) : null, later: false };
  const gnuId = /^(agpl|lgpl|gpl|gfdl)(?:-(\d\.\d)-(only|or-later))?$/i.exec(id);
  if (gnuId) return { family: gnuId[1]!.toUpperCase(), version: gnuId[2] ? Number(gnuId[2]) : null, later: gnuId[3] === "or-later" };
  return { family: id, version: null, later: false };
}

/**
 * Whether publishing a derivative under `declared` honours the share-alike clause of `inherited`:
 * the same licence; the same family at the same or a later version (CC BY-SA 3.0 → 4.0, GPL-2.0-or-later
 * → GPL-3.0); a version the inherited side leaves open (one side unversioned); or CC BY-SA 4.0 → GPLv3,
 * the one-way compatibility Creative Commons declared.
 */
export function keepsShareAlike(declared: Pick<Licence, "id">, inherited: Pick<Licence, "id">): boolean {
  if (declared.id === inherited.id) return true;
  const d = familyOf(declared.id);
  const i = familyOf(inherited.id);
  if (i.family === "CC-BY-SA" && i.version === 4 && d.family === "GPL" && d.version === 3) return true;
  if (d.family !== i.family) return false;
  if (d.version === null || i.version === null) return true;
  if (i.family === "GPL" || i.family === "LGPL" || i.family === "AGPL" || i.family === "GFDL") return d.version === i.version || (i.later && d.version > i.version);
  return d.version >= i.version;
}
