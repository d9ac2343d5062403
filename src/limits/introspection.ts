import {
  type GraphQLNamedType,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
} from 'graphql';

/** Items of each list field of the introspection types, on average over this schema. */
type IntrospectionItems = Record<string, number>;

const bySchema = new WeakMap<GraphQLSchema, IntrospectionItems>();

const mean = (total: number, count: number) => Math.ceil(total / Math.max(1, count));

/**
 * What an introspection answer holds, from the schema it describes: `__schema { types }` is
 * every type, and each type's `fields`, `args`, `enumValues`… are their mean counts over the
 * schema (so `types { fields { name } }` counts every field of the schema once: averaged over
 * all types, scalars included, the totals are exact).
 */
function measure(schema: GraphQLSchema): IntrospectionItems {
  const types = Object.values(schema.getTypeMap());
  const directives = schema.getDirectives();
  let fields = 0;
  let args = 0;
  let interfaces = 0;
  let possibleTypes = 0;
  let enumValues = 0;
  let inputFields = 0;
  for (const type of types) {
    if (isObjectType(type) || isInterfaceType(type)) {
      const own = Object.values(type.getFields());
      fields += own.length;
      args += own.reduce((sum, field) => sum + field.args.length, 0);
      interfaces += type.getInterfaces().length;
    }
    if (isInterfaceType(type) || isUnionType(type)) {
      possibleTypes += schema.getPossibleTypes(type).length;
    }
    if (isEnumType(type)) enumValues += type.getValues().length;
    if (isInputObjectType(type)) inputFields += Object.keys(type.getFields()).length;
  }
  const directiveArgs = directives.reduce((sum, d) => sum + d.args.length, 0);
  const descriptions = describedThings(schema).map((d) => d?.length ?? 0);
  const locations = directives.reduce((sum, d) => sum + d.locations.length, 0);
  return {
    '__Schema.types': types.length,
    '__Schema.directives': directives.length,
    '__Type.fields': mean(fields, types.length),
    '__Type.interfaces': mean(interfaces, types.length),
    '__Type.possibleTypes': mean(possibleTypes, types.length),
    '__Type.enumValues': mean(enumValues, types.length),
    '__Type.inputFields': mean(inputFields, types.length),
    '__Field.args': mean(args, fields),
    '__Directive.args': mean(directiveArgs, directives.length),
    '__Directive.locations': mean(locations, directives.length),
    description: mean(
      descriptions.reduce((sum, n) => sum + n, 0),
      descriptions.length * BYTES,
    ),
  };
}

/** Bytes of answer one value stands for in the estimate (an amount, a name, a code). */
const BYTES = 16;

/** The descriptions an introspection answer can carry: types, fields, arguments, enum values. */
function describedThings(schema: GraphQLSchema): (string | null | undefined)[] {
  const found: (string | null | undefined)[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    found.push(type.description);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        found.push(field.description);
        if ('args' in field) for (const arg of field.args) found.push(arg.description);
      }
    }
    if (isEnumType(type)) for (const value of type.getValues()) found.push(value.description);
  }
  for (const directive of schema.getDirectives()) found.push(directive.description);
  return found;
}

/**
 * Values one `description` of an introspection answer counts for: this schema's descriptions
 * are long sentences (about 40 bytes each on average over everything that may have one, 80 over
 * those that do), where a value of data is an amount or a code.
 */
export function introspectionWeight(schema: GraphQLSchema, field: string): number {
  return field === 'description' ? measured(schema).description : 1;
}

function measured(schema: GraphQLSchema): IntrospectionItems {
  let items = bySchema.get(schema);
  if (!items) bySchema.set(schema, (items = measure(schema)));
  return items;
}

/** The lists of one named type, exactly (a `__type(name:)` answer). */
function measureType(schema: GraphQLSchema, type: GraphQLNamedType): IntrospectionItems {
  const fields = isObjectType(type) || isInterfaceType(type) ? type.getFields() : {};
  return {
    '__Type.fields': Object.keys(fields).length,
    '__Type.interfaces':
      isObjectType(type) || isInterfaceType(type) ? type.getInterfaces().length : 0,
    '__Type.possibleTypes':
      isInterfaceType(type) || isUnionType(type) ? schema.getPossibleTypes(type).length : 0,
    '__Type.enumValues': isEnumType(type) ? type.getValues().length : 0,
    '__Type.inputFields': isInputObjectType(type) ? Object.keys(type.getFields()).length : 0,
  };
}

/**
 * Items of an introspection list field ("__Type.fields"), or undefined for any other field.
 * `focus`: the type a `__type(name:)` names, whose own lists are counted exactly.
 */
export function introspectionItems(
  schema: GraphQLSchema,
  coordinate: string,
  focus?: GraphQLNamedType,
): number | undefined {
  if (focus && coordinate.startsWith('__Type.')) return measureType(schema, focus)[coordinate];
  return measured(schema)[coordinate];
}
