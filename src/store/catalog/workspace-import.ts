/**
 * Imports a workspace document as a NEW workspace owned by the importing user. Every object
 * gets a fresh id and every reference is remapped (alert rules' params too); the document is
 * checked in full before anything is written, and everything is written in one transaction, so a
 * refused or failed import leaves nothing behind.
 *
 * People: users are not exported, and the importing user is the only member of the new
 * workspace, so a touchpoint or task keeps its owner, an audit its auditor and a comment its
 * author only when the e-mail is the importing user's; the others become null (counted in
 * `ownersCleared`, `taskOwnersCleared`, `auditorsCleared`), and comments keep the author's name.
 *
 * Webhooks come in disabled, each with a new signing secret (the document never holds one): an
 * owner enables them after checking where they send.
 */

import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { parseAlertParams } from '../../domain/alert-rules.js';
import { ValidationError } from '../../domain/errors.js';
import { customChannelName, customLaneName, customStageName } from '../../domain/vocabulary.js';
import {
  ALERT_PARAM_REFS,
  checkWorkspaceDocument,
  type WorkspaceDocument,
} from '../../domain/workspace-document.js';
import { type Actor, recordAudit } from './audit.js';
import type { Db } from './db.js';
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
  memberships,
  personas,
  stages,
  standards,
  subjects,
  surveys,
  taskComments,
  tasks,
  touchpoints,
  webhooks,
  workspaces,
} from './schema.js';
import type { SecretBox } from './secret-box.js';
import { newSurveyCode } from './surveys.js';
import { normalizeEmail } from './users.js';
import { webhookSecretContext } from './webhooks.js';
import { toWorkspaceDto, type WorkspaceRow } from './workspaces.js';

export interface ImportCounts {
  brands: number;
  subjects: number;
  channels: number;
  touchpoints: number;
  standards: number;
  journeys: number;
  stages: number;
  items: number;
  chains: number;
  links: number;
  tasks: number;
  comments: number;
  checklists: number;
  criteria: number;
  audits: number;
  answers: number;
  alertRules: number;
  webhooks: number;
  surveys: number;
}

export interface ImportResult {
  workspace: WorkspaceRow;
  counts: ImportCounts;
  /** Touchpoints whose `ownerEmail` was not the importing user's, now without owner. */
  ownersCleared: number;
  /** Tasks whose `ownerEmail` was not the importing user's, now without owner. */
  taskOwnersCleared: number;
  /** Audits whose `auditorEmail` was not the importing user's, now without auditor (the name stays). */
  auditorsCleared: number;
}

/** The answer to an import: the new workspace (the importer is its owner) and what it holds. */
export function toImportResultDto(r: ImportResult) {
  return {
    workspace: toWorkspaceDto(r.workspace, 'owner'),
    counts: r.counts,
    ownersCleared: r.ownersCleared,
    taskOwnersCleared: r.taskOwnersCleared,
    auditorsCleared: r.auditorsCleared,
  };
}

/** Rows per INSERT statement, well below PostgreSQL's limit of 65,535 parameters. */
const CHUNK = 500;

/**
 * Creates a workspace from `doc`, owned by `owner`; `name` replaces the document's workspace
 * name. Throws ValidationError (400, with the document paths at fault) when the document's
 * references or rules do not hold. `secrets` seals the new webhooks' secrets: needed when the
 * document has webhooks.
 */
