/**
 * Records generated demo interactions and feedback answers (demo-interactions.ts) for a demo
 * workspace into the event store, batch by batch: what `touchpoints demo --interactions N --seed S`
 * and `POST /api/workspaces/demo {interactions, seed}` both do — with the answers to the demo's
 * surveys (demo-surveys.ts), recorded even without interactions; then evaluates the demo's alert
 * rules once (demo-alerts.ts).
 */
import type { Db } from '../store/catalog/db.js';
import type { EventStore } from '../store/events/event-store.js';
import { evaluateDemoAlerts } from './demo-alerts.js';
import { generateDemoBatches, loadDemoCatalog } from './demo-interactions.js';
import { recordDemoReviewScores } from './demo-reviews.js';
import { recordDemoSurveyAnswers } from './demo-surveys.js';

/** Records per insert: one event-store batch. */
const BATCH = 10_000;

export interface DemoRecording {
  interactions: number;
  feedback: number;
}

/**
 * Generates `interactions` interactions (with their feedback answers) for the demo workspace
 * over the 90 days before `end`, deterministic for a seed, and stores them; `onBatch` hears the
 * running totals after each batch.
 */
export async function recordDemoInteractions(
  db: Db,
  events: EventStore,
  workspaceId: string,
  options: { interactions: number; seed: number; end: number },
  onBatch?: (recorded: DemoRecording) => void,
): Promise<DemoRecording> {
  const recorded: DemoRecording = { interactions: 0, feedback: 0 };
  if (options.interactions > 0) {
    const demo = await loadDemoCatalog(db, workspaceId);
    for (const batch of generateDemoBatches(demo, options, BATCH)) {
      recorded.interactions += (await events.insertInteractions(batch.interactions)).inserted;
      recorded.feedback += (await events.insertFeedback(batch.feedback)).inserted;
      onBatch?.({ ...recorded });
    }
  }
  // The answers to the demo's surveys (a few hundred each, with or without interactions).
  await recordDemoSurveyAnswers(db, events, workspaceId, { seed: options.seed, end: options.end });
  // The scores of the demo's reviews, so sentiment counts them.
  await recordDemoReviewScores(db, events, workspaceId);
  // The demo's alert rules judge the recorded data once, so the demo shows a firing alert.
  await evaluateDemoAlerts({ db, events }, workspaceId);
  return recorded;
}
