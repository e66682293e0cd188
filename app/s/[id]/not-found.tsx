import Link from "next/link";

export default function SnapshotNotFound() {
  return (
    <article className="max-w-2xl space-y-4" data-testid="snapshot-not-found">
      <h1 className="text-2xl font-semibold">Frozen view not found</h1>
      <p className="text-slate-700">
        There is no frozen view at this address. Check that the link was copied whole: it ends in ten letters and digits, like{" "}
        <code className="font-mono">/s/Ab3dE6gH9k</code>.
      </p>
      <p>
        <Link href="/" className="text-blue-700 underline">
          Search for a dataset
        </Link>
      </p>
    </article>
  );
}
