import { parseDecimal } from '../base/decimal';

/**
 * Field readers for decoded bodies. JSON and XML decode numeric values and booleans as text or as native
 * values depending on the format; these make each field the type it has, in one place.
 */
export type Body = Record<string, unknown>;

export class FieldError extends Error {
  override name = 'FieldError';
}

export function asRecord(value: unknown): Body {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Body) : {};
}

export function optionalString(body: Body, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new FieldError(`field "${field}" is not text`);
}

export function optionalInt(body: Body, field: string): number | undefined {
  const value = optionalString(body, field);
  if (value === undefined || value === '') return undefined;
  if (!/^-?\d+$/.test(value.trim())) throw new FieldError(`field "${field}" is not a whole number`);
  return Number(value);
}

export function requiredDecimal(body: Body, field: string): string {
  const value = optionalString(body, field);
  const decimal = value === undefined ? null : parseDecimal(value);
  if (decimal === null) throw new FieldError(`field "${field}" is not a decimal number`);
  return decimal;
}

export function requiredBoolean(body: Body, field: string): boolean {
  const value = body[field];
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new FieldError(`field "${field}" is not a boolean`);
}
