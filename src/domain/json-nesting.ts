/**
 * How deep a JSON value nests. `JSON.parse` reads any depth, but `JSON.stringify`, structured
 * clones and every recursive walk overflow the stack somewhere past a few thousand levels: a
 * value sent by a client is measured before anything walks it without a limit.
 */

/**
 * Most levels of objects and arrays in an interaction's props, the props object itself the
 * first: far more than any segment needs, far less than the depth at which walking them
 * overflows the stack. Records read from import files obey it in every field.
 */
export const MAX_PROPS_DEPTH = 32;

/** The reason given for a value nested deeper than `levels`. */
export function nestingMessage(levels: number): string {
  return `must be nested at most ${levels} levels deep`;
}

/**
 * Whether `value` nests more than `levels` objects or arrays deep (a flat object is one level,
 * a scalar none). Stops at the first branch past the limit, so it never recurses deeper than
 * `levels + 1`, whatever the value.
 *
 * @example isNestedDeeper({ a: { b: [1] } }, 2) // true: three levels
 */
export function isNestedDeeper(value: unknown, levels: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (levels <= 0) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (isNestedDeeper(item, levels - 1)) return true;
    return false;
  }
  for (const key in value)
    if (Object.hasOwn(value, key) && isNestedDeeper((value as Record<string, unknown>)[key], levels - 1))
      return true;
  return false;
}
