/** Plain reference of paths with Sankey edges (SPEC §7.3), customer by customer; for consistency tests. */
import type { Interaction } from '../../store/events/event-store.js';
import { type PathEdge, type Paths, type PathsInput, TOP_PATHS, ZPathsInput } from '../paths.schemas.js';
import { byCustomerInOrder, compareText, passesFilters } from './common.js';

/** Paths over an array of interactions, read straight from the SPEC text. */
export function pathsReference(interactions: readonly Interaction[], rawInput: PathsInput): Paths {
  const input = ZPathsInput.parse(rawInput);
  const seen = interactions.filter(
    (i) => passesFilters(i, input.workspaceId, input.filters) && i.at >= input.from && i.at < input.to,
  );
  const cut = input.start ?? input.end;
  const cutSet = new Set(cut ?? []);
  const counts = new Map<string, { steps: string[]; customers: number; converted: number }>();
  const edgeCounts = new Map<string, PathEdge>();
  let customers = 0;
  let convertedCustomers = 0;

  for (const own of byCustomerInOrder(seen).values()) {
    let kept = own;
    if (cut) {
      const at = own.findIndex((i) => cutSet.has(i.touchpointId));
      if (at < 0) continue;
      kept = input.start ? own.slice(at) : own.slice(0, at + 1);
    }
    const collapsed: string[] = [];
    for (const i of kept) {
      const shown = input.displayTouchpoints?.[i.touchpointId] ?? i.touchpointId;
      if (collapsed[collapsed.length - 1] !== shown) collapsed.push(shown);
    }
    const steps = input.end ? collapsed.slice(-input.steps) : collapsed.slice(0, input.steps);
    const converted = own.some((i) => i.outcome === 'converted');
    customers++;
    if (converted) convertedCustomers++;

    const key = JSON.stringify(steps);
    const entry = counts.get(key) ?? { steps, customers: 0, converted: 0 };
    entry.customers++;
    if (converted) entry.converted++;
    counts.set(key, entry);
    steps.slice(1).forEach((to, index) => {
      const from = steps[index] as string;
      const edgeKey = JSON.stringify([index, from, to]);
      const edge = edgeCounts.get(edgeKey) ?? { step: index + 1, from, to, customers: 0 };
      edge.customers++;
      edgeCounts.set(edgeKey, edge);
    });
  }

  const compareSteps = (a: string[], b: string[]) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const order = compareText(a[i] as string, b[i] as string);
      if (order !== 0) return order;
    }
    return a.length - b.length;
  };
  return {
    steps: input.steps,
    customers,
    converted: convertedCustomers,
    paths: [...counts.values()]
      .sort((a, b) => b.customers - a.customers || compareSteps(a.steps, b.steps))
      .slice(0, TOP_PATHS)
      .map((p) => ({
        touchpointIds: p.steps,
        customers: p.customers,
        converted: p.converted,
        conversionRate: p.converted / p.customers,
      })),
    edges: [...edgeCounts.values()].sort(
      (a, b) =>
        a.step - b.step ||
        b.customers - a.customers ||
        compareText(a.from, b.from) ||
        compareText(a.to, b.to),
    ),
  };
}
