import { expect, it } from 'vitest';
import { decodeInteractionBatch } from '../../src/ingest/decode-interaction-batch.js';
import { type Client, describeCatalog, type Harness } from '../catalog-harness.js';

const T0 = Date.UTC(2024, 4, 1, 9, 0);

interface Stored {
  id: string;
  customer: string;
  touchpointId: string;
  at: number;
  direction: string;
  sentiment: number | null;
  outcome: string | null;
  value: number | null;
  responseMs: number | null;
  waitMs: number | null;
  durationMs: number | null;
  props: string | null;
}

/** The interactions stored for a workspace, read straight from the event store. */
function storedInteractions(h: Harness, workspaceId: string): Promise<Stored[]> {
  return h.events.query<Stored>({
    sql: `SELECT id, customer, touchpoint_id AS "touchpointId", i.at AS "at", direction, sentiment, outcome,
                 value, response_ms AS "responseMs", wait_ms AS "waitMs", duration_ms AS "durationMs", props
          FROM interactions i WHERE workspace_id = $workspaceId ORDER BY id`,
    params: { workspaceId },
  });
}

async function addTouchpoint(client: Client, base: string, key: string, direction = 'both'): Promise<string> {
  const res = await client.post(`${base}/touchpoints`, { key, name: key, direction });
  if (res.status !== 201) throw new Error(`touchpoint not created: ${JSON.stringify(res.body)}`);
  return res.body.id;
}

async function token(owner: Client, base: string, scopes: string[]): Promise<string> {
  const res = await owner.post(`${base}/tokens`, { name: scopes.join('+'), scopes });
  if (res.status !== 201) throw new Error(`token not created: ${JSON.stringify(res.body)}`);
  return res.body.token;
}

function batch(n: number, prefix: string, touchpoint: string) {
  return Array.from({ length: n }, (_, i) => ({
    id: `${prefix}-${i}`,
    customer: `c${i % 3}`,
    touchpoint,
    at: T0 + i * 1000,
  }));
}

