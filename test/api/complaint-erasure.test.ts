/**
 * A customer's complaints, reviews and survey contacts in the customer's export and erasure, on
 * both catalog engines: the export lists them, the erasure deletes them (and the complaints'
 * history, which quotes the key) and leaves other customers' rows alone.
 */
import { expect, it } from 'vitest';
import { auditLog, reviews, surveyContacts, surveys } from '../../src/store/catalog/schema.js';
import { describeCatalog } from '../catalog-harness.js';

const KEY = 'erin+complaints@example.org';

describeCatalog('complaints in the customer export and erasure', (h) => {
  it('exports and erases the complaints, reviews and survey contacts of a customer key', async () => {
    const owner = await h().signUp('owner');
    const { id: workspaceId, base } = await h().newWorkspace(owner);
    const desk = (await owner.post(`${base}/touchpoints`, { key: 'desk', name: 'Desk' })).body.id as string;
    const mine = (
      await owner.post(`${base}/complaints`, { touchpointId: desk, customer: KEY, text: 'Lost my parcel' })
    ).body;
    await owner.patch(`${base}/complaints/${mine.id}`, { version: 1, status: 'in_progress' });
    const other = (
      await owner.post(`${base}/complaints`, { touchpointId: desk, customer: 'frank', text: 'Too loud' })
    ).body;
    const db = h().catalog.db;
    await db.insert(reviews).values([
      {
        id: crypto.randomUUID(),
        workspaceId,
        touchpointId: desk,
        sourceSite: 'maps',
        externalId: 'a',
        customer: KEY,
        rating: 1,
        ratingMax: 5,
        score: 0.2,
        text: 'Terrible',
        postedAt: new Date('2026-01-01T00:00:00Z'),
      },
      {
        id: crypto.randomUUID(),
        workspaceId,
        touchpointId: desk,
        sourceSite: 'maps',
        externalId: 'b',
        customer: 'frank',
        rating: 5,
        ratingMax: 5,
        score: 1,
        text: 'Great',
        postedAt: new Date('2026-01-01T00:00:00Z'),
      },
    ]);
    const surveyId = crypto.randomUUID();
    await db.insert(surveys).values({
      id: surveyId,
      workspaceId,
      touchpointId: desk,
      code: `c${Date.now().toString(36)}`.slice(0, 10),
      name: 'After the visit',
      questions: [],
      texts: { title: { en: 'How was it?' }, thankYou: { en: 'Thanks' } },
    });
    await db.insert(surveyContacts).values({
      id: crypto.randomUUID(),
      workspaceId,
      surveyId,
      submissionId: 's-1',
      customer: KEY,
      email: 'erin@example.org',
    });

    const exported = await owner.post(`${base}/customers/export`, { customer: KEY });
    expect(exported.status).toBe(200);
    expect(exported.body.complaints.map((c: { text: string; status: string }) => [c.text, c.status])).toEqual(
      [['Lost my parcel', 'in_progress']],
    );
    expect(exported.body.reviews.map((r: { text: string }) => r.text)).toEqual(['Terrible']);
    expect(exported.body.surveyContacts.map((c: { email: string }) => c.email)).toEqual(['erin@example.org']);

    const erased = await owner.post(`${base}/customers/erase`, { customers: [KEY] });
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ customers: 1, complaints: 1, reviews: 1, surveyContacts: 1 });

    expect((await owner.get(`${base}/complaints/${mine.id}`)).status).toBe(404);
    expect((await owner.get(`${base}/complaints/${other.id}`)).status).toBe(200);
    const history = await db.select().from(auditLog);
    expect(JSON.stringify(history)).not.toContain(KEY);
    expect(JSON.stringify(history)).not.toContain('Lost my parcel');
    const left = await owner.post(`${base}/customers/export`, { customer: KEY });
    expect(left.body).toMatchObject({ complaints: [], reviews: [], surveyContacts: [] });
    const frank = await owner.post(`${base}/customers/export`, { customer: 'frank' });
    expect(frank.body.complaints).toHaveLength(1);
    expect(frank.body.reviews).toHaveLength(1);
  });
});
