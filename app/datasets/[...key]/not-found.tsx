import Link from "next/link";
import { SearchForm } from "@/components/search/SearchForm";

export default function DatasetNotFound() {
  return (
    <article className="max-w-2xl space-y-4" data-testid="dataset-not-found">
      <h1 className="text-2xl font-semibold">Dataset not found</h1>
      <p className="text-slate-700">
        Rootline has no record of this dataset yet. Check the spelling of the key (Hub datasets are <code className="font-mono">owner/name</code>), or
        search by name:
      </p>
      <SearchForm />
      <p>
        <Link href="/" className="text-blue-700 underline">
          Back to the start page
        </Link>
      </p>
    </article>
  );
}
