import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { DEFAULT_LANES, DEFAULT_STAGE_KEYS } from '../../src/domain/vocabulary.js';
import { channels } from '../../src/store/catalog/schema.js';
import { describeCatalog, type Harness } from '../catalog-harness.js';
import { seedTouchpoints } from '../fixtures/seed-touchpoints.js';

interface Stage {
  id: string;
  key: string;
  name: string;
  position: number;
  designedEmotion: number | null;
}
interface Item {
  id: string;
  stageId: string;
  lane: string;
  position: number;
  text: string | null;
  touchpointId: string | null;
}

async function channelId(h: Harness, workspaceId: string, key: string): Promise<string> {
  const [row] = await h.catalog.db
    .select({ id: channels.id })
    .from(channels)
    .where(and(eq(channels.workspaceId, workspaceId), eq(channels.key, key)));
  if (!row) throw new Error(`no channel ${key}`);
  return row.id;
}

const stageOf = (map: { stages: Stage[] }, key: string): Stage => {
  const stage = map.stages.find((s) => s.key === key);
  if (!stage) throw new Error(`no stage ${key}`);
  return stage;
};

describeCatalog('journeys', (h) => {
  it('creates a journey with the default stages and lanes, lists, filters and deletes it', async () => {
    const owner = await h().signUp('owner');
    const { id: ws, base } = await h().newWorkspace(owner);
    const created = await owner.post(`${base}/journeys`, {
      name: 'First purchase',
      persona: 'Young parents',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'First purchase',
      description: '',
      persona: 'Young parents',
      acquisitionChannelId: null,
      version: 1,
      items: [],
    });
    expect(created.body.lanes).toEqual(DEFAULT_LANES.map((l) => ({ ...l, customName: null })));
    expect(created.body.stages.map((s: Stage) => s.key)).toEqual(DEFAULT_STAGE_KEYS);
    expect(created.body.stages.map((s: Stage) => s.position)).toEqual([0, 1, 2, 3, 4]);
    expect(created.body.stages[0]).toMatchObject({ name: 'Need recognition', designedEmotion: null });

    const web = await channelId(h(), ws, 'website');
    await owner.post(`${base}/journeys`, { name: 'Repeat order', acquisitionChannelId: web });
    await owner.post(`${base}/journeys`, { name: 'Complaint', description: 'After a broken delivery' });
    const sorted = await owner.get(`${base}/journeys?sort=-name`);
    expect(sorted.body.total).toBe(3);
    expect(sorted.body.items.map((j: { name: string }) => j.name)).toEqual([
      'Repeat order',
      'First purchase',
      'Complaint',
    ]);
    expect(sorted.body.items[0]).not.toHaveProperty('stages');
    const byPersona = await owner.get(`${base}/journeys?q=parents`);
    expect(byPersona.body.items.map((j: { name: string }) => j.name)).toEqual(['First purchase']);
    const byChannel = await owner.get(`${base}/journeys?acquisitionChannelId=${web}`);
    expect(byChannel.body.items.map((j: { name: string }) => j.name)).toEqual(['Repeat order']);
    const page = await owner.get(`${base}/journeys?limit=2&offset=2`);
    expect(page.body).toMatchObject({ total: 3, limit: 2, offset: 2 });
    expect(page.body.items).toHaveLength(1);

    const got = await owner.get(`${base}/journeys/${created.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(created.body);

    const renamed = await owner.patch(`${base}/journeys/${created.body.id}`, {
      version: 1,
      name: 'First visit',
      acquisitionChannelId: web,
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'First visit', acquisitionChannelId: web, version: 2 });
    expect(renamed.body.stages).toEqual(created.body.stages);
    const stale = await owner.patch(`${base}/journeys/${created.body.id}`, { version: 1, name: 'Lost' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'version_conflict', currentVersion: 2 });

    expect((await owner.delete(`${base}/journeys/${created.body.id}`)).status).toBe(204);
    expect((await owner.get(`${base}/journeys/${created.body.id}`)).status).toBe(404);
    expect((await owner.get(`${base}/journeys`)).body.total).toBe(2);
  });

  it('keeps default stages and lanes nameless until renamed; a rename to nothing resets them', async () => {
    const owner = await h().signUp('owner');
    const { base } = await h().newWorkspace(owner);
    // Default keys without names (as the web app creates a map), one default key renamed, one custom.
    const created = await owner.post(`${base}/journeys`, {
      name: 'Clinic visit',
      stages: [
        { key: 'need_recognition' },
        { key: 'purchase', name: null },
        { key: 'comparison', name: 'Choosing a doctor' },
        { key: 'waiting_room', name: 'Waiting room' },
      ],
      lanes: [
        { key: 'touchpoints', kind: 'touchpoints' },
        { key: 'thoughts', name: 'What the patient thinks', kind: 'thoughts' },
      ],
    });
    expect(created.status).toBe(201);
    const names = (map: { stages: Stage[] }) =>
      map.stages.map((s) => [s.key, s.name, (s as Stage & { customName: string | null }).customName]);
    expect(names(created.body)).toEqual([
      ['need_recognition', 'Need recognition', null],
      ['purchase', 'Purchase', null],
      ['comparison', 'Choosing a doctor', 'Choosing a doctor'],
      ['waiting_room', 'Waiting room', 'Waiting room'],
    ]);
    expect(created.body.lanes).toEqual([
      { key: 'touchpoints', name: 'Touchpoints', customName: null, kind: 'touchpoints' },
      {
        key: 'thoughts',
        name: 'What the patient thinks',
        customName: 'What the patient thinks',
        kind: 'thoughts',
      },
    ]);

    // The English default given as a name is no rename; "" and null reset; other text renames.
    const url = `${base}/journeys/${created.body.id}`;
    const [need, purchase, comparison, waiting] = created.body.stages as Stage[];
    const put = await owner.put(`${url}/stages`, {
      version: 1,
      stages: [
        { id: need?.id, key: 'need_recognition', name: 'Need recognition' },
        { id: purchase?.id, key: 'purchase', name: 'Paying at the desk' },
        { id: comparison?.id, key: 'comparison', name: '' },
        { id: waiting?.id, key: 'waiting_room', name: 'Waiting' },
      ],
    });
    expect(put.status).toBe(200);
    expect(names(put.body)).toEqual([
      ['need_recognition', 'Need recognition', null],
      ['purchase', 'Paying at the desk', 'Paying at the desk'],
      ['comparison', 'Comparison of options', null],
      ['waiting_room', 'Waiting', 'Waiting'],
    ]);
    const lanes = await owner.patch(url, {
      version: 2,
      lanes: [
        { key: 'touchpoints', name: 'Contacts', kind: 'touchpoints' },
        { key: 'thoughts', name: null, kind: 'thoughts' },
      ],
    });
    expect(lanes.status).toBe(200);
    expect(
      lanes.body.lanes.map((l: { name: string; customName: string | null }) => [l.name, l.customName]),
    ).toEqual([
      ['Contacts', 'Contacts'],
      ['Thoughts', null],
    ]);

    // A key with no default name needs a name of its own.
    const noName = await owner.put(`${url}/stages`, {
      version: 3,
      stages: [{ id: waiting?.id, key: 'waiting_room', name: '  ' }, { key: 'exit' }],
    });
    expect(noName.status).toBe(400);
    expect(noName.body.issues).toEqual([
      { field: 'stages.0.name', message: 'must not be empty: "waiting_room" has no default name' },
      { field: 'stages.1.name', message: 'must not be empty: "exit" has no default name' },
    ]);
    const noLaneName = await owner.post(`${base}/journeys`, {
      name: 'J',
      lanes: [{ key: 'mood', kind: 'feelings' }],
    });
    expect(noLaneName.body.issues).toEqual([
      { field: 'lanes.0.name', message: 'must not be empty: "mood" has no default name' },
    ]);
    const badLanePatch = await owner.patch(url, {
      version: 3,
      lanes: [{ key: 'mood', name: '', kind: 'feelings' }],
    });
    expect(badLanePatch.body.issues).toEqual([
      { field: 'lanes.0.name', message: 'must not be empty: "mood" has no default name' },
    ]);
    expect((await owner.get(url)).body.version).toBe(3);
  });

  it('takes custom stages and lanes and rejects bad ones naming the field', async () => {
    const owner = await h().signUp('owner');
    const { base } = await h().newWorkspace(owner);
    const other = await h().newWorkspace(owner, 'Other company');
    const custom = await owner.post(`${base}/journeys`, {
      name: 'School canteen',
      stages: [
        { key: 'hungry', name: 'Hungry', designedEmotion: -1 },
        { key: 'queue', name: 'Queue', designedEmotion: -2 },
        { key: 'meal', name: 'Meal', designedEmotion: 2 },
      ],
      lanes: [
        { key: 'tps', name: 'Touchpoints', kind: 'touchpoints' },
        { key: 'pain', name: 'Pain points', kind: 'pain_points' },
      ],
    });
    expect(custom.status).toBe(201);
    expect(custom.body.stages.map((s: Stage) => [s.key, s.position, s.designedEmotion])).toEqual([
      ['hungry', 0, -1],
      ['queue', 1, -2],
      ['meal', 2, 2],
    ]);
    expect(custom.body.lanes.map((l: { key: string }) => l.key)).toEqual(['tps', 'pain']);

    const dupStage = await owner.post(`${base}/journeys`, {
      name: 'J',
      stages: [
        { key: 'a', name: 'A' },
        { key: 'b', name: 'B' },
        { key: 'a', name: 'A again' },
      ],
    });
    expect(dupStage.status).toBe(400);
    expect(dupStage.body.issues).toEqual([
      { field: 'stages.2.key', message: 'key "a" is already used by stages.0' },
    ]);
    const dupLane = await owner.post(`${base}/journeys`, {
      name: 'J',
      lanes: [
        { key: 'x', name: 'X', kind: 'thoughts' },
        { key: 'x', name: 'Y', kind: 'feelings' },
      ],
    });
    expect(dupLane.status).toBe(400);
    expect(dupLane.body.issues[0].field).toBe('lanes.1.key');
    const badKind = await owner.post(`${base}/journeys`, {
      name: 'J',
      lanes: [{ key: 'x', name: 'X', kind: 'dreams' }],
    });
    expect(badKind.body.issues[0].field).toBe('lanes.0.kind');
    const emotion = await owner.post(`${base}/journeys`, {
      name: 'J',
      stages: [{ key: 'a', name: 'A', designedEmotion: 3 }],
    });
    expect(emotion.status).toBe(400);
    expect(emotion.body.issues).toEqual([
      { field: 'stages.0.designedEmotion', message: 'must be between -2 and 2' },
    ]);
    const badKey = await owner.post(`${base}/journeys`, {
      name: 'J',
      stages: [{ key: 'Big Stage', name: 'A' }],
    });
    expect(badKey.body.issues[0].field).toBe('stages.0.key');
    const noStages = await owner.post(`${base}/journeys`, { name: 'J', stages: [] });
    expect(noStages.body.issues[0]).toEqual({
      field: 'stages',
      message: 'a journey needs at least one stage',
    });
    const foreignChannel = await owner.post(`${base}/journeys`, {
      name: 'J',
      acquisitionChannelId: await channelId(h(), other.id, 'email'),
    });
    expect(foreignChannel.status).toBe(400);
    expect(foreignChannel.body.issues).toEqual([
      { field: 'acquisitionChannelId', message: 'no such channel in this workspace' },
    ]);
    const unknown = await owner.post(`${base}/journeys`, { name: 'J', colour: 'red' });
    expect(unknown.body.issues).toEqual([{ field: 'colour', message: 'unknown field' }]);
    expect((await owner.get(`${base}/journeys`)).body.total).toBe(1);
  });

  it('adds, renames, reorders and removes stages and sets their designed emotion', async () => {
    const owner = await h().signUp('owner');
    const { base } = await h().newWorkspace(owner);
    const journey = (await owner.post(`${base}/journeys`, { name: 'Purchase' })).body;
    const url = `${base}/journeys/${journey.id}`;
    const need = stageOf(journey, 'need_recognition');
    const comparison = stageOf(journey, 'comparison');
    const purchase = stageOf(journey, 'purchase');
    const kept = (await owner.post(`${url}/items`, { stageId: purchase.id, lane: 'actions', text: 'Pays' }))
      .body;
    await owner.post(`${url}/items`, { stageId: comparison.id, lane: 'actions', text: 'Reads reviews' });
    const version = (await owner.get(url)).body.version;
    expect(version).toBe(3);

    const replaced = await owner.put(`${url}/stages`, {
      version,
      stages: [
        { id: purchase.id, key: 'purchase', name: 'Purchase', designedEmotion: 2 },
        { id: need.id, key: 'need', name: 'A need appears', designedEmotion: -1 },
        { key: 'loyalty', name: 'Loyalty', designedEmotion: 1 },
      ],
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body.version).toBe(version + 1);
    expect(replaced.body.stages.map((s: Stage) => [s.key, s.name, s.position, s.designedEmotion])).toEqual([
      ['purchase', 'Purchase', 0, 2],
      ['need', 'A need appears', 1, -1],
      ['loyalty', 'Loyalty', 2, 1],
    ]);
    expect(replaced.body.stages[0].id).toBe(purchase.id);
    expect(replaced.body.stages[1].id).toBe(need.id);
    // The purchase stage kept its item; the removed comparison stage lost its own.
    expect(replaced.body.items.map((i: Item) => i.id)).toEqual([kept.id]);

    const swapped = await owner.put(`${url}/stages`, {
      version: version + 1,
      stages: [
        { id: purchase.id, key: 'need', name: 'Purchase' },
        { id: need.id, key: 'purchase', name: 'A need appears', designedEmotion: null },
      ],
    });
    expect(swapped.status).toBe(200);
    expect(swapped.body.stages.map((s: Stage) => [s.id, s.key, s.designedEmotion])).toEqual([
      [purchase.id, 'need', null],
      [need.id, 'purchase', null],
    ]);

    const stale = await owner.put(`${url}/stages`, { version, stages: [{ key: 'a', name: 'A' }] });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'version_conflict', currentVersion: version + 2 });
    const v = version + 2;
    const emotion = await owner.put(`${url}/stages`, {
      version: v,
      stages: [{ key: 'a', name: 'A', designedEmotion: -3 }],
    });
    expect(emotion.status).toBe(400);
    expect(emotion.body.issues).toEqual([
      { field: 'stages.0.designedEmotion', message: 'must be between -2 and 2' },
    ]);
    const halfEmotion = await owner.put(`${url}/stages`, {
      version: v,
      stages: [{ key: 'a', name: 'A', designedEmotion: 1.5 }],
    });
    expect(halfEmotion.body.issues[0].field).toBe('stages.0.designedEmotion');
    const dupKey = await owner.put(`${url}/stages`, {
      version: v,
      stages: [
        { id: purchase.id, key: 'same', name: 'A' },
        { key: 'same', name: 'B' },
      ],
    });
    expect(dupKey.body.issues).toEqual([
      { field: 'stages.1.key', message: 'key "same" is already used by stages.0' },
    ]);
    const otherJourney = (await owner.post(`${base}/journeys`, { name: 'Other' })).body;
    const foreignStage = await owner.put(`${url}/stages`, {
      version: v,
      stages: [{ id: otherJourney.stages[0].id, key: 'a', name: 'A' }],
    });
    expect(foreignStage.status).toBe(400);
    expect(foreignStage.body.issues).toEqual([
      { field: 'stages.0.id', message: 'no such stage in this journey' },
    ]);
    const twice = await owner.put(`${url}/stages`, {
      version: v,
      stages: [
        { id: need.id, key: 'a', name: 'A' },
        { id: need.id, key: 'b', name: 'B' },
      ],
    });
    expect(twice.body.issues).toEqual([
      { field: 'stages.1.id', message: 'the stage is already listed as stages.0' },
    ]);
    const empty = await owner.put(`${url}/stages`, { version: v, stages: [] });
    expect(empty.status).toBe(400);
    // None of the refused edits changed anything.
    const after = (await owner.get(url)).body;
    expect(after.version).toBe(v);
    expect(after.stages).toEqual(swapped.body.stages);
  });

  it('enforces the cell rules for text notes and touchpoints', async () => {
    const owner = await h().signUp('owner');
    const { id: ws, base } = await h().newWorkspace(owner);
    const other = await h().newWorkspace(owner, 'Other company');
    const tp = await seedTouchpoints(h(), ws, ['website', 'hotline', 'shop']);
    const foreignTp = await seedTouchpoints(h(), other.id, ['website']);
    const journey = (await owner.post(`${base}/journeys`, { name: 'Purchase' })).body;
    const url = `${base}/journeys/${journey.id}`;
    const search = stageOf(journey, 'information_search');
    const purchase = stageOf(journey, 'purchase');

    const site = await owner.post(`${url}/items`, {
      stageId: search.id,
      lane: 'touchpoints',
      touchpointId: tp.website,
    });
    expect(site.status).toBe(201);
    expect(site.body).toMatchObject({
      stageId: search.id,
      lane: 'touchpoints',
      position: 0,
      text: null,
      touchpointId: tp.website,
      touchpointKey: 'website',
      touchpointName: 'The website',
      journeyVersion: 2,
    });
    const hotline = await owner.post(`${url}/items`, {
      stageId: search.id,
      lane: 'touchpoints',
      touchpointId: tp.hotline,
      position: 0,
    });
    expect(hotline.body).toMatchObject({ position: 0, journeyVersion: 3 });
    const thought = await owner.post(`${url}/items`, {
      stageId: search.id,
      lane: 'thoughts',
      text: 'Is it cheap?',
    });
    expect(thought.body).toMatchObject({ text: 'Is it cheap?', touchpointId: null, touchpointKey: null });

    const cell = (await owner.get(url)).body.items.filter((i: Item) => i.lane === 'touchpoints');
    expect(cell.map((i: Item) => [i.touchpointId, i.position])).toEqual([
      [tp.hotline, 0],
      [tp.website, 1],
    ]);

    const issue = async (body: unknown) => {
      const res = await owner.post(`${url}/items`, body);
      expect(res.status).toBe(400);
      return res.body.issues;
    };
    expect(await issue({ stageId: search.id, lane: 'thoughts' })).toEqual([
      { field: 'text', message: 'required: lane "thoughts" is of kind thoughts and takes text' },
    ]);
    expect(
      await issue({ stageId: search.id, lane: 'touchpoints', text: 'x', touchpointId: tp.shop }),
    ).toEqual([
      {
        field: 'text',
        message: 'not taken: lane "touchpoints" is of kind touchpoints and takes touchpointId',
      },
    ]);
    const fieldsOf = (issues: { field: string }[]) => issues.map((i) => i.field);
    expect(fieldsOf(await issue({ stageId: search.id, lane: 'touchpoints', text: 'A note' }))).toEqual([
      'touchpointId',
      'text',
    ]);
    expect(fieldsOf(await issue({ stageId: search.id, lane: 'feelings', touchpointId: tp.shop }))).toEqual([
      'text',
      'touchpointId',
    ]);
    expect((await issue({ stageId: search.id, lane: 'dreams', text: 'x' }))[0].message).toMatch(
      /no such lane/,
    );
    const otherJourney = (await owner.post(`${base}/journeys`, { name: 'Other' })).body;
    expect(await issue({ stageId: otherJourney.stages[0].id, lane: 'thoughts', text: 'x' })).toEqual([
      { field: 'stageId', message: 'no such stage in this journey' },
    ]);
    expect(await issue({ stageId: search.id, lane: 'touchpoints', touchpointId: foreignTp.website })).toEqual(
      [{ field: 'touchpointId', message: 'no such touchpoint in this workspace' }],
    );
    expect(await issue({ stageId: search.id, lane: 'touchpoints', touchpointId: tp.website })).toEqual([
      { field: 'touchpointId', message: 'this touchpoint is already in this cell' },
    ]);
    expect((await issue({ stageId: search.id, lane: 'thoughts', text: '   ' }))[0]).toEqual({
      field: 'text',
      message: 'must not be empty',
    });
    expect((await issue({ stageId: 'nope', lane: 'thoughts', text: 'x' }))[0].field).toBe('stageId');
    // The same touchpoint can serve another stage.
    const later = await owner.post(`${url}/items`, {
      stageId: purchase.id,
      lane: 'touchpoints',
      touchpointId: tp.website,
    });
    expect(later.status).toBe(201);

    // Moving the website item to the purchase stage meets the same touchpoint there.
    const clash = await owner.patch(`${url}/items/${site.body.id}`, { stageId: purchase.id });
    expect(clash.body.issues).toEqual([
      { field: 'touchpointId', message: 'this touchpoint is already in this cell' },
    ]);
    const moved = await owner.patch(`${url}/items/${hotline.body.id}`, { stageId: purchase.id, position: 0 });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ stageId: purchase.id, position: 0 });
    const map = (await owner.get(url)).body;
    const positions = map.items
      .filter((i: Item) => i.lane === 'touchpoints')
      .map((i: Item) => [i.stageId, i.touchpointId, i.position]);
    expect(positions).toEqual([
      [search.id, tp.website, 0],
      [purchase.id, tp.hotline, 0],
      [purchase.id, tp.website, 1],
    ]);
    const swapTp = await owner.patch(`${url}/items/${site.body.id}`, { touchpointId: tp.shop });
    expect(swapTp.body).toMatchObject({ touchpointId: tp.shop, touchpointKey: 'shop' });
    const textOnTp = await owner.patch(`${url}/items/${site.body.id}`, { text: 'x' });
    expect(textOnTp.body.issues[0].field).toBe('text');
    const tpOnText = await owner.patch(`${url}/items/${thought.body.id}`, { touchpointId: tp.shop });
    expect(tpOnText.body.issues[0].field).toBe('touchpointId');
    const noteToTpLane = await owner.patch(`${url}/items/${thought.body.id}`, { lane: 'touchpoints' });
    expect(noteToTpLane.body.issues[0].field).toBe('lane');
    const toPain = await owner.patch(`${url}/items/${thought.body.id}`, {
      lane: 'pain_points',
      text: 'Too dear',
    });
    expect(toPain.body).toMatchObject({ lane: 'pain_points', text: 'Too dear', stageId: search.id });

    expect((await owner.delete(`${url}/items/${hotline.body.id}`)).status).toBe(204);
    const purchaseCell = (await owner.get(url)).body.items.filter(
      (i: Item) => i.stageId === purchase.id && i.lane === 'touchpoints',
    );
    expect(purchaseCell.map((i: Item) => [i.touchpointId, i.position])).toEqual([[tp.website, 0]]);
    expect((await owner.delete(`${url}/items/${hotline.body.id}`)).status).toBe(404);
    expect(
      (await owner.patch(`${base}/journeys/${otherJourney.id}/items/${site.body.id}`, { position: 0 }))
        .status,
    ).toBe(404);
  });

  it('changes lanes: a dropped lane loses its items, a lane keeps only the items its kind takes', async () => {
    const owner = await h().signUp('owner');
    const { base } = await h().newWorkspace(owner);
    const journey = (await owner.post(`${base}/journeys`, { name: 'Purchase' })).body;
    const url = `${base}/journeys/${journey.id}`;
    const stageId = journey.stages[0].id;
    await owner.post(`${url}/items`, { stageId, lane: 'thoughts', text: 'Hmm' });
    await owner.post(`${url}/items`, { stageId, lane: 'feelings', text: 'Curious' });
    const lanes = [
      { key: 'thoughts', name: 'Thoughts', kind: 'touchpoints' },
      { key: 'touchpoints', name: 'Touchpoints', kind: 'touchpoints' },
    ];
    const wrongKind = await owner.patch(url, { version: 3, lanes });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.issues).toEqual([
      {
        field: 'lanes.0.kind',
        message: 'lane "thoughts" holds items with text; a lane of kind touchpoints takes touchpointId',
      },
    ]);
    const changed = await owner.patch(url, {
      version: 3,
      lanes: [
        { key: 'thoughts', name: 'What they think', kind: 'thoughts' },
        { key: 'touchpoints', name: 'Touchpoints', kind: 'touchpoints' },
      ],
    });
    expect(changed.status).toBe(200);
    expect(changed.body.lanes.map((l: { name: string }) => l.name)).toEqual([
      'What they think',
      'Touchpoints',
    ]);
    expect(changed.body.items.map((i: Item) => i.text)).toEqual(['Hmm']);
  });

  it('hides other workspaces, refuses writes to viewers and audits every change', async () => {
    const owner = await h().signUp('owner');
    const viewer = await h().signUp('viewer');
    const { base } = await h().newWorkspace(owner);
    expect((await owner.post(`${base}/members`, { email: viewer.email, role: 'viewer' })).status).toBe(201);
    const stranger = await h().signUp('stranger');
    const foreign = await h().newWorkspace(stranger, 'Foreign');
    const theirs = (await stranger.post(`${foreign.base}/journeys`, { name: 'Theirs' })).body;

    // Another workspace's journey does not exist here, nor in theirs for us.
    expect((await owner.get(`${base}/journeys/${theirs.id}`)).status).toBe(404);
    expect((await owner.patch(`${base}/journeys/${theirs.id}`, { version: 1, name: 'Mine' })).status).toBe(
      404,
    );
    expect((await owner.delete(`${base}/journeys/${theirs.id}`)).status).toBe(404);
    const stealItem = await owner.post(`${base}/journeys/${theirs.id}/items`, {
      stageId: theirs.stages[0].id,
      lane: 'thoughts',
      text: 'x',
    });
    expect(stealItem.status).toBe(404);
    expect(
      (
        await owner.put(`${base}/journeys/${theirs.id}/stages`, {
          version: 1,
          stages: [{ key: 'a', name: 'A' }],
        })
      ).status,
    ).toBe(404);
    expect((await owner.get(`${foreign.base}/journeys/${theirs.id}`)).status).toBe(404);
    expect((await stranger.get(`${foreign.base}/journeys/${theirs.id}`)).body.name).toBe('Theirs');

    const journey = (await owner.post(`${base}/journeys`, { name: 'Purchase' })).body;
    const url = `${base}/journeys/${journey.id}`;
    expect((await viewer.get(url)).status).toBe(200);
    expect((await viewer.get(`${base}/journeys`)).body.total).toBe(1);
    expect((await viewer.post(`${base}/journeys`, { name: 'Nope' })).status).toBe(403);
    expect((await viewer.patch(url, { version: 1, name: 'Nope' })).status).toBe(403);
    expect(
      (await viewer.put(`${url}/stages`, { version: 1, stages: [{ key: 'a', name: 'A' }] })).status,
    ).toBe(403);
    const viewerItem = await viewer.post(`${url}/items`, {
      stageId: journey.stages[0].id,
      lane: 'thoughts',
      text: 'x',
    });
    expect(viewerItem.status).toBe(403);
    expect((await viewer.delete(url)).status).toBe(403);

    const item = (
      await owner.post(`${url}/items`, { stageId: journey.stages[0].id, lane: 'thoughts', text: 'Hmm' })
    ).body;
    await owner.patch(`${url}/items/${item.id}`, { text: 'Hmm, why?' });
    await owner.delete(`${url}/items/${item.id}`);
    await owner.put(`${url}/stages`, { version: 4, stages: [{ key: 'only', name: 'Only stage' }] });
    const chain = (await owner.post(`${base}/chains`, { name: 'Mapped chain', journeyId: journey.id })).body;
    expect((await owner.delete(url)).status).toBe(204);

    const itemLog = await owner.get(`${base}/audit-log?entityType=journey_item&entityId=${item.id}`);
    expect(itemLog.body.items.map((e: { action: string }) => e.action)).toEqual([
      'delete',
      'update',
      'create',
    ]);
    expect(itemLog.body.items[1]).toMatchObject({
      actorUserId: owner.userId,
      before: { text: 'Hmm', journeyId: journey.id },
      after: { text: 'Hmm, why?' },
    });
    const journeyLog = await owner.get(`${base}/audit-log?entityType=journey&entityId=${journey.id}`);
    expect(journeyLog.body.items.map((e: { action: string }) => e.action)).toEqual([
      'delete',
      'update',
      'create',
    ]);
    expect(journeyLog.body.items[1].before.stages).toHaveLength(5);
    expect(journeyLog.body.items[1].after.stages.map((s: Stage) => s.key)).toEqual(['only']);
    // The chain mapped on the journey stays, without journey, and that change is audited too.
    const detached = await owner.get(`${base}/chains/${chain.id}`);
    expect(detached.body).toMatchObject({ journeyId: null, version: 2 });
    const chainLog = await owner.get(`${base}/audit-log?entityType=chain&entityId=${chain.id}`);
    expect(chainLog.body.items[0]).toMatchObject({
      action: 'update',
      before: { journeyId: journey.id },
      after: { journeyId: null, version: 2 },
    });
  });
});
