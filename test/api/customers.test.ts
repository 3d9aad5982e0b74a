/**
 * A customer's export and erasure through the API, proven on the stores themselves: records of
 * three customers are ingested through the real routes, one is exported and erased, and then no
 * event-store table holds the key and every analysis counts exactly that customer's records less.
 * Workspace deletion is proven the same way.
 */
import { beforeAll, expect, it } from 'vitest';
import { listEventPurges } from '../../src/store/catalog/event-purges.js';
import type { EventStore } from '../../src/store/events/event-store.js';
import { type Client, describeCatalog, type Harness } from '../catalog-harness.js';
import { rowsPerWorkspaceTable } from '../fixtures/event-rows.js';

const DAY = 86_400_000;
const T = Date.UTC(2024, 4, 1);
const PERIOD = 'from=2024-05-01&to=2024-06-01';
const ALICE = 'alice+erase@example.org';

/** `table.column` of every text column, in any table, holding `text` (within the workspace where the table names one). */
async function placesHolding(events: EventStore, workspaceId: string, text: string): Promise<string[]> {
  const columns = await events.query<{ table: string; column: string; scoped: boolean }>({
    sql: `SELECT c.table_name AS "table", c.column_name AS "column",
                 EXISTS (SELECT 1 FROM information_schema.columns w
                         WHERE w.table_name = c.table_name AND w.column_name = 'workspace_id') AS scoped
          FROM information_schema.columns c
          WHERE c.data_type = 'VARCHAR' AND c.table_schema = 'main' ORDER BY 1, 2`,
    params: {},
  });
  const found: string[] = [];
  for (const { table, column, scoped } of columns) {
    const [row] = await events.query<{ n: number }>({
      sql: `SELECT count(*)::INTEGER AS n FROM "${table}"
            WHERE contains("${column}", $text) ${scoped ? 'AND workspace_id = $workspaceId' : ''}`,
      params: scoped ? { text, workspaceId } : { text },
    });
    if ((row?.n ?? 0) > 0) found.push(`${table}.${column}`);
  }
  return found;
}

async function token(owner: Client, base: string, scopes: string[]): Promise<string> {
  const res = await owner.post(`${base}/tokens`, { name: scopes.join('+'), scopes });
  if (res.status !== 201) throw new Error(`token not created: ${JSON.stringify(res.body)}`);
  return res.body.token;
}

/** A workspace with a chain ad → site → call and the records of alice, bob and carol, all sent through the API. */
async function measuredWorkspace(h: Harness, owner: Client, name: string) {
  const { id, base } = await h.newWorkspace(owner, name);
  const tp: Record<string, string> = {};
  for (const [key, direction] of [
    ['ad', 'out'],
    ['site', 'in'],
    ['call', 'in'],
  ] as const) {
    const res = await owner.post(`${base}/touchpoints`, { key, name: key, direction });
    if (res.status !== 201) throw new Error(`touchpoint not created: ${JSON.stringify(res.body)}`);
    tp[key] = res.body.id;
  }
  const chain = await owner.post(`${base}/chains`, {
    name: 'Lead to sale',
    windowDays: 7,
    links: [
      { touchpointId: tp.ad, role: 'initial' },
      { touchpointId: tp.site, role: 'middle' },
      { touchpointId: tp.call, role: 'final' },
    ],
  });
  if (chain.status !== 201) throw new Error(`chain not created: ${JSON.stringify(chain.body)}`);
  const at = (days: number) => new Date(T + days * DAY).toISOString();
  const sent = await owner.post(`${base}/interactions`, {
    interactions: [
      { id: 'a1', customer: ALICE, touchpoint: 'ad', at: at(1) },
      { id: 'a2', customer: ALICE, touchpoint: 'site', at: at(2), sentiment: -1, props: { plan: 'pro' } },
      { id: 'a3', customer: ALICE, touchpoint: 'call', at: at(3), outcome: 'converted', value: 80 },
      { id: 'a4', customer: ALICE, touchpoint: 'kiosk', at: at(4) },
      { id: 'b1', customer: 'bob', touchpoint: 'ad', at: at(1) },
      { id: 'b2', customer: 'bob', touchpoint: 'site', at: at(2), sentiment: 1 },
      { id: 'b3', customer: 'bob', touchpoint: 'call', at: at(4), outcome: 'converted', value: 50 },
      { id: 'c1', customer: 'carol', touchpoint: 'ad', at: at(2) },
      { id: 'c2', customer: 'carol', touchpoint: 'site', at: at(5), sentiment: 0 },
    ],
  });
  expect(sent.body).toEqual({ accepted: 8, duplicates: 0, quarantined: 1, rejected: [] });
  const answers = await owner.post(`${base}/feedback`, {
    answers: [
      {
        id: 'fa',
        customer: ALICE,
        touchpoint: 'call',
        at: at(3),
        kind: 'csat',
        score: 5,
        comment: 'Ask for Alice',
      },
      { id: 'fq', customer: ALICE, touchpoint: 'kiosk', at: at(4.5), kind: 'nps', score: 2 },
      { id: 'fb', customer: 'bob', touchpoint: 'call', at: at(4), kind: 'csat', score: 3 },
    ],
  });
  expect(answers.body).toEqual({ accepted: 2, duplicates: 0, quarantined: 1, rejected: [] });
  return { id, base, tp, chainId: chain.body.id as string };
}

