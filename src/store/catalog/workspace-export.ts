/**
 * Exports a workspace's catalog as a workspace document (domain/workspace-document.ts), read in
 * one repeatable-read transaction so the document is a consistent snapshot. Lists are ordered by
 * their natural keys (key, name, position, creation time) so that exporting the same content
 * twice gives the same document, whatever the ids.
 *
 * Webhooks go out with their URL and description only: never the signing secret, nor whether
 * they are enabled (an import disables them). Audit photos, shopper links, alert episodes,
 * notifications and webhook deliveries are not exported (see the document's header).
 */
import { asc, desc, eq } from 'drizzle-orm';
import { PERSONA_AVATARS, type PersonaAvatar } from '../../domain/personas.js';
import { channelName, laneName, stageName } from '../../domain/vocabulary.js';
import {
  type DocumentAlertRule,
  type DocumentAudit,
  type DocumentChecklist,
  type DocumentSurvey,
  type DocumentTask,
  type DocumentWebhook,
  WORKSPACE_DOCUMENT_FORMAT,
  WORKSPACE_DOCUMENT_VERSION,
  type WorkspaceDocument,
} from '../../domain/workspace-document.js';
import type { Db } from './db.js';
import { personasOf } from './personas.js';
import {
  alertRules,
  auditAnswers,
  auditChecklists,
  auditCriteria,
  audits,
  brands,
  chainLinks,
  chains,
  channels,
  journeyItems,
  journeys,
  stages,
  standards,
  subjects,
  surveys,
  taskComments,
  tasks,
  touchpoints,
  users,
  webhooks,
} from './schema.js';
import { getWorkspace } from './workspaces.js';

type Doc = WorkspaceDocument;

