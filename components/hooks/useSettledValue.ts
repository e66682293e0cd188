"use client";

import { useEffect, useState } from "react";

/**
 * `value` once it has stayed the same for `ms`: a selection clicked through quickly, or
 * followed at once by an expansion, does not start the panel's requests for every node passed
 * (on a small server they would queue in front of the expansion's own request).
 */
export function useSettledValue<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (Object.is(value, settled)) return;
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, settled, ms]);
  return settled;
}
