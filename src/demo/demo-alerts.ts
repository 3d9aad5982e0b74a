/**
 * The alert rules of the demo workspace, written through the rule store after the import: a
 * compliance rule on the clinic's booking-call answer standard (the demo data fails it on purpose), a
 * negative-share shift on every touchpoint, and overdue tasks (the demo has one on purpose).
 * Once the demo's interactions are recorded they are evaluated once, so the demo opens with a
 * firing alert and the owner's notifications.
 */
import {
  type AlertStores,
  type EvaluationResult,
  evaluateWorkspaceAlerts,
} from '../alerts/evaluate-alerts.js';
import { loadTouchpointTree } from '../analytics/catalog-facts.js';
import { createAlertRule } from '../store/catalog/alert-rules.js';
import type { Actor } from '../store/catalog/audit.js';
import type { Db } from '../store/catalog/db.js';
import { listStandards } from '../store/catalog/standards.js';

/** The demo standard its compliance rule watches. */
export const DEMO_ALERT_STANDARD = 'Call answered within 20 s';
/** The touchpoint of that standard (the store's call centre has a standard of the same name, which passes). */
const DEMO_ALERT_TOUCHPOINT = 'clinic-booking-call';

/** Adds the demo's alert rules; answers how many. */
export async function addDemoAlertRules(db: Db, actor: Actor, workspaceId: string): Promise<number> {
  const touchpoint = (await loadTouchpointTree(db, workspaceId)).byKey(DEMO_ALERT_TOUCHPOINT);
  const page = await listStandards(db, workspaceId, {
    q: DEMO_ALERT_STANDARD,
    touchpointId: touchpoint?.id,
    limit: 10,
    offset: 0,
  });
  const standard = page.items.find((s) => s.name === DEMO_ALERT_STANDARD);
  if (!standard) throw new Error(`demo standard missing: ${DEMO_ALERT_STANDARD}`);
  await createAlertRule(db, actor, workspaceId, {
    name: 'Booking calls answered in time',
    kind: 'standard_compliance',
    params: { standardId: standard.id, windowDays: 14, minSample: 20 },
    email: true,
  });
  await createAlertRule(db, actor, workspaceId, {
    name: 'Negative feedback rising',
    kind: 'feedback_shift',
    params: { metric: 'negative_share', threshold: 10, windowDays: 14, minSample: 100 },
  });
  await createAlertRule(db, actor, workspaceId, { name: 'Overdue tasks', kind: 'task_overdue' });
  return 3;
}

/** Evaluates the demo's rules once (after its interactions are recorded). */
export function evaluateDemoAlerts(stores: AlertStores, workspaceId: string): Promise<EvaluationResult> {
  return evaluateWorkspaceAlerts(stores, workspaceId);
}
