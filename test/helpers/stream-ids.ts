/** Redis-stream-style `<ms>-<n>` ids in increasing order. */
export function ascending(ids: string[]): boolean {
  const parsed = ids.map((id) => id.split('-').map(Number));
  return parsed.every(
    ([ms, seq], i) =>
      i === 0 || ms > parsed[i - 1][0] || (ms === parsed[i - 1][0] && seq > parsed[i - 1][1]),
  );
}
