import type { Metadata } from "next";
import { DatasetList } from "@/components/dataset/DatasetList";
import { SearchBox } from "@/components/search/SearchBox";
import { isAppError } from "@/lib/errors";
import { searchDatasets } from "@/lib/server/lineage/queries";
import { parseParams, searchParamsSchema, type SearchParams } from "@/lib/validation/lineage";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Search" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SearchPage({ searchParams }: Props) {
  let params: SearchParams;
  try {
    params = parseParams(searchParamsSchema, await searchParams);
  } catch (error) {
    if (!isAppError(error)) throw error;
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold">Search</h1>
        <SearchBox defaultValue="" />
        <p className="text-red-700">{error.message}</p>
      </div>
    );
  }
  const { q } = params;
  const results = q ? await searchDatasets(params) : [];
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{q ? `Datasets matching “${q}”` : "Search"}</h1>
      <SearchBox defaultValue={q} autoFocus={!q} />
      {q &&
        (results.length ? (
          <DatasetList items={results} testId="search-results" />
        ) : (
          <div data-testid="search-no-matches" className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm text-slate-700">
            <p className="font-medium text-slate-900">No datasets match “{q}”.</p>
            <p>Every word must appear in a dataset&apos;s key, name or alias. Try fewer words, or part of a name.</p>
          </div>
        ))}
    </div>
  );
}
