/**
 * The catalog's standard metrics — complaint first response, complaint resolution, review reply
 * time — computed exactly on hand-checkable data on both catalog engines: complaints still waiting
 * past the target fail, those waiting within it are not measured yet, weeks follow the receipt.
 */
import { expect, it } from 'vitest';
import { standardsCompliance } from '../../src/analytics/standards-compliance.js';
import { complaints, reviews } from '../../src/store/catalog/schema.js';
import { type Client, describeCatalog, type Reply } from '../catalog-harness.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const d = (iso: string) => new Date(iso);
const FROM = Date.parse('2026-03-02T00:00:00Z'); // a Monday
const TO = Date.parse('2026-03-16T00:00:00Z');
const NOW = Date.parse('2026-03-20T09:00:00Z');

async function created(res: Promise<Reply>): Promise<Reply> {
  const r = await res;
  if (r.status !== 201) throw new Error(`not created: ${r.status} ${JSON.stringify(r.body)}`);
  return r;
}

async function touchpoint(client: Client, base: string, key: string): Promise<string> {
  return (await created(client.post(`${base}/touchpoints`, { key, name: key }))).body.id;
}

describeCatalog('complaint and review standards', (h) => {
  it('measures first response, resolution and review reply times exactly, with weeks and quantiles', async () => {
    const owner = await h().signUp('owner');
    const { id: workspaceId, base } = await h().newWorkspace(owner);
    const desk = await touchpoint(owner, base, 'desk');
    const phone = await touchpoint(owner, base, 'phone');
    const db = h().catalog.db;
    const complaint = (
      touchpointId: string,
      receivedAt: string,
      firstResponseAt: string | null,
      resolvedAt: string | null,
    ) => ({
      id: crypto.randomUUID(),
      workspaceId,
      touchpointId,
      text: 'x',
      source: 'staff',
      status: resolvedAt ? 'resolved' : firstResponseAt ? 'in_progress' : 'new',
      receivedAt: d(receivedAt),
      firstResponseAt: firstResponseAt ? d(firstResponseAt) : null,
      resolvedAt: resolvedAt ? d(resolvedAt) : null,
    });
    await db.insert(complaints).values([
      // A: answered in 2 h, resolved in 48 h
      complaint(desk, '2026-03-02T10:00:00Z', '2026-03-02T12:00:00Z', '2026-03-04T10:00:00Z'),
      // B: answered in 48 h, still open
      complaint(desk, '2026-03-03T10:00:00Z', '2026-03-05T10:00:00Z', null),
      // C: never answered (240 h waiting at NOW)
      complaint(desk, '2026-03-10T09:00:00Z', null, null),
      // D: answered in 6 h, resolved in 12 h
      complaint(desk, '2026-03-11T00:00:00Z', '2026-03-11T06:00:00Z', '2026-03-11T12:00:00Z'),
      // outside the period, or at another touchpoint
      complaint(desk, '2026-03-01T23:59:59Z', null, null),
      complaint(desk, '2026-03-16T00:00:00Z', null, null),
      complaint(phone, '2026-03-02T10:00:00Z', null, null),
    ]);
    const review = (postedAt: string, replyAt: string | null, externalId: string) => ({
      id: crypto.randomUUID(),
      workspaceId,
      touchpointId: desk,
      sourceSite: 'maps',
      externalId,
      rating: 2,
      ratingMax: 5,
      score: 0.4,
      postedAt: d(postedAt),
      reply: replyAt ? 'Thanks' : null,
      replyAt: replyAt ? d(replyAt) : null,
    });
    await db.insert(reviews).values([
      review('2026-03-02T00:00:00Z', '2026-03-03T00:00:00Z', 'r1'), // 24 h: meets 7 days
      review('2026-03-04T00:00:00Z', '2026-03-14T00:00:00Z', 'r2'), // 10 days: fails
      review('2026-03-05T00:00:00Z', null, 'r4'), // waiting 15 d 9 h: fails
      review('2026-03-15T00:00:00Z', null, 'r3'), // waiting 5 d 9 h: not measured yet
    ]);

    const standard = (id: string, metric: string, target: number) => ({
      id,
      touchpointIds: [desk],
      metric: metric as 'complaint_first_response_ms',
      comparator: 'lte' as const,
      target,
      requiredShare: 0.5,
    });
    const result = await standardsCompliance(
      h().events,
      {
        workspaceId,
        from: FROM,
        to: TO,
        standards: [
          standard('first', 'complaint_first_response_ms', DAY),
          standard('resolution', 'complaint_resolution_ms', 72 * HOUR),
          standard('reply', 'review_reply_ms', 7 * DAY),
        ],
      },
      { db, now: NOW },
    );
    const [first, resolution, reply] = result.standards;
    expect(first).toMatchObject({ measured: 4, meeting: 2, shareMeeting: 0.5, passed: true, value: null });
    expect(first?.p50).toBeCloseTo(27 * HOUR, 3);
    expect(first?.p90).toBeCloseTo(182.4 * HOUR, 3);
    expect(first?.p99).toBeCloseTo(234.24 * HOUR, 3);
    expect(first?.weeks.map((w) => [w.week, w.measured, w.meeting, w.passed])).toEqual([
      ['2026-W10', 2, 1, true],
      ['2026-W11', 2, 1, true],
    ]);
    // B and C are still open after more than 72 h: failing.
    expect(resolution).toMatchObject({ measured: 4, meeting: 2, shareMeeting: 0.5 });
    expect(resolution?.weeks.map((w) => [w.week, w.measured, w.meeting])).toEqual([
      ['2026-W10', 2, 1],
      ['2026-W11', 2, 1],
    ]);
    expect(reply).toMatchObject({ measured: 3, meeting: 1 });
    expect(reply?.shareMeeting).toBeCloseTo(1 / 3, 10);
    expect(reply?.passed).toBe(false);
    expect(reply?.weeks.map((w) => [w.week, w.measured, w.meeting])).toEqual([['2026-W10', 3, 1]]);

    // Without the catalog nothing is measured; a later `now` measures the waiting review too.
    const blind = await standardsCompliance(h().events, {
      workspaceId,
      from: FROM,
      to: TO,
      standards: [standard('reply', 'review_reply_ms', 7 * DAY)],
    });
    expect(blind.standards[0]).toMatchObject({ measured: 0, passed: null });
    const later = await standardsCompliance(
      h().events,
      { workspaceId, from: FROM, to: TO, standards: [standard('reply', 'review_reply_ms', 7 * DAY)] },
      { db, now: NOW + 3 * DAY },
    );
    expect(later.standards[0]).toMatchObject({ measured: 4, meeting: 1 });
  });

  it('takes the metrics as standards (lte only) and reports them in the workspace analysis', async () => {
    const owner = await h().signUp('owner');
    const { base } = await h().newWorkspace(owner);
    const desk = await touchpoint(owner, base, 'desk');
    const gte = await owner.post(`${base}/standards`, {
      touchpointId: desk,
      name: 'Slow answers',
      metric: 'complaint_first_response_ms',
      comparator: 'gte',
      target: DAY,
    });
    expect(gte.status).toBe(400);
    expect(gte.body.issues[0].field).toBe('comparator');
    const negative = await owner.post(`${base}/standards`, {
      touchpointId: desk,
      name: 'Answered',
      metric: 'complaint_first_response_ms',
      target: -1,
    });
    expect(negative.body.issues[0].field).toBe('target');
    const ok = await created(
      owner.post(`${base}/standards`, {
        touchpointId: desk,
        name: 'Complaint answered within 24 h',
        metric: 'complaint_first_response_ms',
        target: DAY,
      }),
    );
    expect(ok.body.comparator).toBe('lte');

    const c = (await created(owner.post(`${base}/complaints`, { touchpointId: desk, text: 'Late delivery' })))
      .body;
    await owner.patch(`${base}/complaints/${c.id}`, { version: 1, status: 'in_progress' });
    const from = new Date(Date.now() - DAY).toISOString();
    const to = new Date(Date.now() + HOUR).toISOString();
    const analysis = await owner.get(`${base}/analytics/standards?from=${from}&to=${to}`);
    expect(analysis.status).toBe(200);
    expect(analysis.body.standards).toHaveLength(1);
    expect(analysis.body.standards[0]).toMatchObject({
      name: 'Complaint answered within 24 h',
      metric: 'complaint_first_response_ms',
      measured: 1,
      meeting: 1,
      passed: true,
    });
  });
});