describeCatalog('interaction ingestion', (h) => {
  it('rejects invalid records one by one with index, field and reason and keeps the valid ones', async () => {
    const owner = await h().signUp('owner');
    const { id: ws, base } = await h().newWorkspace(owner);
    const site = await addTouchpoint(owner, base, 'website');
    const mailing = await addTouchpoint(owner, base, 'mailing', 'out');
    const ingest = h().withToken(await token(owner, base, ['ingest']));

    const res = await ingest.post(`${base}/interactions`, {
      interactions: [
        {
          id: 'ok-full',
          customer: 'alice',
          touchpoint: 'website',
          at: '2024-05-01T11:00:00+02:00',
          direction: 'out',
          sentiment: -1,
          outcome: 'converted',
          value: 120.5,
          response_ms: 350,
          wait_ms: 0,
          duration_ms: 60000,
          props: { plan: 'pro', seats: 3 },
        },
        { id: 'no-customer', touchpoint: 'website', at: T0 },
        { id: 'feb-30', customer: 'bob', touchpoint: 'website', at: '2024-02-30T10:00:00Z' },
        { id: 'ok-mailing', customer: 'bob', touchpoint: 'mailing', at: T0 + 1 },
        { id: 'no-offset', customer: 'bob', touchpoint: 'website', at: '2024-05-01T10:00:00' },
        { id: 'sentiment', customer: 'bob', touchpoint: 'website', at: T0, sentiment: 2 },
        { id: 'extra', customer: 'bob', touchpoint: 'website', at: T0, colour: 'red' },
        'not a record',
        {
          id: 'big-props',
          customer: 'bob',
          touchpoint: 'website',
          at: T0,
          props: { blob: 'x'.repeat(9000) },
        },
        { id: 'Bad Key', customer: 'bob', touchpoint: 'Web Site', at: T0 },
        { id: 'wait', customer: 'bob', touchpoint: 'website', at: T0, wait_ms: -5 },
        { id: 'x'.repeat(129), customer: 'bob', touchpoint: 'website', at: T0 },
        { id: 'both', customer: 'bob', touchpoint: 'website', at: T0, direction: 'both' },
        { id: 'fraction', customer: 'bob', touchpoint: 'website', at: T0 + 0.5 },
        {
          id: 'ok-null',
          customer: 'carol',
          touchpoint: 'website',
          at: '2024-05-01T09:00:00.250Z',
          sentiment: null,
        },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      accepted: 3,
      duplicates: 0,
      quarantined: 0,
      rejected: [
        { index: 1, field: 'customer', message: 'is required' },
        { index: 2, field: 'at', message: expect.stringMatching(/ISO-8601 date-time with offset/) },
        { index: 4, field: 'at', message: expect.stringMatching(/ISO-8601 date-time with offset/) },
        { index: 5, field: 'sentiment', message: 'must be -1, 0 or 1' },
        { index: 6, field: 'colour', message: 'unknown field' },
        { index: 7, field: '', message: 'must be an object' },
        { index: 8, field: 'props', message: 'must be at most 8192 bytes as JSON' },
        { index: 9, field: 'touchpoint', message: expect.stringMatching(/must be a touchpoint key/) },
        { index: 10, field: 'wait_ms', message: 'must not be negative' },
        { index: 11, field: 'id', message: 'must be at most 128 characters' },
        { index: 12, field: 'direction', message: 'must be in or out' },
        { index: 13, field: 'at', message: expect.stringMatching(/epoch milliseconds/) },
      ],
    });

    const base0 = {
      sentiment: null,
      outcome: null,
      value: null,
      responseMs: null,
      waitMs: null,
      durationMs: null,
    };
    expect(await storedInteractions(h(), ws)).toEqual([
      {
        id: 'ok-full',
        customer: 'alice',
        touchpointId: site,
        at: T0,
        direction: 'out',
        sentiment: -1,
        outcome: 'converted',
        value: 120.5,
        responseMs: 350,
        waitMs: 0,
        durationMs: 60000,
        props: '{"plan":"pro","seats":3}',
      },
      // The touchpoint's direction is the default: out for the mailing, in for `both`.
      {
        ...base0,
        id: 'ok-mailing',
        customer: 'bob',
        touchpointId: mailing,
        at: T0 + 1,
        direction: 'out',
        props: null,
      },
      {
        ...base0,
        id: 'ok-null',
        customer: 'carol',
        touchpointId: site,
        at: T0 + 250,
        direction: 'in',
        props: null,
      },
    ]);
  });

  it('refuses a malformed batch as a whole: not an object, not an array, over 10,000 records', async () => {
    const owner = await h().signUp('owner');
    const { base } = await h().newWorkspace(owner);
    const notArray = await owner.post(`${base}/interactions`, { interactions: 'many' });
    expect(notArray.status).toBe(400);
    expect(notArray.body.issues[0].field).toBe('interactions');
    expect((await owner.post(`${base}/interactions`, [])).status).toBe(400);
    const tooMany = await owner.post(`${base}/interactions`, {
      interactions: Array.from({ length: 10_001 }, () => 0),
    });
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.message).toMatch(/at most 10000 interactions per request; this one has 10001/);
    const empty = await owner.post(`${base}/interactions`, { interactions: [] });
    expect(empty.body).toEqual({ accepted: 0, duplicates: 0, quarantined: 0, rejected: [] });
  });

  it('stores a batch the same whether it is read straight into columns or parsed and validated', async () => {
    const owner = await h().signUp('owner');
    const { id: ws, base } = await h().newWorkspace(owner);
    await addTouchpoint(owner, base, 'website');
    await addTouchpoint(owner, base, 'mailing', 'out');
    const records = (prefix: string) => [
      {
        id: `${prefix}-full`,
        customer: 'ünïcödé 😀',
        touchpoint: 'website',
        at: '2024-05-01T11:00:00.250+02:00',
        direction: 'out',
        sentiment: -1,
        outcome: 'converted',
        value: 120.5,
        response_ms: 350,
        wait_ms: 0,
        duration_ms: 6e4,
        props: { plan: 'pro', seats: 3, tags: ['a', 'b'] },
      },
      { id: `${prefix}-mailing`, customer: 'bob', touchpoint: 'mailing', at: T0, sentiment: 0, value: null },
      { id: `${prefix}-unknown`, customer: 'bob', touchpoint: 'kiosk', at: T0 + 1, outcome: 'lost' },
      {
        customer: 'no id',
        touchpoint: 'website',
        at: T0 + 2,
        props: { plan: 'pro', seats: 3, tags: ['a', 'b'] },
      },
    ];
    const send = (text: string) =>
      owner.request('POST', `${base}/interactions`, text, { 'content-type': 'application/json' });
    // Written plainly, the batch takes the fast lane; an escape in one text sends the same
    // records through JSON.parse and the record validator.
    const fastText = JSON.stringify({ interactions: records('fast') });
    const generalText = JSON.stringify({ interactions: records('general') }).replace('"bob"', '"b\\u006fb"');
    expect(decodeInteractionBatch(fastText)).toBeDefined();
    expect(decodeInteractionBatch(generalText)).toBeUndefined();
    const fast = await send(fastText);
    const general = await send(generalText);
    expect(fast.body).toEqual({ accepted: 3, duplicates: 0, quarantined: 1, rejected: [] });
    expect(general.body).toEqual(fast.body);

    const rows = await storedInteractions(h(), ws);
    const fastRows = rows.filter((r) => r.id.startsWith('fast-'));
    const generalRows = rows.filter((r) => r.id.startsWith('general-'));
    expect(fastRows.map(({ id, ...r }) => ({ ...r, id: id.slice(5) }))).toEqual(
      generalRows.map(({ id, ...r }) => ({ ...r, id: id.slice(8) })),
    );
    expect(fastRows[0]).toMatchObject({
      customer: 'ünïcödé 😀',
      at: Date.UTC(2024, 4, 1, 9, 0, 0, 250),
      direction: 'out',
      props: '{"plan":"pro","seats":3,"tags":["a","b"]}',
    });
    expect(fastRows[1]).toMatchObject({ direction: 'out', sentiment: 0, value: null });
    // The records without id got one each, stored with the same props.
    expect(rows.filter((r) => r.customer === 'no id').map((r) => r.props)).toEqual([
      '{"plan":"pro","seats":3,"tags":["a","b"]}',
      '{"plan":"pro","seats":3,"tags":["a","b"]}',
    ]);
    const unmapped = await owner.get(`${base}/unmapped-touchpoints`);
    expect(unmapped.body.items).toMatchObject([{ touchpointKey: 'kiosk', count: 2 }]);

    // Prototype-polluting names are refused as before, whichever lane the rest would take.
    const poisoned = await send(
      JSON.stringify({
        interactions: [{ customer: 'c', touchpoint: 'website', at: T0, props: { a: 1 } }],
      }).replace('"props":{', '"props":{"__proto__":{"polluted":true},'),
    );
    expect(poisoned.status).toBe(400);
  });

  it('rejects props nested past the limit on their own, in both lanes; the rest of the batch is stored', async () => {
    const owner = await h().signUp('owner');
    const { id: ws, base } = await h().newWorkspace(owner);
    await addTouchpoint(owner, base, 'website');
    const send = (text: string) =>
      owner.request('POST', `${base}/interactions`, text, { 'content-type': 'application/json' });
    // Props 10,000 levels deep, as JSON text (JSON.stringify itself cannot write it).
    const deep = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    const nested = (levels: number) => `${'{"a":'.repeat(levels - 1)}{"b":1}${'}'.repeat(levels - 1)}`;
    const batchText = (prefix: string, props: string) =>
      `{"interactions":[${[
        JSON.stringify({ id: `${prefix}-1`, customer: 'c1', touchpoint: 'website', at: T0 }),
        `{"id":"${prefix}-deep","customer":"c2","touchpoint":"website","at":${T0},"props":${props}}`,
        JSON.stringify({
          id: `${prefix}-2`,
          customer: 'c3',
          touchpoint: 'website',
          at: T0 + 1,
          props: { x: 1 },
        }),
        `{"id":"${prefix}-32","customer":"c4","touchpoint":"website","at":${T0},"props":${nested(32)}}`,
      ].join(',')}]}`;
    const rejected = [{ index: 1, field: 'props', message: 'must be nested at most 32 levels deep' }];

    // Without the deep record, the batch is one the fast lane reads straight into columns.
    const fastText = batchText('fast', deep);
    expect(decodeInteractionBatch(fastText.replace(deep, '{}'))).toBeDefined();
    const fast = await send(fastText);
    expect(fast.status).toBe(200);
    expect(fast.body).toEqual({ accepted: 3, duplicates: 0, quarantined: 0, rejected });

    // An escape sends the batch to JSON.parse and the record validator.
    const generalText = batchText('general', deep).replace('"c1"', '"\\u00631"');
    expect(decodeInteractionBatch(generalText.replace(deep, '{}'))).toBeUndefined();
    const general = await send(generalText);
    expect(general.status).toBe(200);
    expect(general.body).toEqual(fast.body);

    // So deep in an array, or 33 levels: the same.
    for (const props of [`{"list":${'['.repeat(10_000)}${']'.repeat(10_000)}}`, nested(33)]) {
      const res = await send(batchText(`more-${props.length}`, props));
      expect(res.body).toEqual({ accepted: 3, duplicates: 0, quarantined: 0, rejected });
    }

    const rows = await storedInteractions(h(), ws);
    expect(
      rows.filter((r) => r.id.startsWith('fast-') || r.id.startsWith('general-')).map((r) => r.id),
    ).toEqual(['fast-1', 'fast-2', 'fast-32', 'general-1', 'general-2', 'general-32']);
    expect(rows.find((r) => r.id === 'general-1')?.customer).toBe('c1');
    expect(rows.find((r) => r.id === 'fast-32')?.props).toBe(nested(32));
  });

  it('answers a whole body nested deep with 400, never 500', async () => {
    const owner = await h().signUp('owner');
    const { base } = await h().newWorkspace(owner);
    const send = (url: string, text: string) =>
      owner.request('POST', url, text, { 'content-type': 'application/json' });
    const arrays = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const objects = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    for (const url of [
      `${base}/interactions`,
      `${base}/feedback`,
      `${base}/touchpoints`,
      '/api/workspaces',
    ]) {
      for (const body of [arrays, objects, `{"name":${objects}}`]) {
        const res = await send(url, body);
        expect(res.status, `${url} ${body.slice(0, 20)}`).toBe(400);
      }
    }
    // Records that are themselves deep arrays or objects are rejected one by one.
    const records = await send(`${base}/interactions`, `{"interactions":[${arrays},${objects}]}`);
    expect(records.status).toBe(200);
    expect(records.body.rejected).toEqual([
      { index: 0, field: '', message: 'must be an object' },
      { index: 1, field: 'customer', message: 'is required' },
    ]);
    const notRecords = await send(`${base}/interactions`, `{"interactions":${arrays}}`);
    expect(notRecords.body.rejected).toEqual([{ index: 0, field: '', message: 'must be an object' }]);
    const answers = await send(
      `${base}/feedback`,
      `{"answers":[{"touchpoint":"website","at":${T0},"kind":"csat","score":3,"comment":${objects}}]}`,
    );
    expect(answers.status).toBe(200);
    expect(answers.body.rejected).toEqual([{ index: 0, field: 'comment', message: 'must be a string' }]);
  });

  it('is idempotent by id: the same batch, or half of it, adds nothing; records without id are new each time', async () => {
    const owner = await h().signUp('owner');
    const { id: ws, base } = await h().newWorkspace(owner);
    await addTouchpoint(owner, base, 'website');
    const records = batch(10, 'r', 'website');
    const first = await owner.post(`${base}/interactions`, { interactions: records });
    expect(first.body).toEqual({ accepted: 10, duplicates: 0, quarantined: 0, rejected: [] });
    const again = await owner.post(`${base}/interactions`, { interactions: records });
    expect(again.body).toEqual({ accepted: 0, duplicates: 10, quarantined: 0, rejected: [] });
    const half = await owner.post(`${base}/interactions`, {
      interactions: [...records.slice(5), ...batch(12, 'r', 'website').slice(10)],
    });
    expect(half.body).toEqual({ accepted: 2, duplicates: 5, quarantined: 0, rejected: [] });
    const repeated = await owner.post(`${base}/interactions`, {
      interactions: [
        { id: 'twice', customer: 'first', touchpoint: 'website', at: T0 },
        { id: 'twice', customer: 'second', touchpoint: 'website', at: T0 },
      ],
    });
    expect(repeated.body).toMatchObject({ accepted: 1, duplicates: 1 });

    const anonymous = { customer: 'z', touchpoint: 'website', at: T0 };
    expect((await owner.post(`${base}/interactions`, { interactions: [anonymous] })).body.accepted).toBe(1);
    expect((await owner.post(`${base}/interactions`, { interactions: [anonymous] })).body.accepted).toBe(1);
    const rows = await storedInteractions(h(), ws);
    expect(rows).toHaveLength(15);
    expect(rows.find((r) => r.id === 'twice')?.customer).toBe('first');
  });

  it('quarantines unknown keys, lists them, and replays them when mapped to an existing touchpoint', async () => {
    const owner = await h().signUp('owner');
    const { id: ws, base } = await h().newWorkspace(owner);
    const form = await addTouchpoint(owner, base, 'contact-form', 'in');
    const ingest = h().withToken(await token(owner, base, ['ingest']));

    const sent = await ingest.post(`${base}/interactions`, {
      interactions: [
        { id: 'a', customer: 'c1', touchpoint: 'web-form', at: T0 + 5000, sentiment: 1 },
        { id: 'b', customer: 'c2', touchpoint: 'web-form', at: T0 },
        { id: 'c', customer: 'c3', touchpoint: 'kiosk', at: T0 + 1000 },
        { id: 'd', customer: 'c3', touchpoint: 'contact-form', at: T0 + 2000 },
      ],
    });
    expect(sent.body).toEqual({ accepted: 1, duplicates: 0, quarantined: 3, rejected: [] });
    const answers = await ingest.post(`${base}/feedback`, {
      answers: [{ id: 'f1', touchpoint: 'web-form', at: T0 + 9000, kind: 'csat', score: 4 }],
    });
    expect(answers.body).toEqual({ accepted: 0, duplicates: 0, quarantined: 1, rejected: [] });
    // Sent again while waiting: duplicates, not new records.
    const resent = await ingest.post(`${base}/interactions`, {
      interactions: [{ id: 'a', customer: 'c1', touchpoint: 'web-form', at: T0 + 5000 }],
    });
    expect(resent.body).toMatchObject({ accepted: 0, duplicates: 1, quarantined: 0 });

    const listed = await owner.get(`${base}/unmapped-touchpoints`);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([
      {
        touchpointKey: 'web-form',
        count: 3,
        firstSeen: new Date(T0).toISOString(),
        lastSeen: new Date(T0 + 9000).toISOString(),
        touchpointId: null,
      },
      {
        touchpointKey: 'kiosk',
        count: 1,
        firstSeen: new Date(T0 + 1000).toISOString(),
        lastSeen: new Date(T0 + 1000).toISOString(),
        touchpointId: null,
      },
    ]);

    const mapped = await owner.post(`${base}/unmapped-touchpoints/map`, {
      touchpointKey: 'web-form',
      touchpointId: form,
    });
    expect(mapped.status).toBe(200);
    expect(mapped.body).toMatchObject({
      touchpoint: { id: form, key: 'contact-form' },
      created: false,
      aliased: true,
      replayed: { interactions: { accepted: 2, duplicates: 0 }, feedback: { accepted: 1, duplicates: 0 } },
    });
    expect(
      (await owner.get(`${base}/unmapped-touchpoints`)).body.items.map(
        (u: { touchpointKey: string }) => u.touchpointKey,
      ),
    ).toEqual(['kiosk']);
    const rows = await storedInteractions(h(), ws);
    expect(rows.map((r) => [r.id, r.touchpointId, r.sentiment])).toEqual([
      ['a', form, 1],
      ['b', form, null],
      ['d', form, null],
    ]);
    // The key is now an alias: later records with it go straight to the touchpoint.
    const later = await ingest.post(`${base}/interactions`, {
      interactions: [{ id: 'e', customer: 'c4', touchpoint: 'web-form', at: T0 + 7000 }],
    });
    expect(later.body).toMatchObject({ accepted: 1, quarantined: 0 });
    expect((await h().events.countByTouchpoint(ws, [form])).get(form)).toBe(4);
    const [feedback] = await h().events.query<{ touchpointId: string; score: number }>({
      sql: 'SELECT touchpoint_id AS "touchpointId", score FROM feedback WHERE workspace_id = $ws',
      params: { ws },
    });
    expect(feedback).toEqual({ touchpointId: form, score: 4 });
  });

  it('maps a key by creating its touchpoint, and replays when a touchpoint gets the key', async () => {
    const owner = await h().signUp('owner');
    const { id: ws, base } = await h().newWorkspace(owner);
    await addTouchpoint(owner, base, 'website');
    await owner.post(`${base}/interactions`, {
      interactions: [
        ...batch(3, 'k', 'kiosk'),
        ...batch(2, 'p', 'price-list'),
        ...batch(1, 's', 'shop-window'),
      ],
    });

    const created = await owner.post(`${base}/unmapped-touchpoints/map`, {
      touchpointKey: 'kiosk',
      create: { name: 'Kiosk', direction: 'out' },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      touchpoint: { key: 'kiosk', name: 'Kiosk', direction: 'out' },
      created: true,
      aliased: false,
      replayed: { interactions: { accepted: 3, duplicates: 0 }, feedback: { accepted: 0, duplicates: 0 } },
    });
    const kiosk = created.body.touchpoint.id;
    const rows = await storedInteractions(h(), ws);
    expect(rows.filter((r) => r.touchpointId === kiosk).map((r) => r.direction)).toEqual([
      'out',
      'out',
      'out',
    ]);

    const clash = await owner.post(`${base}/unmapped-touchpoints/map`, {
      touchpointKey: 'website',
      create: { name: 'Another website' },
    });
    expect(clash.status).toBe(409);
    const missing = await owner.post(`${base}/unmapped-touchpoints/map`, {
      touchpointKey: 'price-list',
      touchpointId: crypto.randomUUID(),
    });
    expect(missing.status).toBe(404);
    const taken = await owner.post(`${base}/unmapped-touchpoints/map`, {
      touchpointKey: 'website',
      touchpointId: kiosk,
    });
    expect(taken.status).toBe(409);
    expect(taken.body.message).toMatch(/key "website" belongs to another touchpoint/);
    const neither = await owner.post(`${base}/unmapped-touchpoints/map`, { touchpointKey: 'price-list' });
    expect(neither.status).toBe(400);
    expect(neither.body.message).toMatch(/either touchpointId or create/);

    // Created through the catalog: the waiting records follow.
    const priceList = await addTouchpoint(owner, base, 'price-list');
    expect((await h().events.countByTouchpoint(ws, [priceList])).get(priceList)).toBe(2);
    // Re-keyed to the waiting key: the same.
    const window = await addTouchpoint(owner, base, 'window');
    const rekeyed = await owner.patch(`${base}/touchpoints/${window}`, { version: 1, key: 'shop-window' });
    expect(rekeyed.status).toBe(200);
    expect((await h().events.countByTouchpoint(ws, [window])).get(window)).toBe(1);
    expect((await owner.get(`${base}/unmapped-touchpoints`)).body.items).toEqual([]);
  });

  it('refuses to delete a touchpoint with recorded interactions; renaming its key keeps them', async () => {
    const owner = await h().signUp('owner');
    const { id: ws, base } = await h().newWorkspace(owner);
    const site = await addTouchpoint(owner, base, 'website');
    const spare = await addTouchpoint(owner, base, 'spare');
    await owner.post(`${base}/interactions`, { interactions: batch(3, 'w', 'website') });

    const refused = await owner.delete(`${base}/touchpoints/${site}`);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe(
      'touchpoint "website" has 3 recorded interactions; retire it instead (status retired)',
    );
    expect((await owner.delete(`${base}/touchpoints/${spare}`)).status).toBe(204);

    const renamed = await owner.patch(`${base}/touchpoints/${site}`, { version: 1, key: 'web' });
    expect(renamed.status).toBe(200);
    expect((await h().events.countByTouchpoint(ws, [site])).get(site)).toBe(3);
    const more = await owner.post(`${base}/interactions`, {
      interactions: [
        { id: 'new', customer: 'c', touchpoint: 'web', at: T0 },
        { id: 'old-key', customer: 'c', touchpoint: 'website', at: T0 },
      ],
    });
    expect(more.body).toMatchObject({ accepted: 1, quarantined: 1 });
    expect((await h().events.countByTouchpoint(ws, [site])).get(site)).toBe(4);
    expect((await owner.patch(`${base}/touchpoints/${site}`, { version: 2, status: 'retired' })).status).toBe(
      200,
    );
  });

  it('validates feedback answers per kind and stores them idempotently', async () => {
    const owner = await h().signUp('owner');
    const { id: ws, base } = await h().newWorkspace(owner);
    const desk = await addTouchpoint(owner, base, 'reception');
    const answers = [
      {
        id: 'a1',
        touchpoint: 'reception',
        at: T0,
        kind: 'csat',
        score: 5,
        customer: 'c1',
        comment: 'lovely',
      },
      { id: 'a2', touchpoint: 'reception', at: T0, kind: 'nps', score: 0 },
      { id: 'a3', touchpoint: 'reception', at: T0, kind: 'nps', score: 11 },
      { id: 'a4', touchpoint: 'reception', at: T0, kind: 'csat', score: 0 },
      { id: 'a5', touchpoint: 'reception', at: T0, kind: 'ces', score: 7 },
      { id: 'a6', touchpoint: 'reception', at: T0, kind: 'ces', score: 2.5 },
      { id: 'a7', touchpoint: 'reception', at: T0, kind: 'stars', score: 3 },
      { id: 'a8', touchpoint: 'reception', at: T0, kind: 'csat', score: 3, comment: 'x'.repeat(2001) },
      { id: 'a9', touchpoint: 'reception', kind: 'csat', score: 3 },
    ];
    const res = await owner.post(`${base}/feedback`, { answers });
    expect(res.body).toEqual({
      accepted: 3,
      duplicates: 0,
      quarantined: 0,
      rejected: [
        { index: 2, field: 'score', message: 'must be 0…10 for nps' },
        { index: 3, field: 'score', message: 'must be 1…5 for csat' },
        { index: 5, field: 'score', message: 'must be a whole number' },
        { index: 6, field: 'kind', message: 'must be csat, nps or ces' },
        { index: 7, field: 'comment', message: 'must be at most 2000 characters' },
        { index: 8, field: 'at', message: 'is required' },
      ],
    });
    expect((await owner.post(`${base}/feedback`, { answers })).body).toMatchObject({
      accepted: 0,
      duplicates: 3,
    });
    const stored = await h().events.query({
      sql: `SELECT id, touchpoint_id AS "touchpointId", customer, kind, score, comment
            FROM feedback WHERE workspace_id = $ws ORDER BY id`,
      params: { ws },
    });
    expect(stored).toEqual([
      { id: 'a1', touchpointId: desk, customer: 'c1', kind: 'csat', score: 5, comment: 'lovely' },
      { id: 'a2', touchpointId: desk, customer: null, kind: 'nps', score: 0, comment: null },
      { id: 'a5', touchpointId: desk, customer: null, kind: 'ces', score: 7, comment: null },
    ]);
  });

  it('lets ingest tokens, owners and editors ingest; not read tokens, viewers or other workspaces', async () => {
    const owner = await h().signUp('owner');
    const editor = await h().signUp('editor');
    const viewer = await h().signUp('viewer');
    const { base } = await h().newWorkspace(owner);
    const other = await h().newWorkspace(await h().signUp('stranger'));
    await owner.post(`${base}/members`, { email: editor.email, role: 'editor' });
    await owner.post(`${base}/members`, { email: viewer.email, role: 'viewer' });
    await addTouchpoint(owner, base, 'website');
    const ingest = h().withToken(await token(owner, base, ['ingest']));
    const reader = h().withToken(await token(owner, base, ['read']));
    const body = (id: string) => ({ interactions: [{ id, customer: 'c', touchpoint: 'website', at: T0 }] });

    expect((await ingest.post(`${base}/interactions`, body('t'))).body.accepted).toBe(1);
    expect((await ingest.post(`${base}/feedback`, { answers: [] })).status).toBe(200);
    expect((await editor.post(`${base}/interactions`, body('e'))).body.accepted).toBe(1);
    expect((await owner.post(`${base}/interactions`, body('o'))).body.accepted).toBe(1);

    expect((await ingest.get(`${base}/touchpoints`)).status).toBe(403);
    expect((await ingest.get(`${base}/unmapped-touchpoints`)).status).toBe(403);
    expect(
      (await ingest.post(`${base}/unmapped-touchpoints/map`, { touchpointKey: 'x', create: { name: 'X' } }))
        .status,
    ).toBe(403);
    expect((await reader.post(`${base}/interactions`, body('r'))).status).toBe(403);
    expect((await reader.get(`${base}/unmapped-touchpoints`)).status).toBe(200);
    const viewing = await viewer.post(`${base}/interactions`, body('v'));
    expect(viewing.status).toBe(403);
    expect((await viewer.post(`${base}/feedback`, { answers: [] })).status).toBe(403);
    expect((await viewer.get(`${base}/unmapped-touchpoints`)).status).toBe(200);

    expect((await ingest.post(`${other.base}/interactions`, body('x'))).status).toBe(404);
    expect((await owner.post(`${other.base}/interactions`, body('x'))).status).toBe(404);
    expect((await owner.get(`${other.base}/unmapped-touchpoints`)).status).toBe(404);
    expect((await h().anonymous.post(`${base}/interactions`, body('a'))).status).toBe(401);
  });
});
