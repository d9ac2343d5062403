// The cost estimate's generic model: src/limits/cost.ts walks an operation with it and with what
// the schema's fields declare (src/limits/cost.directives.ts).

export const COST_MODEL = {
  /** Weight of one upstream call, in answer values: a field's `@cost(weight:)` is calls × this. */
  callWeight: 100,
  /** Items of a list that declares no size. */
  listItems: 5,
  /**
   * Items a field announces to its `sizedFields` when neither its slicing arguments nor an
   * `assumedSize` say (a connection asked with arguments that are refused later).
   */
  sizedItems: 10,
} as const;