export async function importWorkspace(
  db: Db,
  actor: Actor,
  doc: WorkspaceDocument,
  owner: { id: string; email: string },
  options: { name?: string | undefined; secrets?: SecretBox | undefined } = {},
): Promise<ImportResult> {
  const issues = checkWorkspaceDocument(doc);
  if (issues.length > 0) throw new ValidationError(issues);
  const docTasks = doc.tasks ?? [];
  const docChecklists = doc.auditChecklists ?? [];
  const docAudits = doc.audits ?? [];
  const docRules = doc.alertRules ?? [];
  const docWebhooks = doc.webhooks ?? [];
  const secrets = options.secrets;
  if (docWebhooks.length > 0 && !secrets) throw new Error('importing webhooks needs the secret box');

  const workspaceId = crypto.randomUUID();
  const ids = freshIds();
  const ownerEmail = normalizeEmail(owner.email);
  const ownerOf = (email: string | null) =>
    email !== null && normalizeEmail(email) === ownerEmail ? owner.id : null;
  const cleared = (emails: (string | null)[]) => emails.filter((e) => e !== null && !ownerOf(e)).length;
  const ownersCleared = cleared(doc.touchpoints.map((t) => t.ownerEmail));
  const taskOwnersCleared = cleared(docTasks.map((t) => t.ownerEmail));
  const auditorsCleared = cleared(docAudits.map((a) => a.auditorEmail));
  const orNull = (kind: string, id: string | null) => (id === null ? null : ids.get(kind, id));
  const dateOrNow = (at: string | undefined) => (at === undefined ? new Date() : new Date(at));
  const taskRows = docTasks.map((t) => ({
    id: ids.get('task', t.id),
    workspaceId,
    title: t.title,
    description: t.description,
    lever: t.lever,
    ownerUserId: ownerOf(t.ownerEmail),
    dueDate: t.dueDate,
    priority: t.priority,
    status: t.status,
    touchpointId: orNull('touchpoint', t.targets.touchpointId),
    chainId: orNull('chain', t.targets.chainId),
    linkTouchpointId: orNull('touchpoint', t.targets.linkTouchpointId),
    journeyId: orNull('journey', t.targets.journeyId),
    stageId: orNull('stage', t.targets.stageId),
    standardId: orNull('standard', t.targets.standardId),
    windowDays: t.windowDays,
    minSample: t.minSample,
    conversionRiseTarget: t.conversionRiseTarget,
    doneAt: t.doneAt === null ? null : new Date(t.doneAt),
    verification: t.verification,
    createdAt: dateOrNow(t.createdAt),
  }));
  const commentRows = docTasks.flatMap((t) =>
    t.comments.map((c) => ({
      id: crypto.randomUUID(),
      workspaceId,
      taskId: ids.get('task', t.id),
      authorUserId: ownerOf(c.authorEmail),
      authorName: c.authorName,
      body: c.body,
      createdAt: dateOrNow(c.createdAt),
    })),
  );
  const checklistRows = docChecklists.map((c) => ({
    id: ids.get('checklist', c.id),
    workspaceId,
    name: c.name,
    description: c.description,
    journeyId: orNull('journey', c.journeyId),
    templateKey: c.templateKey,
  }));
  const criterionRows = docChecklists.flatMap((c) =>
    c.criteria.map((k, position) => ({
      ...k,
      id: ids.get('criterion', k.id),
      workspaceId,
      checklistId: ids.get('checklist', c.id),
      position,
      touchpointId: orNull('touchpoint', k.touchpointId),
    })),
  );
  const auditRows = docAudits.map(({ answers: _, auditorEmail, ...a }) => ({
    ...a,
    id: ids.get('audit', a.id),
    workspaceId,
    checklistId: ids.get('checklist', a.checklistId),
    brandId: ids.get('brand', a.brandId),
    auditorUserId: ownerOf(auditorEmail),
    submittedAt: a.submittedAt === null ? null : new Date(a.submittedAt),
    createdAt: dateOrNow(a.createdAt),
  }));
  const answerRows = docAudits.flatMap((a) =>
    a.answers.map((answer) => ({
      id: crypto.randomUUID(),
      workspaceId,
      auditId: ids.get('audit', a.id),
      criterionId: ids.get('criterion', answer.criterionId),
      value: answer.value,
      note: answer.note,
      answeredAt: dateOrNow(answer.answeredAt),
    })),
  );
  const ruleRows = docRules.map((r) => ({
    id: ids.get('alertRule', r.id),
    workspaceId,
    name: r.name,
    kind: r.kind,
    // Stored as the rules' store keeps them: with the kind's defaults filled in.
    params: mapAlertParams(parseAlertParams(r.kind, r.params) as Record<string, unknown>, ids),
    enabled: r.enabled,
    email: r.email,
  }));
  const surveyRows = (doc.surveys ?? []).map((survey) => ({
    id: ids.get('survey', survey.id),
    workspaceId,
    touchpointId: ids.get('touchpoint', survey.touchpointId),
    chainId: orNull('chain', survey.chainId),
    // A new public code: the old one still answers for the workspace it was printed for.
    code: newSurveyCode(),
    name: survey.name,
    status: survey.status,
    defaultLanguage: survey.defaultLanguage,
    questions: survey.questions,
    texts: survey.texts,
    colour: survey.colour,
    logo: survey.logo,
    contactConsent: survey.contactConsent,
    complaintRule: survey.complaintRule,
    startsAt: survey.startsAt === null ? null : new Date(survey.startsAt),
    endsAt: survey.endsAt === null ? null : new Date(survey.endsAt),
    templateKey: survey.templateKey,
  }));
  const webhookRows = docWebhooks.map((w) => {
    const id = crypto.randomUUID();
    // A secret like the ones webhooks.ts makes; an owner sees it by rotating it.
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    return {
      id,
      workspaceId,
      url: w.url,
      description: w.description,
      secretSealed: secrets ? secrets.seal(secret, webhookSecretContext(id)) : '',
      enabled: false,
    };
  });
  const stageRows = doc.journeys.flatMap((j) =>
    j.stages.map((s, position) => ({
      id: ids.get('stage', s.id),
      workspaceId,
      journeyId: ids.get('journey', j.id),
      position,
      key: s.key,
      name: customStageName(s.key, s.name),
      designedEmotion: s.designedEmotion,
    })),
  );
  const itemRows = doc.journeys.flatMap((j) => {
    const positions = new Map<string, number>();
    return j.items.map((item) => {
      // Positions count within a cell (stage × lane), in document order.
      const cell = `${item.stageId}/${item.lane}`;
      const position = positions.get(cell) ?? 0;
      positions.set(cell, position + 1);
      return {
        id: crypto.randomUUID(),
        workspaceId,
        journeyId: ids.get('journey', j.id),
        stageId: ids.get('stage', item.stageId),
        lane: item.lane,
        position,
        text: item.text,
        touchpointId: item.touchpointId === null ? null : ids.get('touchpoint', item.touchpointId),
        channelId: item.channelId ? ids.get('channel', item.channelId) : null,
        kpi: item.kpi
          ? { ...item.kpi, ...(item.kpi.chainId ? { chainId: ids.get('chain', item.kpi.chainId) } : {}) }
          : null,
        // Set once the tasks exist (they are written after the journeys).
        taskId: null,
        documentTaskId: item.taskId ?? null,
      };
    });
  });
  const linkRows = doc.chains.flatMap((c) =>
    c.links.map((l, position) => ({
      id: crypto.randomUUID(),
      workspaceId,
      chainId: ids.get('chain', c.id),
      position,
      touchpointId: ids.get('touchpoint', l.touchpointId),
      role: l.role,
    })),
  );
  const counts: ImportCounts = {
    brands: doc.brands.length,
    subjects: doc.subjects.length,
    channels: doc.channels.length,
    touchpoints: doc.touchpoints.length,
    standards: doc.standards.length,
    journeys: doc.journeys.length,
    stages: stageRows.length,
    items: itemRows.length,
    chains: doc.chains.length,
    links: linkRows.length,
    tasks: taskRows.length,
    comments: commentRows.length,
    checklists: checklistRows.length,
    criteria: criterionRows.length,
    audits: auditRows.length,
    answers: answerRows.length,
    alertRules: ruleRows.length,
    webhooks: webhookRows.length,
    surveys: surveyRows.length,
  };

  return db.transaction(async (tx) => {
    const [ws] = await tx
      .insert(workspaces)
      .values({
        id: workspaceId,
        name: options.name ?? doc.workspace.name,
        description: doc.workspace.description,
        settings: doc.workspace.settings,
      })
      .returning();
    if (!ws) throw new Error('insert returned no row');
    await tx.insert(memberships).values({ workspaceId, userId: owner.id, role: 'owner' });
    for (const rows of chunks(doc.brands.map((b) => ({ ...b, id: ids.get('brand', b.id), workspaceId }))))
      await tx.insert(brands).values(rows);
    for (const rows of chunks(
      doc.channels.map((c) => ({
        ...c,
        name: c.builtin ? customChannelName(c.key, c.name) : c.name,
        id: ids.get('channel', c.id),
        workspaceId,
      })),
    ))
      await tx.insert(channels).values(rows);
    for (const rows of chunks(doc.subjects.map((s) => ({ ...s, id: ids.get('subject', s.id), workspaceId }))))
      await tx.insert(subjects).values(rows);
    // Parents before their parts, so each chunk only refers to rows already written.
    const parentFirst = dependencyOrder(
      doc.touchpoints,
      (t) => t.id,
      (t) => t.parentId,
    );
    for (const rows of chunks(
      parentFirst.map(({ ownerEmail: email, ...t }) => ({
        ...t,
        id: ids.get('touchpoint', t.id),
        workspaceId,
        brandId: ids.get('brand', t.brandId),
        subjectId: t.subjectId === null ? null : ids.get('subject', t.subjectId),
        parentId: t.parentId === null ? null : ids.get('touchpoint', t.parentId),
        channelId: t.channelId === null ? null : ids.get('channel', t.channelId),
        ownerUserId: ownerOf(email),
        tags: [...new Set(t.tags)],
      })),
    ))
      await tx.insert(touchpoints).values(rows);
    for (const rows of chunks(
      doc.standards.map((s) => ({
        ...s,
        id: ids.get('standard', s.id),
        workspaceId,
        touchpointId: ids.get('touchpoint', s.touchpointId),
      })),
    ))
      await tx.insert(standards).values(rows);
    for (const rows of chunks(
      (doc.personas ?? []).map((p) => ({ ...p, id: ids.get('persona', p.id), workspaceId })),
    ))
      await tx.insert(personas).values(rows);
    for (const rows of chunks(
      doc.journeys.map((j) => ({
        id: ids.get('journey', j.id),
        workspaceId,
        name: j.name,
        description: j.description,
        persona: j.persona,
        personaId: j.personaId ? ids.get('persona', j.personaId) : null,
        acquisitionChannelId:
          j.acquisitionChannelId === null ? null : ids.get('channel', j.acquisitionChannelId),
        lanes: j.lanes.map((l) => ({ ...l, name: customLaneName(l.key, l.name) })),
      })),
    ))
      await tx.insert(journeys).values(rows);
    for (const rows of chunks(stageRows)) await tx.insert(stages).values(rows);
    for (const rows of chunks(itemRows.map(({ documentTaskId: _, ...row }) => row)))
      await tx.insert(journeyItems).values(rows);
    // Continuations before the chains leading to them, for the same reason as touchpoints.
    const nextFirst = dependencyOrder(
      doc.chains,
      (c) => c.id,
      (c) => c.nextChainId,
    );
    for (const rows of chunks(
      nextFirst.map((c) => ({
        id: ids.get('chain', c.id),
        workspaceId,
        name: c.name,
        description: c.description,
        journeyId: c.journeyId === null ? null : ids.get('journey', c.journeyId),
        nextChainId: c.nextChainId === null ? null : ids.get('chain', c.nextChainId),
        windowDays: c.windowDays,
      })),
    ))
      await tx.insert(chains).values(rows);
    for (const rows of chunks(linkRows)) await tx.insert(chainLinks).values(rows);
    for (const rows of chunks(taskRows)) await tx.insert(tasks).values(rows);
    for (const item of itemRows)
      if (item.documentTaskId !== null)
        await tx
          .update(journeyItems)
          .set({ taskId: ids.get('task', item.documentTaskId) })
          .where(eq(journeyItems.id, item.id));
    for (const rows of chunks(commentRows)) await tx.insert(taskComments).values(rows);
    for (const rows of chunks(checklistRows)) await tx.insert(auditChecklists).values(rows);
    for (const rows of chunks(criterionRows)) await tx.insert(auditCriteria).values(rows);
    for (const rows of chunks(auditRows)) await tx.insert(audits).values(rows);
    for (const rows of chunks(answerRows)) await tx.insert(auditAnswers).values(rows);
    for (const rows of chunks(ruleRows)) await tx.insert(alertRules).values(rows);
    for (const rows of chunks(webhookRows)) await tx.insert(webhooks).values(rows);
    for (const rows of chunks(surveyRows)) await tx.insert(surveys).values(rows);
    const people = { ownersCleared, taskOwnersCleared, auditorsCleared };
    await recordAudit(tx, actor, workspaceId, {
      action: 'import',
      entityType: 'workspace',
      entityId: workspaceId,
      after: { name: ws.name, counts, ...people },
    });
    return { workspace: ws, counts, ...people };
  });
}

