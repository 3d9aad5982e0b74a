import { expect, it } from 'vitest';
import { describeCatalog } from '../catalog-harness.js';
import { ok } from '../fixtures/audit-fixture.js';

interface Stage {
  id: string;
  key: string;
  name: string;
  customName: string | null;
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

describeCatalog('journey templates and copies', (h) => {
  it('lists the templates in a language and makes a map from one, names and notes in that language', async () => {
    const owner = await h().signUp('owner');
    const { base } = await h().newWorkspace(owner);
    const list = await owner.get(`${base}/journey-templates?language=de`);
    expect(list.status).toBe(200);
    expect(list.body.map((t: { key: string }) => t.key)).toEqual([
      'clinic-visit',
      'consulting-engagement',
      'retail-purchase',
      'online-order',
      'school-canteen',
    ]);
    expect(list.body[4]).toMatchObject({ name: 'Schulkantine' });
    expect((await owner.get(`${base}/journey-templates?language=xx`)).body.issues[0].field).toBe(
      'querystring.language',
    );

    const persona = await ok(owner.post(`${base}/personas`, { name: 'Anna' }));
    const made = await owner.post(`${base}/journeys/from-template`, {
      templateKey: 'clinic-visit',
      language: 'de',
      personaId: persona.body.id,
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ name: 'Praxisbesuch', personaId: persona.body.id, version: 1 });
    expect(made.body.stages.map((s: Stage) => s.customName)).toEqual([
      'Terminvereinbarung',
      'Ankunft und Anmeldung',
      'Untersuchung',
      'Bezahlung',
      'Nachsorge',
    ]);
    expect(made.body.stages.map((s: Stage) => s.designedEmotion)).toEqual([0, -1, 1, 0, 1]);
    expect(made.body.lanes.map((l: { key: string }) => l.key)).toContain('backstage');
    // Default lanes keep no name of their own: they follow the reader's language.
    expect(made.body.lanes.every((l: { customName: string | null }) => l.customName === null)).toBe(true);
    const arrival = made.body.stages[1] as Stage;
    const notes = made.body.items.filter((i: Item) => i.stageId === arrival.id);
    expect(notes.map((i: Item) => [i.lane, i.text])).toEqual(
      expect.arrayContaining([
        ['thoughts', 'Muss ich lange warten?'],
        ['pain_points', 'Schlange an der Anmeldung und schon wieder Formulare'],
      ]),
    );

    // Default stages of a template stay unnamed (the reader's language), own ones take the language.
    const order = await ok(
      owner.post(`${base}/journeys/from-template`, {
        templateKey: 'online-order',
        language: 'ru',
        name: 'Заказ',
      }),
    );
    expect(order.body.name).toBe('Заказ');
    expect(order.body.stages.map((s: Stage) => s.customName)).toEqual([
      null,
      null,
      null,
      null,
      'Доставка',
      null,
    ]);
    expect(order.body.stages[0].name).toBe('Need recognition');

    const unknown = await owner.post(`${base}/journeys/from-template`, {
      templateKey: 'zoo',
      language: 'en',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.issues[0].field).toBe('templateKey');
    const foreignPersona = await owner.post(`${base}/journeys/from-template`, {
      templateKey: 'school-canteen',
      language: 'en',
      personaId: '11111111-1111-4111-8111-111111111111',
    });
    expect(foreignPersona.status).toBe(400);
    expect(foreignPersona.body.issues[0].field).toBe('personaId');
    // Nothing was left behind by the refused request.
    expect((await owner.get(`${base}/journeys`)).body.total).toBe(2);
  });

  it('duplicates a map with its stages, lanes and items; the copy changes on its own', async () => {
    const owner = await h().signUp('owner');
    const { base } = await h().newWorkspace(owner);
    const a = await ok(owner.post(`${base}/personas`, { name: 'Anna' }));
    const b = await ok(owner.post(`${base}/personas`, { name: 'Boris' }));
    const original = await ok(
      owner.post(`${base}/journeys/from-template`, {
        templateKey: 'school-canteen',
        language: 'cs',
        personaId: a.body.id,
      }),
    );
    const tp = await ok(owner.post(`${base}/touchpoints`, { key: 'canteen-board', name: 'Menu board' }));
    const first = original.body.stages[0] as Stage;
    await ok(
      owner.post(`${base}/journeys/${original.body.id}/items`, {
        stageId: first.id,
        lane: 'touchpoints',
        touchpointId: tp.body.id,
      }),
    );
    const before = (await owner.get(`${base}/journeys/${original.body.id}`)).body;

    const copy = await owner.post(`${base}/journeys/${original.body.id}/duplicate`, {
      name: 'Canteen for Boris',
      personaId: b.body.id,
    });
    expect(copy.status).toBe(201);
    expect(copy.body.id).not.toBe(original.body.id);
    expect(copy.body).toMatchObject({ name: 'Canteen for Boris', personaId: b.body.id, version: 1 });
    expect(copy.body.lanes).toEqual(before.lanes);
    const strip = (s: Stage) => ({
      key: s.key,
      customName: s.customName,
      designedEmotion: s.designedEmotion,
    });
    expect(copy.body.stages.map(strip)).toEqual(before.stages.map(strip));
    expect(copy.body.stages.some((s: Stage) => before.stages.some((o: Stage) => o.id === s.id))).toBe(false);
    const stageKey = (map: { stages: Stage[] }, id: string) => map.stages.find((s) => s.id === id)?.key;
    const cells = (map: { stages: Stage[]; items: Item[] }) =>
      map.items.map((i) => [stageKey(map, i.stageId), i.lane, i.position, i.text, i.touchpointId]);
    expect(cells(copy.body)).toEqual(cells(before));
    expect(copy.body.items.length).toBe(7);
    expect(copy.body.items.filter((i: Item) => i.touchpointId === tp.body.id)).toHaveLength(1);

    // Without a body field the copy keeps the name and persona.
    const plain = await ok(owner.post(`${base}/journeys/${original.body.id}/duplicate`, {}));
    expect(plain.body).toMatchObject({ name: before.name, personaId: a.body.id });

    // Changing the copy leaves the original.
    const dropped = copy.body.items[0] as Item;
    expect((await owner.delete(`${base}/journeys/${copy.body.id}/items/${dropped.id}`)).status).toBe(204);
    expect((await owner.get(`${base}/journeys/${original.body.id}`)).body.items).toHaveLength(
      before.items.length,
    );
    expect((await owner.delete(`${base}/journeys/${original.body.id}`)).status).toBe(204);
    expect((await owner.get(`${base}/journeys/${copy.body.id}`)).body.items).toHaveLength(
      before.items.length - 1,
    );

    // Another workspace's map is not found; a viewer may not copy.
    const stranger = await h().signUp('stranger');
    const foreign = await h().newWorkspace(stranger, 'Elsewhere');
    expect((await stranger.post(`${foreign.base}/journeys/${copy.body.id}/duplicate`, {})).status).toBe(404);
    const viewer = await h().signUp('viewer');
    await ok(owner.post(`${base}/members`, { email: viewer.email, role: 'viewer' }));
    expect((await viewer.post(`${base}/journeys/${copy.body.id}/duplicate`, {})).status).toBe(403);
    expect((await viewer.get(`${base}/journey-templates`)).status).toBe(200);
    expect(
      (await viewer.post(`${base}/journeys/from-template`, { templateKey: 'online-order', language: 'en' }))
        .status,
    ).toBe(403);
  });
});
