import { jsonSizeAbove } from '../../src/limits/response';

const list = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ networkName: `Network ${i}`, price: '0.01000000' }));
const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
};
const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

describe('jsonSizeAbove', () => {
  it('counts at least the serialised size, frozen or not, once measured and again', () => {
    const frozen = deepFreeze(list(200));
    const answer = { data: { pricings: [{ networks: frozen }, { networks: frozen }] } };
    const size = bytes(answer);
    for (let i = 0; i < 3; i++) {
      expect(jsonSizeAbove(answer, size - 1)).toBe(true);
      expect(jsonSizeAbove({ data: { pricings: [{ networks: list(200) }] } }, size - 1)).toBe(
        false,
      );
    }
    // Estimated a little above, never far.
    expect(jsonSizeAbove(answer, Math.ceil(size * 1.2))).toBe(false);
  });

  it('counts again a frozen value whose inside can change', () => {
    const inner = list(1);
    const shallow = Object.freeze([inner]);
    const answer = { data: shallow };
    const before = bytes(answer);
    expect(jsonSizeAbove(answer, before * 2)).toBe(false);
    inner.push(...list(500));
    expect(jsonSizeAbove(answer, before * 2)).toBe(true);
  });
});
