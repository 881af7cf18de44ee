/**
 * Exhaustive `switch`es. Each `switch` over a union of the engine (question types, blank
 * kinds…) ends with `default:` calling one of these with the narrowed value, whose type is then
 * `never`: a ninth question type fails to compile at every place that has not learnt it yet.
 * At run time they catch what escaped the types (a hand-made object, an old saved file).
 */

/** Throws for a member of a union no `case` handled; `what` names the union ("question type"). */
export function unhandled(value: never, what: string): never {
  const shown = typeof value === 'object' && value !== null && 'type' in value ? (value as { type: unknown }).type : value;
  throw new TypeError(`unexpected ${what}: ${JSON.stringify(shown) ?? String(shown)}`);
}

/** The `type` of a question no `case` handled, for a message that skips it rather than throws. */
export function strayType(question: never): string {
  return String((question as { type?: unknown }).type);
}
