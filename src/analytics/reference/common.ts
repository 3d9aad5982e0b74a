/**
 * Helpers of the plain reference implementations: they work on arrays of interactions, one
 * customer at a time, and are written from the SPEC text, not from the SQL, so that the
 * consistency tests compare two independent readings of it.
 */
import type { Interaction } from '../../store/events/event-store.js';
import type { InteractionFilters } from '../analysis-scope.js';

/** True when the interaction belongs to the workspace and passes the filters (time aside). */
export function passesFilters(
  i: Interaction,
  workspaceId: string,
  filters: InteractionFilters | undefined,
): boolean {
  if (i.workspaceId !== workspaceId) return false;
  if (filters?.touchpointIds && !filters.touchpointIds.includes(i.touchpointId)) return false;
  const props = filters?.props;
  if (props && Object.keys(props).length > 0) {
    const parsed: unknown = i.props === null ? null : JSON.parse(i.props);
    if (typeof parsed !== 'object' || parsed === null) return false;
    for (const [key, value] of Object.entries(props)) {
      if ((parsed as Record<string, unknown>)[key] !== value) return false;
    }
  }
  return true;
}

/** Interactions grouped by customer, each group ordered by time, ties by id. */
export function byCustomerInOrder(interactions: Iterable<Interaction>): Map<string, Interaction[]> {
  const groups = new Map<string, Interaction[]>();
  for (const i of interactions) {
    const group = groups.get(i.customer);
    if (group) group.push(i);
    else groups.set(i.customer, [i]);
  }
  for (const group of groups.values()) group.sort(compareByTimeThenId);
  return groups;
}

export function compareByTimeThenId(a: Interaction, b: Interaction): number {
  return a.at - b.at || compareText(a.id, b.id);
}

/** Code-unit order, the same as the engines' binary order for the ASCII ids used in practice. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The q-quantile by linear interpolation between closest ranks (Hyndman–Fan type 7, DuckDB's
 * `quantile_cont`), with DuckDB's arithmetic — lo·(1 − d) + hi·d — so that both agree to the
 * last bit; null for no values.
 */
export function quantileCont(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const lo = sorted[lower] ?? 0;
  const hi = sorted[Math.ceil(position)] ?? lo;
  const d = position - lower;
  return lo * (1 - d) + hi * d;
}
