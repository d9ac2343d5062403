/** Polls `find` every 25 ms until it gives something truthy (returned), for at most 15 s. */
export async function until<T>(find: () => T, what: string): Promise<NonNullable<T>> {
  for (let i = 0; i < 600; i++) {
    const found = find();
    if (found) return found as NonNullable<T>;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting until ${what}`);
}
