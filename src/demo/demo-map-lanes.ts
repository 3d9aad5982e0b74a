/**
 * The demo's retail map shows the lane kinds beyond notes and touchpoints: a channels lane, a KPI
 * lane (a typed-in figure and live CSAT, standards compliance and chain conversion), the service
 * blueprint filled (frontstage, backstage and a support lane) and a pain point linked to a task.
 * Added after the import, through the same store functions the API uses.
 */
import type { Actor } from '../store/catalog/audit.js';
import { listChannels } from '../store/catalog/channels.js';
import type { Db } from '../store/catalog/db.js';
import {
  addJourneyItem,
  getJourneyMap,
  listJourneys,
  updateJourney,
  updateJourneyItem,
} from '../store/catalog/journeys.js';
import { createTask } from '../store/catalog/tasks.js';

export const DEMO_LANES_JOURNEY = 'Retail: shopper in the Main Street store';

const CHANNELS_BY_STAGE: Record<string, string[]> = {
  need_recognition: ['signage'],
  information_search: ['premises', 'social_media', 'email'],
  comparison: ['printed', 'in_person'],
  purchase: ['in_person', 'phone'],
  post_purchase: ['email'],
};

const SUPPORT_BY_STAGE: Record<string, string[]> = {
  information_search: ['Stock sync between store and warehouse every 15 minutes'],
  purchase: ['Delivery scheduling system books the van slot at the till'],
  post_purchase: ['CRM sends the thank-you e-mail the next morning'],
};

export async function addDemoMapLanes(db: Db, actor: Actor, workspaceId: string): Promise<void> {
  const found = await listJourneys(db, workspaceId, { q: 'Main Street', limit: 5, offset: 0 });
  const journey = found.items.find((j) => j.name === DEMO_LANES_JOURNEY);
  if (!journey) return;
  const map = await getJourneyMap(db, workspaceId, journey.id);
  const lanes = map.lanes.map((l) => ({ key: l.key, name: l.customName, kind: l.kind }));
  const at = (key: string) => lanes.findIndex((l) => l.key === key);
  lanes.splice(at('touchpoints') + 1, 0, { key: 'channels', name: 'Channels', kind: 'channels' });
  lanes.splice(at('actions'), 0, { key: 'kpis', name: 'KPIs', kind: 'kpis' });
  lanes.push({ key: 'support', name: 'Support processes', kind: 'support' });
  await updateJourney(db, actor, workspaceId, journey.id, { version: map.version, lanes });

  const channelList = await listChannels(db, workspaceId, { limit: 100, offset: 0 });
  const channelId = new Map(channelList.items.map((c) => [c.key, c.id]));
  const stageOf = new Map(map.stages.map((s) => [s.key, s.id]));
  const add = (stage: string, item: Record<string, unknown> & { lane: string }) => {
    const stageId = stageOf.get(stage);
    return stageId ? addJourneyItem(db, actor, workspaceId, journey.id, { stageId, ...item }) : undefined;
  };
  for (const [stage, keys] of Object.entries(CHANNELS_BY_STAGE))
    for (const key of keys) {
      const id = channelId.get(key);
      if (id) await add(stage, { lane: 'channels', channelId: id });
    }
  await add('need_recognition', {
    lane: 'kpis',
    kpi: { source: 'manual', value: 420, label: 'Passers-by per day' },
  });
  await add('information_search', { lane: 'kpis', kpi: { source: 'chain_conversion' } });
  await add('comparison', { lane: 'kpis', kpi: { source: 'compliance' } });
  await add('purchase', { lane: 'kpis', kpi: { source: 'csat' } });
  await add('purchase', { lane: 'kpis', kpi: { source: 'compliance' } });
  for (const [stage, texts] of Object.entries(SUPPORT_BY_STAGE))
    for (const text of texts) await add(stage, { lane: 'support', text });

  const pain = map.items.find((i) => i.lane === 'pain_points' && i.text?.startsWith('Hold music'));
  if (pain) {
    const task = await createTask(db, actor, workspaceId, {
      title: 'Announce the waiting time on the delivery line',
      description: 'From the pain point on the retail journey map: hold music loops without a waiting time.',
      lever: 'business_processes',
      targets: { journeyId: journey.id, stageId: pain.stageId },
    });
    await updateJourneyItem(db, actor, workspaceId, journey.id, pain.id, { taskId: task.id });
  }
}
