import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parse as parseLosslessJson } from 'lossless-json';

/**
 * XML lists arrive wrapped (`<networks><network/>…</networks>`); these wrappers are collapsed to
 * plain arrays so that XML decodes to the same shape as JSON.
 */
const LIST_WRAPPERS: Record<string, string> = {
  networks: 'network',
  features: 'feature',
  countries: 'country',
  numbers: 'number',
  ranges: 'range',
  aliases: 'alias',
};
const LIST_ITEMS = new Set(Object.values(LIST_WRAPPERS));

const xmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  // Values stay text: money must not pass through a float, and the area clients read each field
  // with the type it has.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: true,
  isArray: (name) => LIST_ITEMS.has(name),
});

export class DecodeError extends Error {
  override name = 'DecodeError';
}

export type BodyFormat = 'json' | 'xml' | 'empty';

function formatOf(contentType: string | undefined, text: string): BodyFormat | undefined {
  if (text.trim() === '') return 'empty';
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/json' || type.endsWith('+json')) return 'json';
  if (type === 'application/xml' || type === 'text/xml' || type.endsWith('+xml')) return 'xml';
  // Without a usable content type, trust the first character.
  const first = text.trimStart()[0];
  if (first === '{' || first === '[') return 'json';
  if (first === '<') return 'xml';
  return undefined;
}

function collapseLists(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(collapseLists);
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const itemName = LIST_WRAPPERS[key];
    if (itemName !== undefined) {
      if (item === '' || item === undefined) {
        out[key] = [];
        continue;
      }
      if (item && typeof item === 'object' && !Array.isArray(item)) {
        const inner = (item as Record<string, unknown>)[itemName];
        if (Array.isArray(inner)) {
          out[key] = inner.map(collapseLists);
          continue;
        }
      }
    }
    out[key] = collapseLists(item);
  }
  return out;
}

function decodeXml(text: string): unknown {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new DecodeError(`malformed XML: ${valid.err.msg}`);
  const document = xmlParser.parse(text) as Record<string, unknown>;
  const roots = Object.keys(document);
  // The root element (accountBalance, account-settings, response, pricing…) names the document,
  // not a field.
  const root = roots.length === 1 ? document[roots[0]] : document;
  return collapseLists(root === '' ? {} : root);
}

function decodeJson(text: string): unknown {
  try {
    // Numbers are kept as their exact text ("10.17127500"); the clients read them as decimals or
    // integers as each field needs.
    return parseLosslessJson(text, null, (digits) => digits);
  } catch (error) {
    throw new DecodeError(`malformed JSON: ${(error as Error).message}`);
  }
}

/**
 * Decodes an upstream body: JSON, XML (`application/xml`, `text/xml`) or empty (`{}`).
 * Throws DecodeError on anything else.
 */
export function decodeBody(contentType: string | undefined, text: string): unknown {
  const format = formatOf(contentType, text);
  if (format === 'empty') return {};
  if (format === 'json') return decodeJson(text);
  if (format === 'xml') return decodeXml(text);
  throw new DecodeError(`unexpected content type "${contentType ?? 'none'}"`);
}
