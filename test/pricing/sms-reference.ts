/**
 * An independent count of SMS segments (GSM 03.38 and UCS-2, as the specifications put it), and a
 * seeded generator of texts around the segment boundaries: the property test checks our answer
 * against both this and Twilio's counter, so a misreading of the counter shows too.
 */
import { seeded } from '../helpers/seeded';

export const GSM_BASIC: ReadonlySet<string> = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
    '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** Sent as an escape and the character: two septets each. */
export const GSM_EXTENSION: ReadonlySet<string> = new Set('\f^{}\\[~]|€');

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** Encoding and segments: 160/153 septets for GSM-7, 70/67 UTF-16 units for UCS-2. */
export function referenceSegments(text: string): { encoding: string; segments: number } {
  // A CR LF pair is two characters on the air, whatever Unicode groups it as.
  const characters = [...graphemes.segment(text)].flatMap(({ segment }) =>
    segment === '\r\n' ? ['\r', '\n'] : [segment],
  );
  const gsm = characters.every((c) => GSM_BASIC.has(c) || GSM_EXTENSION.has(c));
  const units = characters.map((c) => (gsm ? (GSM_EXTENSION.has(c) ? 2 : 1) : c.length));
  const [single, concatenated] = gsm ? [160, 153] : [70, 67];
  const encoding = gsm ? 'GSM_7' : 'UCS_2';
  if (units.reduce((a, b) => a + b, 0) <= single) return { encoding, segments: 1 };
  // A character (an escape pair, a surrogate pair, a letter and its accents) is never split.
  let segments = 1;
  let used = 0;
  for (const size of units) {
    if (used + size > concatenated) {
      segments++;
      used = 0;
    }
    used += size;
  }
  return { encoding, segments };
}

const BASIC = [...GSM_BASIC];
const EXTENSION = [...GSM_EXTENSION];
/** Outside GSM-7: Cyrillic, Greek small, CJK, ç, a no-break space, emoji, a flag, a combining accent. */
const OTHER = ['ж', 'λ', '中', 'ç', '\u00a0', '😀', '🎉', '🇫🇷', 'e\u0301', 'ü\u0308'];
/** Lengths around the boundaries: 70/71, 134/135, 153, 160/161, 306/307, and anything. */
const LENGTHS = [
  [0, 12],
  [64, 76],
  [128, 140],
  [150, 170],
  [300, 312],
  [0, 500],
];

/** `count` texts: GSM-7 only (with extension characters) or with some characters outside it. */
export function seededStrings(count: number, seed: number): string[] {
  const next = seeded(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  return Array.from({ length: count }, () => {
    const [low, high] = pick(LENGTHS);
    const length = low + Math.floor(next() * (high - low + 1));
    const extensions = next() < 0.5 ? 0 : next() * 0.2;
    const others = next() < 0.5 ? 0 : next() < 0.5 ? 0.01 : next() * 0.5;
    let text = '';
    while (text.length < length) {
      const roll = next();
      text +=
        roll < others ? pick(OTHER) : roll < others + extensions ? pick(EXTENSION) : pick(BASIC);
    }
    return text;
  });
}
