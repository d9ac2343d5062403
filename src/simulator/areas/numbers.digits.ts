/**
 * Digit strings drawn from a libphonenumber national-number pattern, so the sandbox's pool holds
 * numbers from real allocated ranges rather than the one example per country. The patterns use a
 * small regex subset — digits, `\d`, `[...]` with ranges, `(?:...)`, `|`, `?` and `{n}` /
 * `{n,m}` — and only that subset is understood; anything else throws, so a metadata update that
 * brings new syntax fails loudly instead of yielding numbers outside the pattern.
 */

type Node =
  | { kind: 'set'; chars: string }
  | { kind: 'seq'; items: Node[] }
  | { kind: 'alt'; options: Node[] }
  | { kind: 'repeat'; node: Node; min: number; max: number };

const DIGITS = '0123456789';

export function parsePattern(pattern: string): Node {
  let at = 0;
  const fail = (what: string): never => {
    throw new SyntaxError(`Unsupported ${what} at ${at} in /${pattern}/`);
  };

  const alternation = (): Node => {
    const options = [sequence()];
    while (pattern[at] === '|') {
      at += 1;
      options.push(sequence());
    }
    return options.length === 1 ? (options[0] as Node) : { kind: 'alt', options };
  };

  const sequence = (): Node => {
    const items: Node[] = [];
    while (at < pattern.length && pattern[at] !== '|' && pattern[at] !== ')') {
      items.push(quantified(atom()));
    }
    return { kind: 'seq', items };
  };

  const atom = (): Node => {
    const char = pattern[at] ?? '';
    at += 1;
    if (DIGITS.includes(char)) return { kind: 'set', chars: char };
    if (char === '\\') {
      if (pattern[at] !== 'd') fail('escape');
      at += 1;
      return { kind: 'set', chars: DIGITS };
    }
    if (char === '[') return charClass();
    if (char === '(') {
      if (pattern.startsWith('?:', at)) at += 2;
      const inner = alternation();
      if (pattern[at] !== ')') fail('group');
      at += 1;
      return inner;
    }
    return fail(`character ${JSON.stringify(char)}`);
  };

  const charClass = (): Node => {
    let chars = '';
    while (pattern[at] !== ']') {
      const from = pattern[at] ?? fail('character class');
      if (pattern[at + 1] === '-' && pattern[at + 2] !== ']') {
        const to = pattern[at + 2] ?? fail('range');
        for (let code = from.charCodeAt(0); code <= to.charCodeAt(0); code += 1) {
          chars += String.fromCharCode(code);
        }
        at += 3;
      } else if (from === '\\' && pattern[at + 1] === 'd') {
        chars += DIGITS;
        at += 2;
      } else {
        chars += from;
        at += 1;
      }
    }
    at += 1;
    if (![...chars].every((char) => DIGITS.includes(char))) fail('non-digit class');
    return { kind: 'set', chars };
  };

  const quantified = (node: Node): Node => {
    if (pattern[at] === '?') {
      at += 1;
      return { kind: 'repeat', node, min: 0, max: 1 };
    }
    if (pattern[at] !== '{') return node;
    const close = pattern.indexOf('}', at);
    const match = /^\{(\d+)(?:,(\d+))?\}$/.exec(pattern.slice(at, close + 1));
    if (!match) return fail('quantifier');
    at = close + 1;
    const min = Number(match[1]);
    return { kind: 'repeat', node, min, max: match[2] === undefined ? min : Number(match[2]) };
  };

  const tree = alternation();
  if (at !== pattern.length) fail('character');
  return tree;
}

/** One string the pattern matches in full; `random` returns floats in [0, 1). */
export function generate(node: Node, random: () => number): string {
  const pick = (count: number) => Math.floor(random() * count);
  switch (node.kind) {
    case 'set':
      return node.chars[pick(node.chars.length)] ?? '';
    case 'seq':
      return node.items.map((item) => generate(item, random)).join('');
    case 'alt':
      return generate(node.options[pick(node.options.length)] as Node, random);
    case 'repeat': {
      const times = node.min + pick(node.max - node.min + 1);
      return Array.from({ length: times }, () => generate(node.node, random)).join('');
    }
  }
}

/** mulberry32: small, fast and the same on every machine, so the pool is the same everywhere. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
