import { catalogue, type PricedCountry, type PricingType } from './pricing.data';

/**
 * Network prices moved away from the catalogue's own (a test's "Vonage changed some prices"), by
 * `country:networkCode`, per type. The shared catalogue is never changed: each simulator keeps its
 * own moves and its answers apply them.
 */
export type PriceMoves = Map<PricingType, Map<string, bigint>>;

export interface MovedPrice {
  type: PricingType;
  country: string;
  networkCode: string;
  fromUnits: bigint;
  toUnits: bigint;
}

/** Prices move in the catalogue's steps of 0.00001. */
const STEP = 1000n;
/** Spreads the picks over the list; a pick already taken steps on by one. */
const STRIDE = 7919;

export const moveKey = (country: string, networkCode: string) => `${country}:${networkCode}`;

/**
 * Moves `n` distinct mobile network prices of `type` among the priced countries, by about 5%
 * (at least one step), up and down in turn. Deterministic: the same sequence of calls on a fresh
 * simulator moves the same networks to the same prices.
 */
export function movePrices(
  moves: PriceMoves,
  type: PricingType,
  n: number,
  unpriced: ReadonlySet<string>,
  sequence: number,
): MovedPrice[] {
  const candidates = catalogue(type)
    .filter((country) => !unpriced.has(country.code))
    .flatMap((country) =>
      country.networks
        .filter((network) => network.type === 'mobile')
        .map((network) => ({ country: country.code, network })),
    );
  if (n > candidates.length) {
    throw new RangeError(`move must be at most ${candidates.length} (the priced mobile networks)`);
  }
  const own = moves.get(type) ?? new Map<string, bigint>();
  moves.set(type, own);
  const picked = new Set<number>();
  const moved: MovedPrice[] = [];
  let index = (sequence * STRIDE) % candidates.length;
  for (let i = 0; i < n; i++) {
    while (picked.has(index)) index = (index + 1) % candidates.length;
    picked.add(index);
    const { country, network } = candidates[index];
    const key = moveKey(country, network.networkCode);
    const fromUnits = own.get(key) ?? network.units;
    const delta = (fromUnits / 20n / STEP) * STEP || STEP;
    const down = (sequence + i) % 2 === 1 && fromUnits - delta > 0n;
    const toUnits = down ? fromUnits - delta : fromUnits + delta;
    own.set(key, toUnits);
    moved.push({ type, country, networkCode: network.networkCode, fromUnits, toUnits });
    index = (index + STRIDE) % candidates.length;
  }
  return moved;
}

/** A country with its moved network prices applied (the same object when none moved). */
export function withMoves(
  country: PricedCountry,
  moves: ReadonlyMap<string, bigint> | undefined,
): PricedCountry {
  if (!moves || moves.size === 0) return country;
  let changed = false;
  const networks = country.networks.map((network) => {
    const units = moves.get(moveKey(country.code, network.networkCode));
    if (units === undefined) return network;
    changed = true;
    return { ...network, units };
  });
  return changed ? { ...country, networks } : country;
}

/** A stable name for a set of moves, to key what is rendered from it. */
export function movesDigest(moves: ReadonlyMap<string, bigint> | undefined): string {
  if (!moves || moves.size === 0) return '';
  return [...moves]
    .map(([key, units]) => `${key}=${units}`)
    .sort()
    .join(',');
}
