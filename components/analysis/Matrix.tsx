import Link from "next/link";

/** A symmetric similarity matrix as a table, each cell shaded by its value (and printed, so colour is never the only signal). */
export function Matrix({ title, keys, values, testId, compareHref }: { title: string; keys: string[]; values: number[][]; testId: string; compareHref: (a: string, b: string) => string }) {
  return (
    <div className="space-y-1">
      <h3 className="text-sm font-semibold">{title}</h3>
      <div className="overflow-x-auto">
        <table data-testid={testId} className="border-collapse text-xs">
          <thead>
            <tr>
              <th scope="col" className="p-1" />
              {keys.map((k, j) => (
                <th key={k} scope="col" className="max-w-28 p-1 text-left align-bottom font-medium" title={k}>
                  {j + 1}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {keys.map((a, i) => (
              <tr key={a}>
                <th scope="row" className="max-w-64 truncate p-1 text-left font-medium" title={a}>
                  {i + 1}. {a}
                </th>
                {keys.map((b, j) => {
                  const v = values[i]![j]!;
                  return (
                    <td key={b} className="p-0.5 text-center tabular-nums" style={{ backgroundColor: `rgba(29, 78, 216, ${0.08 + v * 0.72})`, color: v > 0.55 ? "#fff" : "#0f172a" }}>
                      {i === j ? (
                        v.toFixed(2)
                      ) : (
                        <Link href={compareHref(a, b)} className="block px-1 py-0.5" title={`${a} vs ${b}`}>
                          {v.toFixed(2)}
                        </Link>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
