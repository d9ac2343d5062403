/** Reading one environment variable: each value's rule and its error, naming the variable. */
import { readFileSync, statSync } from 'node:fs';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export type Env = Record<string, string | undefined>;

export function integer(
  env: Env,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return Number(raw);
}

export function oneOf<T extends string>(
  env: Env,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = raw.toLowerCase() as T;
  if (!allowed.includes(value)) {
    throw new ConfigError(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
  }
  return value;
}

export function positive(
  env: Env,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || value < min || value > max) {
    throw new ConfigError(`${name} must be a number from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

/** `raw` as an absolute URL, or undefined when it is not one. */
export function parseUrl(raw: string): URL | undefined {
  try {
    return new URL(raw);
  } catch {
    return undefined;
  }
}

export function httpUrl(env: Env, name: string): string | undefined {
  const raw = env[name];
  if (!raw) return undefined;
  const url = parseUrl(raw);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new ConfigError(`${name} must be an absolute http(s) URL (got "${raw}")`);
  }
  return url.toString();
}

/** The largest file a setting may name (a token list, a trusted documents manifest). */
const MAX_CONFIG_FILE_BYTES = 16 * 1024 * 1024;

/**
 * Reads the file a variable names, as text. Only a regular file: a FIFO or a device (a mistyped
 * /dev/… path) would block the start for ever or read without end. Every failure names the
 * variable, the path and why.
 */
export function readConfigFile(name: string, file: string): string {
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new ConfigError(`${name}=${file} is not a regular file`);
    size = stat.size;
    if (size > MAX_CONFIG_FILE_BYTES) {
      throw new ConfigError(
        `${name}=${file} is ${size} bytes: more than the ${MAX_CONFIG_FILE_BYTES} a setting's file may have`,
      );
    }
    return readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(`${name} cannot be read ${fsFailure(error)}: ${file}`);
  }
}

/** A file-system error's code and words, like `(ENOENT): no such file or directory`. */
export function fsFailure(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  const reason = /^[A-Z]+: ([^,]+)/.exec(message ?? '')?.[1];
  return `(${code ?? 'error'}): ${reason ?? message}`;
}
