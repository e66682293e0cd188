/** A benchmark setting from the environment that is not usable: bench/run.ts prints it plainly and exits 2. */
export class BenchSettingError extends Error {
  override name = "BenchSettingError";
}

/** A numeric setting `name` from the environment (`fallback` when unset), checked before anything starts. */
export function numberSetting(name: string, fallback: number, rule: { min: number; integer?: boolean }): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === "" ? fallback : Number(raw);
  if (!Number.isFinite(value) || value < rule.min || (rule.integer && !Number.isInteger(value))) {
    throw new BenchSettingError(`${name} must be a ${rule.integer ? "whole number" : "number"} ≥ ${rule.min}, not "${raw}"`);
  }
  return value;
}
