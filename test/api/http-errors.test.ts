import { expect, it } from 'vitest';
import { describeCatalog } from '../catalog-harness.js';

describeCatalog('bad requests get a 4xx, never a 5xx', (h) => {
  it('rejects malformed JSON, wrong media types, oversized bodies and bad ids', async () => {
    const owner = await h().signUp('owner');
    const { base } = await h().newWorkspace(owner);
    const json = { 'content-type': 'application/json' };

    const malformed = await owner.request('POST', `${base}/subjects`, '{"kind": "other", "name": ', json);
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('bad_request');

    const text = await owner.request('POST', `${base}/subjects`, 'kind=other', {
      'content-type': 'text/csv',
    });
    expect(text.status).toBe(415);

    const huge = await owner.request(
      'POST',
      `${base}/subjects`,
      JSON.stringify({ kind: 'other', name: 'x'.repeat(1_100_000) }),
      json,
    );
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('payload_too_large');

    const nul = await owner.post(`${base}/subjects`, { kind: 'other', name: 'a\u0000b' });
    expect(nul.status).toBe(400);
    expect(nul.body.issues[0].field).toBe('name');

    const badId = await owner.get(`${base}/subjects/not-a-uuid`);
    expect(badId.status).toBe(400);
    expect(badId.body.issues[0].field).toBe('params.id');

    const badWorkspace = await owner.get('/api/workspaces/123/subjects');
    expect(badWorkspace.status).toBe(400);

    const noRoute = await owner.get('/api/nothing-here');
    expect(noRoute.status).toBe(404);
    expect(noRoute.body.code).toBe('not_found');
    const noRouteWithBody = await owner.post('/api/nothing-here', { interactions: [] });
    expect(noRouteWithBody.status).toBe(404);

    const badLimit = await owner.get(`${base}/subjects?limit=100000`);
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.issues[0].field).toBe('querystring.limit');
  });

  it('answers every kind of junk body with a 4xx', async () => {
    const owner = await h().signUp('owner');
    const { base } = await h().newWorkspace(owner);
    const bodies: unknown[] = [
      null,
      [],
      'a string',
      42,
      { kind: null, name: null },
      { kind: 'other', name: '' },
      { kind: 'other', name: '   ' },
      { kind: 'other', name: 'ok', description: 7 },
      { kind: ['other'], name: 'ok' },
      { kind: 'other', name: 'ok', constructor: 'x' },
      { kind: 'other', name: '\u0000' },
      { kind: 'other', name: 'ok', description: 'y'.repeat(5001) },
    ];
    const raw = [
      ...bodies.map((b) => JSON.stringify(b)),
      '{"kind":"other","name":"ok","__proto__":{"admin":true}}',
    ];
    for (const body of raw) {
      const res = await owner.request('POST', `${base}/subjects`, body, {
        'content-type': 'application/json',
      });
      expect(res.status, body).toBeGreaterThanOrEqual(400);
      expect(res.status, body).toBeLessThan(500);
      expect(typeof res.body.message).toBe('string');
    }
    // The ingestion route reads its body text itself first: junk there takes the general parser.
    const record = '{"customer":"c","touchpoint":"web","at":0}';
    const batches = [
      '',
      'null',
      '[]',
      '{"interactions":',
      `{"interactions":[${record}`,
      `{"interactions":[${record}]}x`,
      `{"interactions":[${record},]}`,
      `{"interactions":[${record}],"interactions":"many"}`,
      `{"interactions":[{"customer":"c","touchpoint":"web","at":0,"props":{"__proto__":{"admin":true}}}]}`,
      `{"interactions":[${Array.from({ length: 10_001 }, () => record).join(',')}]}`,
    ];
    for (const body of batches) {
      const res = await owner.request('POST', `${base}/interactions`, body, {
        'content-type': 'application/json',
      });
      expect(res.status, body.slice(0, 200)).toBeGreaterThanOrEqual(400);
      expect(res.status, body.slice(0, 200)).toBeLessThan(500);
      expect(typeof res.body.message).toBe('string');
    }
    // A fault inside one record refuses only that record.
    const deep = await owner.request(
      'POST',
      `${base}/interactions`,
      `{"interactions":[{"customer":"c","touchpoint":"web","at":0,"props":${'['.repeat(5000)}${']'.repeat(5000)}}]}`,
      { 'content-type': 'application/json' },
    );
    expect(deep.status).toBe(200);
    expect(deep.body.rejected).toEqual([{ index: 0, field: 'props', message: 'must be a JSON object' }]);
    const patches: unknown[] = [
      {},
      { name: 'x' },
      { version: 'one', name: 'x' },
      { version: 0 },
      { version: 1.5 },
    ];
    const created = await owner.post(`${base}/subjects`, { kind: 'other', name: 'ok' });
    for (const body of patches) {
      const res = await owner.patch(`${base}/subjects/${created.body.id}`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
  });
});
