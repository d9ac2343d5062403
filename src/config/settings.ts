import { type Env, integer, oneOf } from './values';

/**
 * Settings that a part of the gateway declares itself, beyond the shared ones: each environment
 * variable with its --help line, its default, its bounds and its error (which names it). The
 * shared configuration reads and prints every declaration it is handed, by the name it is handed
 * under, without knowing whose it is (src/domains.ts hands it each domain's).
 */

export { ConfigError, type Env, parseUrl } from './values';

/** One variable as --help lists it. */
export interface Variable {
  /** Its name (or names: "A, B"). */
  name: string;
  /** Its default as --help prints it ("unset" when it has none). */
  shown: string;
  meaning: string;
  /** Set to an empty (or blank) value, it stops the start: unset it instead. */
  nonEmpty?: boolean;
}

/** A variable and how its value is read: its default, its bounds, the error naming it. */
export interface Setting<T> extends Variable {
  read(env: Env): T;
}

/**
 * Where a declaration's lines go in --help, among the shared ones (src/config/help.ts), which is
 * also when its values are read: `reference data`, what the upstream publishes alike for every
 * caller and is kept for hours (with the cache settings); `records`, what writes change, kept
 * briefly and retired by those writes (after the reference data); `storage`, a database of the
 * gateway's own (after the limits); `webhooks`, what Vonage sends the gateway itself (after the
 * access settings: its signatures are those calls' access).
 */
export const SECTIONS = ['reference data', 'records', 'storage', 'webhooks'] as const;
export type Section = (typeof SECTIONS)[number];

/** The settings of one part: its variables (in --help order) and its typed values. */
export interface SettingsDeclaration<Values> {
  section: Section;
  /** Every variable it reads, and those of it read elsewhere (its areas' rates), in order. */
  variables: readonly Variable[];
  /** Its values; a wrong one stops the start with a ConfigError naming the variable. */
  read(env: Env): Values;
}

/** Declarations by the name their values get in the configuration. */
export type Declarations = Readonly<Record<string, SettingsDeclaration<unknown>>>;

/** The values of each declaration, by its name. */
export type ValuesOf<D extends Declarations> = {
  [Name in keyof D]: D[Name] extends SettingsDeclaration<infer Values> ? Values : never;
};

interface Described {
  meaning: string;
  /** The default as --help prints it, when not the number itself (`21600000 (6 h)`). */
  shown?: string;
}

/** A whole number from `min` to `max`; `fallback` when unset or empty. */
export function wholeNumber(
  name: string,
  {
    fallback,
    min,
    max,
    meaning,
    shown,
  }: Described & { fallback: number; min: number; max: number },
): Setting<number> {
  return {
    name,
    shown: shown ?? String(fallback),
    meaning,
    read: (env) => integer(env, name, fallback, min, max),
  };
}

/** One of `allowed`, any case; `fallback` when unset or empty. */
export function choice<T extends string>(
  name: string,
  allowed: readonly T[],
  fallback: T,
  meaning: string,
): Setting<T> {
  return { name, shown: fallback, meaning, read: (env) => oneOf(env, name, allowed, fallback) };
}

/** A value given as it is, or unset; never empty. */
export function optional(name: string, meaning: string): Setting<string | undefined> {
  return { name, shown: 'unset', meaning, nonEmpty: true, read: (env) => env[name] };
}

/** The line of an area's `<AREA>_RATE_PER_SECOND`, which the shared rate limits read. */
export function areaRate(area: string, perSecond: number, meaning: string): Variable {
  return { name: `${area.toUpperCase()}_RATE_PER_SECOND`, shown: String(perSecond), meaning };
}