/**
 * An alert rule's params with the ids of objects mapped to their new ids; an id naming no object
 * of the document (deleted after the rule was made) gets a fresh one that names nothing either.
 */
function mapAlertParams(params: Record<string, unknown>, ids: FreshIds): Record<string, unknown> {
  const out = { ...params };
  for (const { param, kind } of ALERT_PARAM_REFS) {
    const id = out[param];
    if (typeof id === 'string') out[param] = ids.get(kind, id);
  }
  return out;
}

type FreshIds = ReturnType<typeof freshIds>;

/** Fresh ids per kind of object: the same document id always maps to the same new id. */
function freshIds() {
  const maps = new Map<string, Map<string, string>>();
  return {
    get(kind: string, id: string): string {
      let map = maps.get(kind);
      if (!map) {
        map = new Map();
        maps.set(kind, map);
      }
      let fresh = map.get(id);
      if (!fresh) {
        fresh = crypto.randomUUID();
        map.set(id, fresh);
      }
      return fresh;
    },
  };
}

/**
 * Orders `items` so that each comes after the one it depends on (its parent, its next chain).
 * The dependencies must be acyclic, which checkWorkspaceDocument guarantees.
 */
function dependencyOrder<T>(
  items: readonly T[],
  idOf: (t: T) => string,
  dependsOn: (t: T) => string | null,
): T[] {
  const byId = new Map(items.map((t) => [idOf(t), t]));
  const depth = new Map<string, number>();
  for (const item of items) {
    // Climb to a root or to an item already numbered, then number the path on the way down.
    const path: T[] = [];
    let current: T | undefined = item;
    while (current && !depth.has(idOf(current))) {
      path.push(current);
      const dep = dependsOn(current);
      current = dep === null ? undefined : byId.get(dep);
    }
    let d = current ? (depth.get(idOf(current)) ?? 0) + 1 : 0;
    for (const t of path.reverse()) depth.set(idOf(t), d++);
  }
  return items
    .map((t, index) => ({ t, index, depth: depth.get(idOf(t)) ?? 0 }))
    .sort((a, b) => a.depth - b.depth || a.index - b.index)
    .map((x) => x.t);
}

function chunks<T>(rows: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
