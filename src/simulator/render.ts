import { XMLBuilder } from 'fast-xml-parser';

const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;
const XML_PROLOG = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
const XML_TYPES = new Set(['application/xml', 'text/xml']);
const JSON_TYPES = new Set(['application/json']);

/** A number written verbatim into JSON, so money keeps its 8 places (`"value": 10.17127500`). */
export class RawNumber {
  constructor(readonly text: string) {
    if (!JSON_NUMBER.test(text))
      throw new RangeError(`${JSON.stringify(text)} is not a JSON number`);
  }
}

export type Payload =
  | string
  | number
  | boolean
  | null
  | RawNumber
  | readonly Payload[]
  | { readonly [key: string]: Payload };

const builder = new XMLBuilder({ format: true, indentBy: '  ', suppressEmptyNode: false });

/**
 * JSON as Vonage's legacy endpoints write it: slashes escaped (`"https:\/\/example.com"`, as in the
 * OpenAPI examples) and money as a number with all 8 places. Both are valid JSON that a careless
 * decoder can still get wrong, which is why the sandbox keeps them.
 */
export function toJson(value: Payload): string {
  if (value instanceof RawNumber) return value.text;
  if (typeof value === 'string') return JSON.stringify(value).replace(/\//g, '\\/');
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'null';
  if (isList(value)) return `[${value.map(toJson).join(',')}]`;
  const members = Object.entries(value).map(([key, item]) => `${toJson(key)}:${toJson(item)}`);
  return `{${members.join(',')}}`;
}

export function toXml(root: string, value: Payload): string {
  return `${XML_PROLOG}\n${builder.build({ [root]: toXmlTree(value) })}`;
}

function toXmlTree(value: Payload): unknown {
  if (value instanceof RawNumber) return value.text;
  if (value === null) return '';
  if (typeof value !== 'object') return String(value);
  if (isList(value)) return value.map(toXmlTree);
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toXmlTree(item)]));
}

function isList(value: object): value is readonly Payload[] {
  return Array.isArray(value);
}

/**
 * XML when the client lists `application/xml` or `text/xml` at least as highly as JSON (a bare
 * `Accept: application/xml` or `application/json, application/xml`); JSON otherwise, including
 * for `*\/*` and a missing header, as Vonage does.
 */
export function wantsXml(accept: string | undefined): boolean {
  let xml = 0;
  let json = 0;
  for (const range of (accept ?? '').split(',')) {
    const [type = '', ...params] = range.split(';').map((part) => part.trim().toLowerCase());
    const q = params.find((param) => param.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2)) || 0;
    if (XML_TYPES.has(type)) xml = Math.max(xml, weight);
    if (JSON_TYPES.has(type)) json = Math.max(json, weight);
  }
  return xml > 0 && xml >= json;
}
