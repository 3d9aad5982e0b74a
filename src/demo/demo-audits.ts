/**
 * The audits of the demo workspace (Law 3, control), written through the audit store after the
 * import: checklists from the templates that fit its businesses (clinic, store, website & e-mail,
 * consulting), submitted audits of the own brand and of the competitors over several dates (with
 * a few failed criteria, the own clinic improving), and one planned audit of a competitor with an
 * open mystery-shopper link. No photos: their bytes would live outside the catalog.
 */
import type { Actor } from '../store/catalog/audit.js';
import { type ChecklistDto, createChecklistFromTemplate } from '../store/catalog/audit-checklists.js';
import { createAuditLink } from '../store/catalog/audit-links.js';
import { createAudit, saveAnswers, submitAudit } from '../store/catalog/audits.js';
import { listBrands } from '../store/catalog/brands.js';
import type { Db } from '../store/catalog/db.js';

const DAY_MS = 86_400_000;
const dateIn = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);

/** What the demo's audits find: per audit, the criteria (by position) that fail. */
interface DemoAudit {
  template: string;
  brand: string;
  daysAgo: number;
  auditor: 'owner' | string;
  failing: number[];
  note?: string;
}

const AUDITS: readonly DemoAudit[] = [
  // The own clinic, getting better: the booking line and the waiting area were the weak links.
  { template: 'clinic-visit', brand: 'Brightside', daysAgo: 75, auditor: 'owner', failing: [0, 3, 5, 8] },
  { template: 'clinic-visit', brand: 'Brightside', daysAgo: 40, auditor: 'owner', failing: [0, 5] },
  { template: 'clinic-visit', brand: 'Brightside', daysAgo: 9, auditor: 'Jana Kovářová', failing: [5] },
  // The competitor clinic: quick on the phone, no price list, no feedback request.
  {
    template: 'clinic-visit',
    brand: 'MediPlus Clinic',
    daysAgo: 60,
    auditor: 'Jana Kovářová',
    failing: [6, 8],
  },
  {
    template: 'clinic-visit',
    brand: 'MediPlus Clinic',
    daysAgo: 20,
    auditor: 'Petr Svoboda',
    failing: [4, 6, 8],
  },
  // The store against the outlet next door.
  { template: 'store-visit', brand: 'Brightside', daysAgo: 30, auditor: 'owner', failing: [1, 5] },
  {
    template: 'store-visit',
    brand: 'HomeGoods Outlet',
    daysAgo: 28,
    auditor: 'Petr Svoboda',
    failing: [0, 3, 6],
  },
  { template: 'website-email', brand: 'Brightside', daysAgo: 14, auditor: 'owner', failing: [0, 6] },
  {
    template: 'website-email',
    brand: 'MediPlus Clinic',
    daysAgo: 14,
    auditor: 'Jana Kovářová',
    failing: [2, 4],
  },
  { template: 'consulting-first-contact', brand: 'Brightside', daysAgo: 21, auditor: 'owner', failing: [5] },
];

/** A value that passes or fails the criterion, varied a little by position. */
function valueFor(c: ChecklistDto['criteria'][number], pass: boolean): number {
  switch (c.scale) {
    case 'yes_no':
      return pass ? 1 : 0;
    case 'score_1_5':
      return pass ? 4 + (c.position % 2) : 2 + (c.position % 2);
    case 'number': {
      const target = c.target ?? 1;
      const factor = pass ? 0.6 : 1.7;
      return c.comparator === 'gte'
        ? Math.round((target / factor) * 10) / 10
        : Math.round(target * factor * 10) / 10;
    }
  }
}

/** Adds the demo's checklists and audits to a freshly imported demo workspace. */
export async function addDemoAudits(
  db: Db,
  actor: Actor,
  workspaceId: string,
  ownerUserId: string,
): Promise<{ checklists: number; audits: number }> {
  const brands = (await listBrands(db, workspaceId, { limit: 100, offset: 0 })).items;
  const brandId = (name: string) => {
    const found = brands.find((b) => b.name === name);
    if (!found) throw new Error(`demo brand missing: ${name}`);
    return found.id;
  };
  const checklists = new Map<string, ChecklistDto>();
  for (const template of ['clinic-visit', 'store-visit', 'website-email', 'consulting-first-contact']) {
    checklists.set(
      template,
      await createChecklistFromTemplate(db, actor, workspaceId, { templateKey: template, language: 'en' }),
    );
  }
  const checklistOf = (template: string) => {
    const found = checklists.get(template);
    if (!found) throw new Error(`demo checklist missing: ${template}`);
    return found;
  };

  for (const a of AUDITS) {
    const checklist = checklistOf(a.template);
    const own = a.auditor === 'owner';
    const audit = await createAudit(db, actor, workspaceId, {
      checklistId: checklist.id,
      brandId: brandId(a.brand),
      auditDate: dateIn(-a.daysAgo),
      auditorUserId: own ? ownerUserId : null,
      auditorName: own ? undefined : a.auditor,
      notes: a.note,
    });
    await saveAnswers(
      db,
      actor,
      workspaceId,
      audit.id,
      checklist.criteria.map((c) => {
        const pass = !a.failing.includes(c.position);
        return { criterionId: c.id, value: valueFor(c, pass), note: pass ? '' : 'Seen on the visit.' };
      }),
    );
    await submitAudit(db, actor, workspaceId, audit.id, {});
  }

  // Next week's visit to the competitor clinic, by an external mystery shopper invited by link.
  const planned = await createAudit(db, actor, workspaceId, {
    checklistId: checklistOf('clinic-visit').id,
    brandId: brandId('MediPlus Clinic'),
    auditDate: dateIn(7),
    auditorName: '',
    notes: 'Mystery shopper: book a check-up for a four-year-old by phone, then visit.',
  });
  await createAuditLink(db, actor, workspaceId, planned.id, { expiresInDays: 14 });
  return { checklists: checklists.size, audits: AUDITS.length + 1 };
}
