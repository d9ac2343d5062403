import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parse as parseLosslessJson } from 'lossless-json';

/**
 * Where a decoded body holds a list, so that XML decodes to the same shape as JSON. Each area's
 * client declares its own, by path: the transport knows no element names.
 * - `at`: the list's path in the decoded (JSON) body, dot-separated, without indices
 *   (`countries`, `countries.networks`);
 * - `item`: the XML element each entry is wrapped in (`<networks><network/>…</networks>` has item
 *   `network`); absent when the XML repeats the element at `at` itself (`<entry/><entry/>`).
 */
export interface XmlList {
  at: string;
  item?: string;
}

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

/** The declared lists, indexed by their JSON path. */
type ListIndex = ReadonlyMap<string, XmlList>;

/** The XML element path (below the root) of each list's repeated element. */
function repeatedPaths(lists: ListIndex): Set<string> {
  const xmlPath = (at: string): string => {
    const segments = at.split('.');
    const parts: string[] = [];
    segments.forEach((segment, index) => {
      parts.push(segment);
      const list = lists.get(segments.slice(0, index + 1).join('.'));
      // A list's own item is part of the path to anything inside its entries.
      if (list?.item && index < segments.length - 1) parts.push(list.item);
    });
    return parts.join('.');
  };
  const paths = new Set<string>();
  for (const list of lists.values()) {
    paths.add(list.item ? `${xmlPath(list.at)}.${list.item}` : xmlPath(list.at));
  }
  return paths;
}

function collapse(value: unknown, path: string, lists: ListIndex): unknown {
  if (Array.isArray(value)) return value.map((entry) => collapse(entry, path, lists));
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    const list = lists.get(at);
    let item: unknown = raw;
    if (list?.item) {
      // `<networks/>` is an empty list; otherwise the wrapper holds the repeated items.
      item =
        raw && typeof raw === 'object' ? ((raw as Record<string, unknown>)[list.item] ?? []) : [];
    }
    if (list && item === '') item = [];
    out[key] = collapse(item, at, lists);
  }
  return out;
}

interface XmlReader {
  lists: ListIndex;
  parser: XMLParser;
}

/** Clients declare their lists once, as constants: each declaration's parser is made once. */
const readers = new WeakMap<readonly XmlList[], XmlReader>();

function readerFor(declared: readonly XmlList[]): XmlReader {
  let reader = readers.get(declared);
  if (!reader) {
    const lists: ListIndex = new Map(declared.map((list) => [list.at, list]));
    reader = { lists, parser: createParser(repeatedPaths(lists)) };
    readers.set(declared, reader);
  }
  return reader;
}

function createParser(repeated: ReadonlySet<string>): XMLParser {
  return new XMLParser({
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
    // jpath starts with the root element, which names the document, not a field.
    isArray: (_name, jpath) => repeated.has(String(jpath).slice(String(jpath).indexOf('.') + 1)),
  });
}

function decodeXml(text: string, declared: readonly XmlList[]): unknown {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new DecodeError(`malformed XML: ${valid.err.msg}`);
  const { lists, parser } = readerFor(declared);
  const document = parser.parse(text) as Record<string, unknown>;
  const roots = Object.keys(document);
  const root = roots.length === 1 ? document[roots[0]] : document;
  return collapse(root === '' ? {} : root, '', lists);
}

function decodeJson(text: string): unknown {
  try {
    // Numeric values are kept as their exact text ("10.17127500"); the clients read them as decimals or
    // integers as each field needs.
    return parseLosslessJson(text, null, (digits) => digits);
  } catch (error) {
    throw new DecodeError(`malformed JSON: ${(error as Error).message}`);
  }
}

/**
 * Decodes an upstream body: JSON, XML (`application/xml`, `text/xml`) or empty (`{}`). `lists`
 * says where the body holds lists, for XML. Throws DecodeError on anything else.
 */
const NO_LISTS: readonly XmlList[] = [];

export function decodeBody(
  contentType: string | undefined,
  text: string,
  lists: readonly XmlList[] = NO_LISTS,
): unknown {
  const format = formatOf(contentType, text);
  if (format === 'empty') return {};
  if (format === 'json') return decodeJson(text);
  if (format === 'xml') return decodeXml(text, lists);
  throw new DecodeError(`unexpected content type "${contentType ?? 'none'}"`);
}
