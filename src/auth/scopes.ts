import {
  type GraphQLFieldConfig,
  type GraphQLSchema,
  type ValueNode,
  defaultFieldResolver,
  isObjectType,
} from 'graphql';
import { Directive } from 'type-graphql';
import { ANONYMOUS, type Access, forbidden, unauthenticated } from './caller';

const CLOSED: Access = { caller: ANONYMOUS, enforced: true };

/**
 * Scopes by name, each with what it lets a caller do. The domains declare those their fields
 * require; the one the gateway itself knows is `metrics:read`, which reads /metrics.
 */
export type ScopeDeclarations = Readonly<Record<string, string>>;

/**
 * The decorator by which a field declares the scope it needs, as Federation's `@requiresScopes`
 * in the subgraph SDL, limited to the scopes given (a domain's own, and those of the domains it
 * builds on). The gateway enforces the same directive (see `enforceScopes`), so this is the one
 * place a field's scope is written.
 */
export function scopeDecorator<Scope extends string>(
  _scopes: Readonly<Record<Scope, string>>,
): (...scopes: Scope[]) => MethodDecorator & PropertyDecorator {
  return (...scopes) =>
    Directive(`@requiresScopes(scopes: [[${scopes.map((s) => JSON.stringify(s)).join(', ')}]])`);
}

/** Declares that a field needs some authenticated caller (any scope), as `@authenticated`. */
export function Authenticated(): MethodDecorator & PropertyDecorator {
  return Directive('@authenticated');
}

/** A field's requirement: any caller at all (scopes empty), or one of these scope sets. */
export interface Requirement {
  /** One of these sets, all its scopes, is needed; [] means "authenticated" only. */
  anyOf: string[][];
}

function stringLists(value: ValueNode): string[][] {
  if (value.kind !== 'ListValue') return [];
  return value.values.map((inner) =>
    inner.kind === 'ListValue'
      ? inner.values.flatMap((v) => (v.kind === 'StringValue' ? [v.value] : []))
      : [],
  );
}

function requirementOf(
  directives:
    | readonly {
        name: { value: string };
        arguments?: readonly { name: { value: string }; value: ValueNode }[];
      }[]
    | undefined,
): Requirement | undefined {
  let requirement: Requirement | undefined;
  for (const directive of directives ?? []) {
    const name = directive.name.value.replace(/^federation__/, '');
    if (name === 'authenticated') requirement ??= { anyOf: [] };
    if (name === 'requiresScopes') {
      const arg = directive.arguments?.find((a) => a.name.value === 'scopes');
      const sets = arg ? stringLists(arg.value) : [];
      requirement = { anyOf: [...(requirement?.anyOf ?? []), ...sets] };
    }
  }
  return requirement;
}

/** Every field's requirement, read from the directives of the built schema, by "Type.field". */
export function readRequirements(schema: GraphQLSchema): Map<string, Requirement> {
  const requirements = new Map<string, Requirement>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const onType = requirementOf(type.astNode?.directives);
    for (const field of Object.values(type.getFields())) {
      const own = requirementOf(field.astNode?.directives);
      const requirement = own ?? onType;
      if (requirement) requirements.set(`${type.name}.${field.name}`, requirement);
    }
  }
  return requirements;
}

/** Undefined when the caller may resolve the field, else the error to answer with. */
export function checkAccess(access: Access, coordinate: string, requirement: Requirement) {
  if (!access.enforced) return undefined;
  const { caller } = access;
  if (caller.kind === 'anonymous') return unauthenticated(coordinate);
  if (requirement.anyOf.length === 0) return undefined;
  const allowed = requirement.anyOf.some((set) => set.every((scope) => caller.scopes.has(scope)));
  return allowed ? undefined : forbidden(coordinate, requirement.anyOf, caller);
}

/**
 * Wraps the resolver of every field that carries `@authenticated` or `@requiresScopes`, so the
 * gateway refuses it (before its resolver, hence before any upstream call) exactly as a router
 * reading the same SDL would. Refusals are per field: the rest of the operation still runs.
 * Every scope a field requires must be one of `declared`.
 */
export function enforceScopes(
  schema: GraphQLSchema,
  declared: ScopeDeclarations,
): Map<string, Requirement> {
  const requirements = readRequirements(schema);
  for (const [coordinate, requirement] of requirements) {
    const unknown = requirement.anyOf.flat().find((scope) => !Object.hasOwn(declared, scope));
    if (unknown !== undefined) {
      throw new Error(`${coordinate} requires the scope "${unknown}", which no domain declares`);
    }
    const [typeName, fieldName] = coordinate.split('.');
    const type = schema.getType(typeName);
    if (!isObjectType(type)) continue;
    const field = type.getFields()[fieldName] as unknown as GraphQLFieldConfig<unknown, unknown>;
    const refusalFor = (context: unknown) =>
      // A context without access (none should exist) is refused, not waved through.
      checkAccess((context as { access?: Access }).access ?? CLOSED, coordinate, requirement);
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = (source, args, context, info) => {
      const refusal = refusalFor(context);
      if (refusal) throw refusal;
      return resolve(source, args, context, info);
    };
    // A subscription is refused when it starts, before its stream of events is opened.
    const subscribe = field.subscribe;
    if (subscribe) {
      field.subscribe = (source, args, context, info) => {
        const refusal = refusalFor(context);
        if (refusal) throw refusal;
        return subscribe(source, args, context, info);
      };
    }
  }
  return requirements;
}