/** The figures of the analyses that count customers, interactions and answers. */
async function analysed(client: Client, base: string, chainId: string) {
  const chain = await client.get(`${base}/analytics/chains/${chainId}/conversion?${PERIOD}`);
  const touches = await client.get(`${base}/analytics/touches?${PERIOD}`);
  const sentiment = await client.get(`${base}/analytics/sentiment?${PERIOD}`);
  expect([chain.status, touches.status, sentiment.status]).toEqual([200, 200, 200]);
  const call = sentiment.body.touchpoints.find((t: { touchpointKey: string }) => t.touchpointKey === 'call');
  return {
    reached: chain.body.links.map((l: { reached: number }) => l.reached),
    conversions: touches.body.conversions,
    interactions: sentiment.body.overall.interactions,
    rated: sentiment.body.overall.sentiment.rated,
    negative: sentiment.body.overall.sentiment.negative,
    csatAnswers: call?.feedback?.csat?.answers ?? 0,
  };
}

describeCatalog('customer export and erasure', (h) => {
  let owner: Client;
  let ws: Awaited<ReturnType<typeof measuredWorkspace>>;
  let other: Awaited<ReturnType<typeof measuredWorkspace>>;

  beforeAll(async () => {
    owner = await h().signUp('owner');
    ws = await measuredWorkspace(h(), owner, 'Erasure');
    // The same customer key in another workspace is another customer's business: it stays.
    other = await measuredWorkspace(h(), owner, 'Elsewhere');
  });

  it('exports exactly the records of one customer key, oldest first', async () => {
    const res = await owner.post(`${ws.base}/customers/export`, { customer: ALICE });
    expect(res.status).toBe(200);
    expect(res.body.workspaceId).toBe(ws.id);
    expect(res.body.customer).toBe(ALICE);
    expect(res.body.interactions.map((i: { id: string }) => i.id)).toEqual(['a1', 'a2', 'a3']);
    expect(res.body.interactions[1]).toEqual({
      id: 'a2',
      touchpointId: ws.tp.site,
      at: new Date(T + 2 * DAY).toISOString(),
      direction: 'in',
      sentiment: -1,
      outcome: null,
      value: null,
      responseMs: null,
      waitMs: null,
      durationMs: null,
      props: { plan: 'pro' },
    });
    expect(res.body.feedback).toEqual([
      {
        id: 'fa',
        touchpointId: ws.tp.call,
        at: new Date(T + 3 * DAY).toISOString(),
        kind: 'csat',
        score: 5,
        comment: 'Ask for Alice',
        // Answers sent through the API are tagged as imported (not given on a survey page).
        source: 'import',
      },
    ]);
    expect(res.body.quarantined.map((q: { kind: string; id: string; touchpointKey: string }) => q)).toEqual([
      expect.objectContaining({ kind: 'interaction', id: 'a4', touchpointKey: 'kiosk' }),
      expect.objectContaining({ kind: 'feedback', id: 'fq', touchpointKey: 'kiosk' }),
    ]);
    const nobody = await owner.post(`${ws.base}/customers/export`, { customer: 'nobody' });
    expect(nobody.status).toBe(200);
    expect([nobody.body.interactions, nobody.body.feedback, nobody.body.quarantined]).toEqual([[], [], []]);
  });

  it('lets only an owner or an admin token export and erase', async () => {
    const editor = await h().signUp('editor');
    const viewer = await h().signUp('viewer');
    const stranger = await h().signUp('stranger');
    for (const [member, role] of [
      [editor, 'editor'],
      [viewer, 'viewer'],
    ] as const)
      expect((await owner.post(`${ws.base}/members`, { email: member.email, role })).status).toBe(201);
    const read = h().withToken(await token(owner, ws.base, ['read']));
    const ingest = h().withToken(await token(owner, ws.base, ['ingest']));
    const admin = h().withToken(await token(owner, ws.base, ['admin']));
    for (const client of [editor, viewer, read, ingest]) {
      expect((await client.post(`${ws.base}/customers/export`, { customer: ALICE })).status).toBe(403);
      expect((await client.post(`${ws.base}/customers/erase`, { customers: ['nobody'] })).status).toBe(403);
    }
    expect((await stranger.post(`${ws.base}/customers/export`, { customer: ALICE })).status).toBe(404);
    expect((await stranger.post(`${ws.base}/customers/erase`, { customers: [ALICE] })).status).toBe(404);
    expect((await h().anonymous.post(`${ws.base}/customers/export`, { customer: ALICE })).status).toBe(401);
    const exported = await admin.post(`${ws.base}/customers/export`, { customer: ALICE });
    expect(exported.status).toBe(200);
    expect(exported.body.interactions).toHaveLength(3);
    // Nothing was erased by the refused requests.
    expect((await rowsPerWorkspaceTable(h().events, ws.id)).interactions).toBe(8);
  });

  it('refuses an erasure without keys, with too many or with too long a key, naming the field', async () => {
    const cases: [unknown, string][] = [
      [{}, 'customers'],
      [{ customers: [] }, 'customers'],
      [{ customers: Array.from({ length: 10_001 }, (_, i) => `k${i}`) }, 'customers'],
      [{ customers: ['ok', 'x'.repeat(257)] }, 'customers.1'],
      [{ customers: [''] }, 'customers.0'],
      [{ customers: [7] }, 'customers.0'],
      [{ customers: ['ok'], extra: true }, 'extra'],
    ];
    for (const [body, field] of cases) {
      const res = await owner.post(`${ws.base}/customers/erase`, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.issues.map((i: { field: string }) => i.field)).toEqual([field]);
    }
    const noKey = await owner.post(`${ws.base}/customers/export`, { customer: '' });
    expect(noKey.status).toBe(400);
    expect(noKey.body.issues[0].field).toBe('customer');
  });

  it('erases a customer key from every table and every analysis, and audits only the counts', async () => {
    const before = await analysed(owner, ws.base, ws.chainId);
    expect(before).toEqual({
      reached: [3, 3, 2],
      conversions: 2,
      interactions: 8,
      rated: 3,
      negative: 1,
      csatAnswers: 2,
    });
    const rowsBefore = await rowsPerWorkspaceTable(h().events, ws.id);
    expect(await placesHolding(h().events, ws.id, ALICE)).not.toEqual([]);
    const otherBefore = await rowsPerWorkspaceTable(h().events, other.id);

    const res = await owner.post(`${ws.base}/customers/erase`, { customers: [ALICE, ALICE, 'never-seen'] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      customers: 2,
      interactions: 3,
      feedback: 1,
      quarantined: 2,
      complaints: 0,
      reviews: 0,
      surveyContacts: 0,
    });

    expect(await placesHolding(h().events, ws.id, ALICE)).toEqual([]);
    const rowsAfter = await rowsPerWorkspaceTable(h().events, ws.id);
    expect(rowsAfter.interactions).toBe((rowsBefore.interactions ?? 0) - 3);
    expect(rowsAfter.feedback).toBe((rowsBefore.feedback ?? 0) - 1);
    expect(rowsAfter.quarantine).toBe((rowsBefore.quarantine ?? 0) - 2);
    if ('interactions_by_touchpoint' in rowsBefore)
      expect(rowsAfter.interactions_by_touchpoint).toBe((rowsBefore.interactions_by_touchpoint ?? 0) - 3);
    if ('customer_keys' in rowsBefore)
      expect(rowsAfter.customer_keys).toBe((rowsBefore.customer_keys ?? 0) - 1);

    expect(await analysed(owner, ws.base, ws.chainId)).toEqual({
      reached: [2, 2, 1],
      conversions: 1,
      interactions: 5,
      rated: 2,
      negative: 0,
      csatAnswers: 1,
    });
    const exported = await owner.post(`${ws.base}/customers/export`, { customer: ALICE });
    expect([exported.body.interactions, exported.body.feedback, exported.body.quarantined]).toEqual([
      [],
      [],
      [],
    ]);

    // The other workspace keeps its own customer of that key.
    expect(await rowsPerWorkspaceTable(h().events, other.id)).toEqual(otherBefore);
    expect((await analysed(owner, other.base, other.chainId)).reached).toEqual([3, 3, 2]);

    const audit = await owner.get(`${ws.base}/audit-log?entityType=customer`);
    // Newest first: the export after the erasure, then the erasure.
    expect(audit.body.items.slice(0, 2).map((e: { action: string }) => e.action)).toEqual([
      'export',
      'erase',
    ]);
    expect(audit.body.items.filter((e: { action: string }) => e.action === 'erase')).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({
      actorUserId: owner.userId,
      after: { interactions: 0, feedback: 0, quarantined: 0 },
    });
    expect(audit.body.items[1]).toMatchObject({
      action: 'erase',
      entityType: 'customer',
      actorUserId: owner.userId,
      after: { customers: 2, interactions: 3, feedback: 1, quarantined: 2 },
    });
    expect(JSON.stringify(audit.body.items)).not.toContain('alice');
    expect(JSON.stringify(audit.body.items)).not.toContain('never-seen');
    // The promise of the purge (which held the keys) is gone once done.
    expect(await listEventPurges(h().catalog.db)).toEqual([]);
  });
});

