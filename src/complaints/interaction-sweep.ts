/**
 * The sweep that opens a complaint for each interaction with outcome=complaint: it reads the
 * recent ones from the event store (analytics/complaint-interactions.ts) and opens those the
 * register does not hold yet, one complaint per interaction id. Customers whose erasure is still
 * under way are left out, so a sweep between the erasure's catalog part and its event-store part
 * does not bring their complaints back.
 */

import type { AnalyticsSource } from '../analytics/analysis-scope.js';
import { complaintInteractions } from '../analytics/complaint-interactions.js';
import { openComplaintFromSource, openedSourceRefs } from '../store/catalog/complaints.js';
import type { Db } from '../store/catalog/db.js';
import { listEventPurges } from '../store/catalog/event-purges.js';

/** How far back a sweep looks: older complaint interactions (history imported) open nothing. */
export const SWEEP_WINDOW_MS = 14 * 24 * 60 * 60_000;
/** At most this many complaint interactions are read per run (the next run takes the rest). */
const SWEEP_LIMIT = 5_000;

export interface SweepResult {
  /** Complaint interactions seen in the window. */
  seen: number;
  /** Complaints opened by this run. */
  opened: number;
}

/** Opens the complaints of the workspace's recent complaint interactions (up to `now`). */
export async function sweepComplaintInteractions(
  stores: { db: Db; events: AnalyticsSource },
  workspaceId: string,
  now = Date.now(),
  windowMs = SWEEP_WINDOW_MS,
): Promise<SweepResult> {
  const found = await complaintInteractions(stores.events, {
    workspaceId,
    from: Math.max(0, now - windowMs),
    to: now + 1,
    limit: SWEEP_LIMIT,
  });
  if (found.length === 0) return { seen: 0, opened: 0 };
  const erasing = new Set(
    (await listEventPurges(stores.db))
      .filter((p) => p.workspaceId === workspaceId)
      .flatMap((p) => p.customers ?? []),
  );
  const opened = await openedSourceRefs(
    stores.db,
    workspaceId,
    'interaction',
    found.map((i) => i.id),
  );
  let count = 0;
  for (const interaction of found) {
    if (opened.has(interaction.id) || erasing.has(interaction.customer)) continue;
    const result = await openComplaintFromSource(stores.db, {
      workspaceId,
      source: 'interaction',
      sourceRef: interaction.id,
      touchpointId: interaction.touchpointId,
      customer: interaction.customer,
      text: interaction.comment ?? `Interaction ${interaction.id} ended in a complaint`,
      severity: 'medium',
      receivedAt: new Date(interaction.at),
    });
    if (result.created) count += 1;
  }
  return { seen: found.length, opened: count };
}