/** The workspace's catalog as a document; 404 when the workspace does not exist. */
export async function exportWorkspace(db: Db, workspaceId: string): Promise<WorkspaceDocument> {
  return db.transaction(
    async (tx) => {
      const ws = await getWorkspace(tx, workspaceId);
      return {
        format: WORKSPACE_DOCUMENT_FORMAT,
        formatVersion: WORKSPACE_DOCUMENT_VERSION,
        exportedAt: new Date().toISOString(),
        workspace: { name: ws.name, description: ws.description, settings: ws.settings },
        brands: await exportBrands(tx, workspaceId),
        subjects: await exportSubjects(tx, workspaceId),
        channels: await exportChannels(tx, workspaceId),
        touchpoints: await exportTouchpoints(tx, workspaceId),
        standards: await exportStandards(tx, workspaceId),
        personas: await exportPersonas(tx, workspaceId),
        journeys: await exportJourneys(tx, workspaceId),
        chains: await exportChains(tx, workspaceId),
        tasks: await exportTasks(tx, workspaceId),
        auditChecklists: await exportChecklists(tx, workspaceId),
        audits: await exportAudits(tx, workspaceId),
        alertRules: await exportAlertRules(tx, workspaceId),
        webhooks: await exportWebhooks(tx, workspaceId),
        surveys: await exportSurveys(tx, workspaceId),
      };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

function exportBrands(db: Db, workspaceId: string): Promise<Doc['brands']> {
  return db
    .select({ id: brands.id, name: brands.name, isOwn: brands.isOwn, website: brands.website })
    .from(brands)
    .where(eq(brands.workspaceId, workspaceId))
    .orderBy(desc(brands.isOwn), asc(brands.name), asc(brands.id));
}

async function exportSubjects(db: Db, workspaceId: string): Promise<Doc['subjects']> {
  const rows = await db
    .select({ id: subjects.id, kind: subjects.kind, name: subjects.name, description: subjects.description })
    .from(subjects)
    .where(eq(subjects.workspaceId, workspaceId))
    .orderBy(asc(subjects.name), asc(subjects.kind), asc(subjects.description), asc(subjects.id));
  return rows.map((s) => ({ ...s, kind: s.kind as Doc['subjects'][number]['kind'] }));
}

function exportChannels(db: Db, workspaceId: string): Promise<Doc['channels']> {
  return db
    .select({
      id: channels.id,
      key: channels.key,
      name: channels.name,
      online: channels.online,
      builtin: channels.builtin,
    })
    .from(channels)
    .where(eq(channels.workspaceId, workspaceId))
    .orderBy(asc(channels.key))
    .then((rows) => rows.map((c) => ({ ...c, name: channelName(c.key, c.name) })));
}

async function exportTouchpoints(db: Db, workspaceId: string): Promise<Doc['touchpoints']> {
  const rows = await db
    .select({ t: touchpoints, ownerEmail: users.email })
    .from(touchpoints)
    .leftJoin(users, eq(users.id, touchpoints.ownerUserId))
    .where(eq(touchpoints.workspaceId, workspaceId))
    .orderBy(asc(touchpoints.key));
  type T = Doc['touchpoints'][number];
  return rows.map(({ t, ownerEmail }) => ({
    id: t.id,
    key: t.key,
    name: t.name,
    description: t.description,
    brandId: t.brandId,
    subjectId: t.subjectId,
    parentId: t.parentId,
    channelId: t.channelId,
    direction: t.direction as T['direction'],
    stage: t.stage as T['stage'],
    online: t.online,
    attention: t.attention as T['attention'],
    lifetime: t.lifetime as T['lifetime'],
    controllable: t.controllable,
    priority: t.priority,
    ownerEmail,
    status: t.status as T['status'],
    tags: t.tags,
    brandedMaterial: t.brandedMaterial,
  }));
}

async function exportStandards(db: Db, workspaceId: string): Promise<Doc['standards']> {
  const rows = await db
    .select({ s: standards })
    .from(standards)
    .innerJoin(touchpoints, eq(touchpoints.id, standards.touchpointId))
    .where(eq(standards.workspaceId, workspaceId))
    .orderBy(asc(touchpoints.key), asc(standards.name), asc(standards.metric), asc(standards.id));
  type S = Doc['standards'][number];
  return rows.map(({ s }) => ({
    id: s.id,
    touchpointId: s.touchpointId,
    name: s.name,
    metric: s.metric as S['metric'],
    prop: s.prop,
    comparator: s.comparator as S['comparator'],
    target: s.target,
    requiredShare: s.requiredShare,
  }));
}

async function exportPersonas(db: Db, workspaceId: string): Promise<NonNullable<Doc['personas']>> {
  const rows = await personasOf(db, workspaceId);
  return rows.map((p) => ({
    id: p.id,
    name: p.name,
    role: p.role,
    segment: p.segment,
    quote: p.quote,
    goals: p.goals,
    needs: p.needs,
    pains: p.pains,
    avatar: (PERSONA_AVATARS as readonly string[]).includes(p.avatar) ? (p.avatar as PersonaAvatar) : '',
  }));
}

async function exportJourneys(db: Db, workspaceId: string): Promise<Doc['journeys']> {
  const journeyRows = await db
    .select()
    .from(journeys)
    .where(eq(journeys.workspaceId, workspaceId))
    .orderBy(asc(journeys.name), asc(journeys.persona), asc(journeys.id));
  const stageRows = await db
    .select()
    .from(stages)
    .where(eq(stages.workspaceId, workspaceId))
    .orderBy(asc(stages.position), asc(stages.id));
  // Items in map order: stage, lane, position within the cell.
  const itemRows = await db
    .select({ i: journeyItems })
    .from(journeyItems)
    .innerJoin(stages, eq(stages.id, journeyItems.stageId))
    .where(eq(journeyItems.workspaceId, workspaceId))
    .orderBy(asc(stages.position), asc(journeyItems.lane), asc(journeyItems.position), asc(journeyItems.id));
  type J = Doc['journeys'][number];
  const stagesOf = groupBy(stageRows, (s) => s.journeyId);
  const itemsOf = groupBy(itemRows, ({ i }) => i.journeyId);
  return journeyRows.map((j) => ({
    id: j.id,
    name: j.name,
    description: j.description,
    persona: j.persona,
    personaId: j.personaId,
    acquisitionChannelId: j.acquisitionChannelId,
    lanes: j.lanes.map((l) => ({
      key: l.key,
      name: laneName(l.key, l.name),
      kind: l.kind as J['lanes'][number]['kind'],
    })),
    stages: (stagesOf.get(j.id) ?? []).map((s) => ({
      id: s.id,
      key: s.key,
      name: stageName(s.key, s.name),
      designedEmotion: s.designedEmotion,
    })),
    // Pictures stay behind (their bytes live outside the catalog): image items are left out.
    items: (itemsOf.get(j.id) ?? [])
      .filter(({ i }) => i.imageId === null)
      .map(({ i }) => ({
        stageId: i.stageId,
        lane: i.lane,
        text: i.text,
        touchpointId: i.touchpointId,
        channelId: i.channelId,
        kpi: i.kpi as J['items'][number]['kpi'],
        taskId: i.taskId,
      })),
  }));
}

async function exportChains(db: Db, workspaceId: string): Promise<Doc['chains']> {
  const chainRows = await db
    .select()
    .from(chains)
    .where(eq(chains.workspaceId, workspaceId))
    .orderBy(asc(chains.name), asc(chains.id));
  const linkRows = await db
    .select()
    .from(chainLinks)
    .where(eq(chainLinks.workspaceId, workspaceId))
    .orderBy(asc(chainLinks.position));
  type L = Doc['chains'][number]['links'][number];
  const linksOf = groupBy(linkRows, (l) => l.chainId);
  return chainRows.map((c) => ({
    id: c.id,
    name: c.name,
    description: c.description,
    journeyId: c.journeyId,
    nextChainId: c.nextChainId,
    windowDays: c.windowDays,
    links: (linksOf.get(c.id) ?? []).map((l) => ({
      touchpointId: l.touchpointId,
      role: l.role as L['role'],
    })),
  }));
}

async function exportTasks(db: Db, workspaceId: string): Promise<DocumentTask[]> {
  const taskRows = await db
    .select({ t: tasks, ownerEmail: users.email })
    .from(tasks)
    .leftJoin(users, eq(users.id, tasks.ownerUserId))
    .where(eq(tasks.workspaceId, workspaceId))
    .orderBy(asc(tasks.createdAt), asc(tasks.title), asc(tasks.id));
  const commentRows = await db
    .select({ c: taskComments, authorEmail: users.email })
    .from(taskComments)
    .leftJoin(users, eq(users.id, taskComments.authorUserId))
    .where(eq(taskComments.workspaceId, workspaceId))
    .orderBy(asc(taskComments.createdAt), asc(taskComments.id));
  const commentsOf = groupBy(commentRows, ({ c }) => c.taskId);
  type T = DocumentTask;
  return taskRows.map(({ t, ownerEmail }) => {
    const v = t.verification as T['verification'];
    return {
      id: t.id,
      title: t.title,
      description: t.description,
      lever: t.lever as T['lever'],
      ownerEmail,
      dueDate: t.dueDate,
      priority: t.priority,
      status: t.status as T['status'],
      targets: {
        touchpointId: t.touchpointId,
        chainId: t.chainId,
        // A link's touchpoint means nothing without its chain (left behind when the chain went).
        linkTouchpointId: t.chainId === null ? null : t.linkTouchpointId,
        journeyId: t.journeyId,
        stageId: t.stageId,
        standardId: t.standardId,
      },
      windowDays: t.windowDays,
      minSample: t.minSample,
      conversionRiseTarget: t.conversionRiseTarget,
      doneAt: t.doneAt ? t.doneAt.toISOString() : null,
      verification: v
        ? { checkedAt: v.checkedAt, state: v.state, explanation: v.explanation, figures: v.figures }
        : null,
      createdAt: t.createdAt.toISOString(),
      comments: (commentsOf.get(t.id) ?? []).map(({ c, authorEmail }) => ({
        authorName: c.authorName,
        authorEmail,
        body: c.body,
        createdAt: c.createdAt.toISOString(),
      })),
    };
  });
}

async function exportChecklists(db: Db, workspaceId: string): Promise<DocumentChecklist[]> {
  const checklistRows = await db
    .select()
    .from(auditChecklists)
    .where(eq(auditChecklists.workspaceId, workspaceId))
    .orderBy(asc(auditChecklists.name), asc(auditChecklists.createdAt), asc(auditChecklists.id));
  const criterionRows = await db
    .select()
    .from(auditCriteria)
    .where(eq(auditCriteria.workspaceId, workspaceId))
    .orderBy(asc(auditCriteria.position));
  const criteriaOf = groupBy(criterionRows, (k) => k.checklistId);
  type K = DocumentChecklist['criteria'][number];
  return checklistRows.map((c) => ({
    id: c.id,
    name: c.name,
    description: c.description,
    journeyId: c.journeyId,
    templateKey: c.templateKey,
    criteria: (criteriaOf.get(c.id) ?? []).map((k) => ({
      id: k.id,
      text: k.text,
      touchpointId: k.touchpointId,
      stageKey: k.stageKey,
      scale: k.scale as K['scale'],
      target: k.target,
      comparator: k.comparator as K['comparator'],
      unit: k.unit,
      weight: k.weight,
    })),
  }));
}

async function exportAudits(db: Db, workspaceId: string): Promise<DocumentAudit[]> {
  const auditRows = await db
    .select({ a: audits, auditorEmail: users.email })
    .from(audits)
    .leftJoin(users, eq(users.id, audits.auditorUserId))
    .where(eq(audits.workspaceId, workspaceId))
    .orderBy(asc(audits.auditDate), asc(audits.createdAt), asc(audits.id));
  const answerRows = await db
    .select({ a: auditAnswers })
    .from(auditAnswers)
    .innerJoin(auditCriteria, eq(auditCriteria.id, auditAnswers.criterionId))
    .where(eq(auditAnswers.workspaceId, workspaceId))
    .orderBy(asc(auditCriteria.position), asc(auditAnswers.id));
  const answersOf = groupBy(answerRows, ({ a }) => a.auditId);
  return auditRows.map(({ a, auditorEmail }) => ({
    id: a.id,
    checklistId: a.checklistId,
    brandId: a.brandId,
    auditDate: a.auditDate,
    auditorEmail,
    auditorName: a.auditorName,
    status: a.status as DocumentAudit['status'],
    notes: a.notes,
    submittedAt: a.submittedAt ? a.submittedAt.toISOString() : null,
    createdAt: a.createdAt.toISOString(),
    answers: (answersOf.get(a.id) ?? []).map(({ a: answer }) => ({
      criterionId: answer.criterionId,
      value: answer.value,
      note: answer.note,
      answeredAt: answer.answeredAt.toISOString(),
    })),
  }));
}

async function exportAlertRules(db: Db, workspaceId: string): Promise<DocumentAlertRule[]> {
  const rows = await db
    .select()
    .from(alertRules)
    .where(eq(alertRules.workspaceId, workspaceId))
    .orderBy(asc(alertRules.name), asc(alertRules.kind), asc(alertRules.createdAt), asc(alertRules.id));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind as DocumentAlertRule['kind'],
    params: r.params,
    enabled: r.enabled,
    email: r.email,
  }));
}

