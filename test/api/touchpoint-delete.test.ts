/**
 * Deleting a touchpoint next to its recorded history and its places on journey maps: feedback
 * answers keep it like interactions do (409: retire it), and a touchpoint placed on journey maps
 * leaves them with the removal audited and each map's version bumped once.
 */
import { expect, it } from 'vitest';
import { describeCatalog } from '../catalog-harness.js';

describeCatalog('deleting a touchpoint', (h) => {
  it('refuses a touchpoint with recorded feedback answers only, naming what keeps it', async () => {
    const owner = await h().signUp('owner');
    const { base } = await h().newWorkspace(owner);
    const desk = (await owner.post(`${base}/touchpoints`, { key: 'desk', name: 'Front desk' })).body;
    const answers = await owner.post(`${base}/feedback`, {
      answers: [
        { id: 'f1', touchpoint: 'desk', at: '2024-05-01T09:00:00Z', kind: 'csat', score: 5 },
        { id: 'f2', touchpoint: 'desk', at: '2024-05-02T09:00:00Z', kind: 'nps', score: 3 },
      ],
    });
    expect(answers.status).toBe(200);
    expect(answers.body.accepted).toBe(2);

    const refused = await owner.delete(`${base}/touchpoints/${desk.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'in_use', interactionCount: 0, feedbackCount: 2 });
    expect(refused.body.message).toBe(
      'touchpoint "desk" has 2 recorded feedback answers; retire it instead (status retired)',
    );
    expect((await owner.get(`${base}/touchpoints/${desk.id}`)).status).toBe(200);

    await owner.post(`${base}/interactions`, {
      interactions: [{ id: 'i1', customer: 'c1', touchpoint: 'desk', at: '2024-05-01T09:00:00Z' }],
    });
    const both = await owner.delete(`${base}/touchpoints/${desk.id}`);
    expect(both.status).toBe(409);
    expect(both.body).toMatchObject({ interactionCount: 1, feedbackCount: 2 });
    expect(both.body.message).toBe(
      'touchpoint "desk" has 1 recorded interaction and 2 recorded feedback answers; retire it instead (status retired)',
    );
  });

  it('removes it from journey maps: cells close up, versions go up once, the removals are audited', async () => {
    const owner = await h().signUp('owner');
    const { base } = await h().newWorkspace(owner);
    const site = (await owner.post(`${base}/touchpoints`, { key: 'site', name: 'Website' })).body;
    const call = (await owner.post(`${base}/touchpoints`, { key: 'call', name: 'Call centre' })).body;
    const journey = async (name: string) => {
      const res = await owner.post(`${base}/journeys`, { name });
      expect(res.status).toBe(201);
      return res.body as { id: string; stages: { id: string }[] };
    };
    const buying = await journey('Buying');
    const support = await journey('Support');
    const untouched = await journey('Untouched');
    const place = async (j: { id: string }, stageId: string | undefined, touchpointId: string) => {
      const res = await owner.post(`${base}/journeys/${j.id}/items`, {
        stageId,
        lane: 'touchpoints',
        touchpointId,
      });
      expect(res.status).toBe(201);
      return res.body as { id: string; journeyVersion: number };
    };
    // Buying: site then call in stage 1, site in stage 2; Support: site; Untouched: call only.
    const b1 = await place(buying, buying.stages[0]?.id, site.id);
    await place(buying, buying.stages[0]?.id, call.id);
    const b3 = await place(buying, buying.stages[1]?.id, site.id);
    const s1 = await place(support, support.stages[0]?.id, site.id);
    const u1 = await place(untouched, untouched.stages[0]?.id, call.id);

    const deleted = await owner.delete(`${base}/touchpoints/${site.id}`);
    expect(deleted.status).toBe(204);

    const map = async (j: { id: string }) => (await owner.get(`${base}/journeys/${j.id}`)).body;
    const buyingAfter = await map(buying);
    expect(buyingAfter.version).toBe(b3.journeyVersion + 1);
    expect(
      buyingAfter.items.map((i: { touchpointKey: string; position: number }) => [
        i.touchpointKey,
        i.position,
      ]),
    ).toEqual([['call', 0]]);
    const supportAfter = await map(support);
    expect(supportAfter.version).toBe(s1.journeyVersion + 1);
    expect(supportAfter.items).toEqual([]);
    expect((await map(untouched)).version).toBe(u1.journeyVersion);

    // A stale editor of the Buying map is told it moved on.
    const stale = await owner.patch(`${base}/journeys/${buying.id}`, {
      version: b3.journeyVersion,
      name: 'Buying (old)',
    });
    expect(stale.status).toBe(409);

    const audit = await owner.get(`${base}/audit-log?entityType=journey_item&limit=500`);
    const removals = audit.body.items.filter((e: { action: string }) => e.action === 'delete');
    expect(
      removals.map((e: { entityId: string; before: { journeyId: string; touchpointKey: string } }) => [
        e.entityId,
        e.before.journeyId,
        e.before.touchpointKey,
      ]),
    ).toEqual(
      expect.arrayContaining([
        [b1.id, buying.id, 'site'],
        [b3.id, buying.id, 'site'],
        [s1.id, support.id, 'site'],
      ]),
    );
    expect(removals).toHaveLength(3);
    expect(removals.every((e: { actorUserId: string }) => e.actorUserId === owner.userId)).toBe(true);
  });
});
