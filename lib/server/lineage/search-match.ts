import "server-only";
import { Prisma } from "@/lib/server/generated/prisma/client";
import { aliasNorm } from "@/lib/lineage-io/names";
import { normalizeForMatch, queryTokens } from "@/lib/search/match";

/** Escape LIKE's wildcards so user text only ever matches itself (used with ESCAPE '\'). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

// lib/search/match.ts's word breaks in SQL: ASCII punctuation and spaces, and a "." unless it
// sits between two digits. ASCII only, because Postgres's character classes follow the
// server's locale, so [:alnum:] could differ between PGlite and a server; names in other
// scripts keep their letters and still match. (Lookbehind needs PostgreSQL 9.6 or later.)
const BREAK_CHARS = String.raw`[\x01-\x2d\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]`;
const SQL_WORD_BREAKS = String.raw`(?:${BREAK_CHARS}|(?<![0-9])\.|\.(?![0-9]))+`;

/** A regex for `token` (letters, digits and decimal points only) at the start of a word. */
function wordStartRegex(token: string): string {
  // A "." before a digit only breaks words when no digit precedes it ("2.5" is one word).
  const dot = /^[0-9]/.test(token) ? String.raw`(?<![0-9])\.` : String.raw`\.`;
  return `(^|${BREAK_CHARS}|${dot})${token.replaceAll(".", String.raw`\.`)}`;
}

const like = (column: string, pattern: string) => Prisma.sql`${Prisma.raw(column)} LIKE ${pattern} ESCAPE '\\'`;
const allOf = (tests: Prisma.Sql[]) => (tests.length ? Prisma.sql`(${Prisma.join(tests, " AND ")})` : Prisma.sql`false`);
const anyOf = (tests: Prisma.Sql[]) => Prisma.sql`(${Prisma.join(tests, " OR ")})`;

/**
 * CTE body `candidates(id, rank, alias)` for a non-empty, trimmed, lower-cased query: the
 * rule of lib/search/match.ts over each dataset's key, display name and aliases. A dataset
 * matches when every word of the query is in one of its fields (not necessarily the same
 * one), or the query without spaces is in a field without spaces and punctuation, or the
 * query as typed is in a field (which keeps accented names matching: the SQL side folds
 * case but not accents). Rank 0 a whole field, 1 a field's start, 2 every word at a word
 * start, 3 anywhere. The alias reported is that of the best-ranked single field when it is
 * an alias; on a tie the key or name wins, unless only the alias equals the query as typed.
 *
 * A regular expression costs about 5 µs a field on PostgreSQL and 30 µs on PGlite (0.3 s
 * over the seed's 9,400 keys and names), many times a LIKE, so every regex sits behind LIKE
 * tests that leave it only the fields that need it.
 */
export function matchCandidates(q: string): Prisma.Sql {
  const tokens = queryTokens(q);
  const flat = normalizeForMatch(q).replaceAll(" ", "");
  // Aliases are stored in a folded form ("MATH-500" → "math500"); compare like with like.
  const folded = aliasNorm(q);
  const contains = like("text", `%${escapeLike(q)}%`);
  // A field whose flat form contains the query's has the query's letters in order: a LIKE
  // linear in time (every literal follows a %, so PostgreSQL never backtracks past one).
  // Only a query of nothing but punctuation has an empty flat form, which is in every field.
  const inOrder = flat ? like("text", `%${[...flat].map(escapeLike).join("%")}%`) : Prisma.sql`false`;
  const hasToken = tokens.map((token) => like("text", `%${escapeLike(token)}%`));
  const tokenColumns = tokens.flatMap((token, i) => {
    const t = escapeLike(token);
    return [
      Prisma.sql`${hasToken[i]!} AS ${Prisma.raw(`t${i}`)}`,
      // The common word starts by LIKE first: the start of the field or of a Hub name.
      Prisma.sql`CASE WHEN NOT ${hasToken[i]!} THEN false WHEN ${like("text", `${t}%`)} OR ${like("text", `%/${t}%`)} THEN true
        ELSE text ~ ${wordStartRegex(token)} END AS ${Prisma.raw(`w${i}`)}`,
    ];
  });
  const columns = (prefix: string) => tokens.map((_, i) => Prisma.raw(`${prefix}${i}`));
  const acrossFields = (prefix: string) => allOf(columns(prefix).map((column) => Prisma.sql`bool_or(${column})`));
  return Prisma.sql`
    WITH fields AS MATERIALIZED (
      SELECT id, text, alias, exact OR text = ${q} AS exact, ${contains} AS contains,
        -- When the field holds the query as typed, its flat form adds nothing worth a regex.
        CASE WHEN NOT ${contains} AND ${inOrder} THEN regexp_replace(text, ${SQL_WORD_BREAKS}, '', 'g') END AS flat
        ${tokenColumns.length ? Prisma.sql`, ${Prisma.join(tokenColumns)}` : Prisma.empty}
      FROM (
        SELECT d.id, d.key_norm AS text, NULL::text AS alias, false AS exact FROM dataset d
        UNION ALL
        -- OFFSET 0 keeps the subquery whole, so lower() runs once a row and not once a test.
        SELECT id, text, NULL, false FROM (SELECT d.id, lower(d.display_name) AS text FROM dataset d OFFSET 0) names
        UNION ALL
        SELECT a.dataset_id, lower(a.alias), a.alias, ${folded ? Prisma.sql`a.alias_norm = ${folded}` : Prisma.sql`false`} FROM alias a
      ) raw
      -- A field failing all of these has no word of the query and no flat match: it adds nothing.
      WHERE ${anyOf([Prisma.sql`exact`, inOrder, ...hasToken, contains])}
    ),
    ranked AS (
      SELECT *,
        CASE WHEN exact OR flat = ${flat} THEN 0
             WHEN ${like("text", `${escapeLike(q)}%`)} OR ${like("flat", `${escapeLike(flat)}%`)} THEN 1
             WHEN ${allOf(columns("w"))} THEN 2
             WHEN contains OR ${like("flat", `%${escapeLike(flat)}%`)} OR ${allOf(columns("t"))} THEN 3
             ELSE 4 END AS field_rank
      FROM fields
    ),
    per_dataset AS (
      SELECT id,
        -- The words may be spread over fields: one in the key, another in an alias.
        LEAST(min(field_rank), CASE WHEN ${acrossFields("w")} THEN 2 WHEN ${acrossFields("t")} THEN 3 ELSE 4 END) AS rank,
        CASE WHEN min(field_rank) < 4 THEN (array_agg(alias ORDER BY field_rank, exact DESC, alias NULLS FIRST))[1] END AS alias
      FROM ranked GROUP BY id
    )
    SELECT id, rank, alias FROM per_dataset WHERE rank < 4`;
}