/** URL and description only: the secret stays in this workspace. */
function exportWebhooks(db: Db, workspaceId: string): Promise<DocumentWebhook[]> {
  return db
    .select({ url: webhooks.url, description: webhooks.description })
    .from(webhooks)
    .where(eq(webhooks.workspaceId, workspaceId))
    .orderBy(asc(webhooks.url), asc(webhooks.description), asc(webhooks.id));
}

/** Surveys without their public code (an import makes a new one) or anything answered. */
async function exportSurveys(db: Db, workspaceId: string): Promise<DocumentSurvey[]> {
  const rows = await db
    .select()
    .from(surveys)
    .where(eq(surveys.workspaceId, workspaceId))
    .orderBy(asc(surveys.name), asc(surveys.createdAt), asc(surveys.id));
  return rows.map((r) => ({
    id: r.id,
    touchpointId: r.touchpointId,
    chainId: r.chainId,
    name: r.name,
    status: r.status as DocumentSurvey['status'],
    defaultLanguage: r.defaultLanguage as DocumentSurvey['defaultLanguage'],
    questions: r.questions,
    texts: r.texts,
    colour: r.colour,
    logo: r.logo,
    contactConsent: r.contactConsent,
    complaintRule: r.complaintRule,
    startsAt: r.startsAt?.toISOString() ?? null,
    endsAt: r.endsAt?.toISOString() ?? null,
    templateKey: r.templateKey,
  }));
}

/** Groups rows by a key, keeping their order. */
function groupBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}