describeCatalog('workspace deletion', (h) => {
  it('deletes the workspace from every store before answering', async () => {
    const owner = await h().signUp('owner');
    const doomed = await measuredWorkspace(h(), owner, 'Doomed');
    const kept = await measuredWorkspace(h(), owner, 'Kept');
    await analysed(owner, doomed.base, doomed.chainId);
    const keptBefore = await rowsPerWorkspaceTable(h().events, kept.id);
    const before = await rowsPerWorkspaceTable(h().events, doomed.id);
    expect(before.interactions).toBe(8);
    expect(before.feedback).toBe(2);
    expect(before.quarantine).toBe(2);

    const admin = h().withToken(await token(owner, doomed.base, ['admin']));
    expect((await admin.delete(doomed.base)).status).toBe(403);
    expect((await rowsPerWorkspaceTable(h().events, doomed.id)).interactions).toBe(8);

    const res = await owner.delete(doomed.base);
    expect(res.status).toBe(204);
    const after = await rowsPerWorkspaceTable(h().events, doomed.id);
    expect(Object.values(after).every((n) => n === 0)).toBe(true);
    expect(Object.keys(after)).toEqual(expect.arrayContaining(['interactions', 'feedback', 'quarantine']));
    expect(await placesHolding(h().events, doomed.id, ALICE)).toEqual([]);
    expect(await rowsPerWorkspaceTable(h().events, kept.id)).toEqual(keptBefore);
    expect((await owner.get(doomed.base)).status).toBe(404);
    expect(await listEventPurges(h().catalog.db)).toEqual([]);
  });
});
