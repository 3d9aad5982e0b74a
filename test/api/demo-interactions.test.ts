/**
 * POST /api/workspaces/demo with `interactions` and `seed`: the demo workspace comes with
 * generated customers walking its chains (the generator of `touchpoints demo --interactions`),
 * stored in the event store, so its analytics show the clinic's weak link right away.
 */
import { expect, it } from 'vitest';
import { MAX_API_DEMO_INTERACTIONS } from '../../src/api/export.schemas.js';
import { describeCatalog } from '../catalog-harness.js';

const DAY = 86_400_000;

describeCatalog('demo workspace with interactions', (h) => {
  it('records the generated interactions and the analytics find the weak link', async () => {
    const owner = await h().signUp('owner');
    const created = await owner.post('/api/workspaces/demo', { interactions: 20_000, seed: 7 });
    expect(created.status).toBe(201);
    expect(created.body.recorded).toMatchObject({ interactions: 20_000, seed: 7 });
    expect(created.body.recorded.feedback).toBeGreaterThan(0);
    const ws = created.body.workspace.id as string;
    const base = `/api/workspaces/${ws}`;

    const tps = (await owner.get(`${base}/export`)).body.touchpoints as { id: string; key: string }[];
    const stored = await h().events.countByTouchpoint(
      ws,
      tps.map((t) => t.id),
    );
    expect([...stored.values()].reduce((a, b) => a + b, 0)).toBe(20_000);

    const chains = (await owner.get(`${base}/chains?limit=100`)).body.items as { id: string; name: string }[];
    const clinic = chains.find((c) => c.name === 'Clinic: online lead to booking');
    expect(clinic).toBeDefined();
    const now = Date.now();
    const conversion = await owner.get(
      `${base}/analytics/chains/${clinic?.id}/conversion?from=${now - 91 * DAY}&to=${now + DAY}`,
    );
    expect(conversion.status).toBe(200);
    // banner ad → website → question form → booking call → SMS: form → call loses most customers.
    expect(conversion.body.weakLink).toMatchObject({ fromLink: 3, toLink: 4 });
    expect(conversion.body.weakLink.entrants).toBeGreaterThanOrEqual(30);
    expect(conversion.body.weakLink.conversion).toBeLessThan(0.3);
    expect(conversion.body.links[1].conversionFromPrevious).toBeGreaterThan(0.5);
  }, 120_000);

  it('records nothing without interactions and the same seed gives the same records', async () => {
    const owner = await h().signUp('owner');
    const plain = await owner.post('/api/workspaces/demo', {});
    expect(plain.status).toBe(201);
    expect(plain.body.recorded).toEqual({ interactions: 0, feedback: 0, seed: 1 });

    const counts = async (seed: number) => {
      const res = await owner.post('/api/workspaces/demo', { interactions: 500, seed });
      expect(res.status).toBe(201);
      const ws = res.body.workspace.id as string;
      const tps = (await owner.get(`/api/workspaces/${ws}/export`)).body.touchpoints as {
        id: string;
        key: string;
      }[];
      const byId = await h().events.countByTouchpoint(
        ws,
        tps.map((t) => t.id),
      );
      return {
        feedback: res.body.recorded.feedback as number,
        byKey: Object.fromEntries(tps.map((t) => [t.key, byId.get(t.id) ?? 0])),
      };
    };
    const [a, b, c] = [await counts(3), await counts(3), await counts(4)];
    expect(a).toEqual(b);
    expect(a.byKey).not.toEqual(c.byKey);
  }, 120_000);

  it('refuses a bad count or seed with the field named, and creates nothing', async () => {
    const owner = await h().signUp('owner');
    const cases: [unknown, string, RegExp][] = [
      [{ interactions: MAX_API_DEMO_INTERACTIONS + 1 }, 'interactions', /at most 200,000/],
      [{ interactions: -1 }, 'interactions', /at least 0/],
      [{ interactions: 2.5 }, 'interactions', /whole number/],
      [{ interactions: '1000' }, 'interactions', /number/],
      [{ interactions: 10, seed: -1 }, 'seed', /at least 0/],
      [{ interactions: 10, seed: 2 ** 32 }, 'seed', /at most 4294967295/],
    ];
    for (const [body, field, message] of cases) {
      const res = await owner.post('/api/workspaces/demo', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.issues).toEqual([{ field, message: expect.stringMatching(message) }]);
    }
    const me = await owner.get('/api/me');
    expect(me.body.workspaces).toEqual([]);
  });
});
