/** Composite touchpoints form a tree (SPEC §2): a touchpoint's parent chain must never loop. */

/**
 * True when making `parentId` the parent of `touchpointId` would create a cycle, given the
 * current parent pointers of the workspace's touchpoints (id → parent id or null).
 */
export function closesParentCycle(
  touchpointId: string,
  parentId: string | null,
  parentOf: ReadonlyMap<string, string | null>,
): boolean {
  let current = parentId;
  const seen = new Set<string>();
  while (current) {
    if (current === touchpointId || seen.has(current)) return true;
    seen.add(current);
    current = parentOf.get(current) ?? null;
  }
  return false;
}
