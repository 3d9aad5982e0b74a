/**
 * The catalog's tables (business data, PostgreSQL dialect). Every business row carries
 * `workspace_id`; every editable row carries `version` for optimistic concurrency.
 * Change this file, then run `npm run db:generate` and commit the new migration.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { ComplaintRule, SurveyQuestion, SurveyTexts } from '../../domain/survey-model.js';

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const version = () => integer('version').notNull().default(1);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull().default(''),
    passwordHash: text('password_hash').notNull(),
    locale: text('locale').notNull().default('en'),
    /** Encrypted at rest (secret-box.ts): `v1:<key id>:<iv>:<tag>:<ciphertext>`, never the plain secret. */
    totpSecret: text('totp_secret'),
    totpEnabled: boolean('totp_enabled').notNull().default(false),
    /** The last TOTP time step accepted for this user: a code of that step or earlier is a replay. */
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_email_uq').on(t.email)],
);

export const sessions = pgTable('sessions', {
  /** sha256 of the cookie value; the raw value is never stored. */
  id: text('id').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  /** Last request seen on this session: the idle timeout counts from here. */
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  /** The User-Agent and client address at sign-in and last use, for the profile's sessions list. */
  userAgent: text('user_agent').notNull().default(''),
  address: text('address').notNull().default(''),
});

/**
 * Failed sign-ins per account (normalised e-mail, known or not, so answers reveal nothing): the
 * growing delay of the per-account login limit. Cleared by a successful sign-in.
 */
export const loginThrottle = pgTable('login_throttle', {
  email: text('email').primaryKey(),
  failures: integer('failures').notNull().default(0),
  lastFailureAt: timestamp('last_failure_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  blockedUntil: timestamp('blocked_until', { withTimezone: true, mode: 'date' }),
});

/**
 * Work on the event store that the catalog has promised (a deleted workspace's events, an erased
 * customer): written in the same transaction as the catalog change, removed once the event store
 * has done it, and finished on the next start when a crash came between. No foreign key: the
 * workspace row may already be gone.
 */
export const eventPurges = pgTable('event_purges', {
  id: uuid('id').primaryKey(),
  workspaceId: uuid('workspace_id').notNull(),
  /** workspace | customers */
  kind: text('kind').notNull(),
  /** The customer keys to erase (kind customers); deleted with the row once done. */
  customers: text('customers').array(),
  requestedAt: timestamp('requested_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/**
 * Scheduled work of the server (retention, later alerts and verification): one row per job, which a
 * process claims until `claimed_until`, so several processes on one database never run it twice.
 */
export const scheduledJobs = pgTable('scheduled_jobs', {
  /** e.g. `retention:<workspace id>` */
  name: text('name').primaryKey(),
  workspaceId: uuid('workspace_id').references(() => workspaces.id, { onDelete: 'cascade' }),
  claimedBy: text('claimed_by'),
  claimedUntil: timestamp('claimed_until', { withTimezone: true, mode: 'date' }),
  nextRunAt: timestamp('next_run_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  lastStartedAt: timestamp('last_started_at', { withTimezone: true, mode: 'date' }),
  lastFinishedAt: timestamp('last_finished_at', { withTimezone: true, mode: 'date' }),
  /** What the last run did (e.g. counts deleted), shown in settings. */
  lastResult: jsonb('last_result').$type<Record<string, unknown>>(),
  lastError: text('last_error'),
});

/** One-time secrets, e.g. the first-run setup link. */
export const setupTokens = pgTable('setup_tokens', {
  id: text('id').primaryKey(),
  purpose: text('purpose').notNull(),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
});

export const workspaces = pgTable('workspaces', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  /** Workspace-level settings (e.g. contact frequency cap); validated by the API schema. */
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
  version: version(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const memberships = pgTable(
  'memberships',
  {
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** owner | editor | viewer */
    role: text('role').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] })],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** sha256 of the token; the raw token is shown once at creation. */
    tokenHash: text('token_hash').notNull(),
    /** First characters of the token, to recognise it in lists. */
    prefix: text('prefix').notNull(),
    /** Any of ingest | read | admin. */
    scopes: text('scopes').array().notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [uniqueIndex('api_tokens_hash_uq').on(t.tokenHash)],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    actorUserId: uuid('actor_user_id'),
    actorTokenId: uuid('actor_token_id'),
    /** create | update | delete | import | … */
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('audit_log_ws_at_idx').on(t.workspaceId, t.at),
    // An object's history (a complaint's, a task's) without scanning the workspace's whole log.
    index('audit_log_entity_idx').on(t.workspaceId, t.entityType, t.entityId),
  ],
);

export const brands = pgTable(
  'brands',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** Exactly one own brand per workspace; the rest are competitors. */
    isOwn: boolean('is_own').notNull().default(false),
    website: text('website').notNull().default(''),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('brands_ws_name_uq').on(t.workspaceId, t.name),
    uniqueIndex('brands_ws_own_uq').on(t.workspaceId).where(sql`${t.isOwn}`),
  ],
);

export const subjects = pgTable(
  'subjects',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** location | product | service | division | employee | other */
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('subjects_ws_idx').on(t.workspaceId)],
);

export const channels = pgTable(
  'channels',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** Stable slug, e.g. `website`, `call_centre`. */
    key: text('key').notNull(),
    /**
     * The name a user gave the channel; null for a built-in channel (DEFAULT_CHANNELS) never renamed,
     * whose name is shown in the reader's language.
     */
    name: text('name'),
    /** Whether touches through this channel happen online. */
    online: boolean('online').notNull().default(true),
    /** Seeded from the reference list (SPEC §3) rather than added by the workspace. */
    builtin: boolean('builtin').notNull().default(false),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('channels_ws_key_uq').on(t.workspaceId, t.key)],
);

export const touchpoints = pgTable(
  'touchpoints',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** Stable slug used by ingestion; unique per workspace. */
    key: text('key').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    brandId: uuid('brand_id')
      .notNull()
      .references(() => brands.id, { onDelete: 'restrict' }),
    subjectId: uuid('subject_id').references(() => subjects.id, { onDelete: 'set null' }),
    parentId: uuid('parent_id'),
    channelId: uuid('channel_id').references(() => channels.id, { onDelete: 'set null' }),
    /** in | out | both */
    direction: text('direction').notNull().default('both'),
    /** One of the default stage keys (domain/stages.ts), or null. */
    stage: text('stage'),
    online: boolean('online').notNull().default(true),
    /** short | long */
    attention: text('attention'),
    /** one_time | recurring */
    lifetime: text('lifetime'),
    controllable: boolean('controllable').notNull().default(true),
    priority: smallint('priority').notNull().default(3),
    ownerUserId: uuid('owner_user_id').references(() => users.id, { onDelete: 'set null' }),
    /** planned | active | retired */
    status: text('status').notNull().default('active'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    brandedMaterial: text('branded_material').notNull().default(''),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('touchpoints_ws_key_uq').on(t.workspaceId, t.key),
    index('touchpoints_ws_parent_idx').on(t.workspaceId, t.parentId),
    foreignKey({ name: 'touchpoints_parent_fk', columns: [t.parentId], foreignColumns: [t.id] }).onDelete(
      'restrict',
    ),
  ],
);

export const standards = pgTable(
  'standards',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    touchpointId: uuid('touchpoint_id')
      .notNull()
      .references(() => touchpoints.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** response_ms | wait_ms | duration_ms | csat | nps | ces | negative_share | prop */
    metric: text('metric').notNull(),
    /** For metric `prop`: the numeric interaction property measured. */
    prop: text('prop'),
    /** lte | gte */
    comparator: text('comparator').notNull(),
    target: doublePrecision('target').notNull(),
    /** Share of interactions (0…1) that must meet the target. */
    requiredShare: doublePrecision('required_share').notNull().default(0.9),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('standards_ws_tp_idx').on(t.workspaceId, t.touchpointId)],
);

/** A lane of a journey map (a row): its kind decides what its cells hold. */
export interface JourneyLane {
  key: string;
  /** The name a user gave the lane; null for a default lane never renamed (shown translated). */
  name: string | null;
  kind: string;
}

export const journeys = pgTable(
  'journeys',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    persona: text('persona').notNull().default(''),
    /** The persona object this map is made for (the free-text `persona` stays as a segment note). */
    personaId: uuid('persona_id').references(() => personas.id, { onDelete: 'set null' }),
    acquisitionChannelId: uuid('acquisition_channel_id').references(() => channels.id, {
      onDelete: 'set null',
    }),
    lanes: jsonb('lanes').$type<JourneyLane[]>().notNull(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('journeys_ws_idx').on(t.workspaceId)],
);

export const stages = pgTable(
  'stages',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    journeyId: uuid('journey_id')
      .notNull()
      .references(() => journeys.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    /** Stable slug within the journey, e.g. `information_search`. */
    key: text('key').notNull(),
    /**
     * The name a user gave the stage; null for a default stage (DEFAULT_STAGES) never renamed, whose
     * name is shown in the reader's language.
     */
    name: text('name'),
    /** Designed emotion −2…+2, or null when not designed yet. */
    designedEmotion: smallint('designed_emotion'),
  },
  (t) => [
    uniqueIndex('stages_journey_key_uq').on(t.journeyId, t.key),
    index('stages_ws_idx').on(t.workspaceId),
  ],
);

/** One item in a journey-map cell (stage × lane): a text note or a touchpoint reference. */
export const journeyItems = pgTable(
  'journey_items',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    journeyId: uuid('journey_id')
      .notNull()
      .references(() => journeys.id, { onDelete: 'cascade' }),
    stageId: uuid('stage_id')
      .notNull()
      .references(() => stages.id, { onDelete: 'cascade' }),
    lane: text('lane').notNull(),
    position: integer('position').notNull().default(0),
    text: text('text'),
    touchpointId: uuid('touchpoint_id').references(() => touchpoints.id, { onDelete: 'cascade' }),
    /** A channel (lanes of kind `channels`). */
    channelId: uuid('channel_id').references(() => channels.id, { onDelete: 'cascade' }),
    /** An uploaded picture (lanes of kind `images`). */
    imageId: uuid('image_id').references(() => mapImages.id, { onDelete: 'cascade' }),
    /** The improvement task a pain point or opportunity is linked to. */
    taskId: uuid('task_id').references(() => tasks.id, { onDelete: 'set null' }),
    /** A figure (lanes of kind `kpis`): `{ source, value?, label?, chainId? }`, live or typed in. */
    kpi: jsonb('kpi').$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [
    index('journey_items_journey_idx').on(t.journeyId),
    index('journey_items_tp_idx').on(t.touchpointId),
  ],
);

export const chains = pgTable(
  'chains',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    journeyId: uuid('journey_id').references(() => journeys.id, { onDelete: 'set null' }),
    nextChainId: uuid('next_chain_id'),
    /** Conversion window between consecutive links, in days. */
    windowDays: integer('window_days').notNull().default(30),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('chains_ws_idx').on(t.workspaceId),
    foreignKey({ name: 'chains_next_fk', columns: [t.nextChainId], foreignColumns: [t.id] }).onDelete(
      'set null',
    ),
  ],
);

export const chainLinks = pgTable(
  'chain_links',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    chainId: uuid('chain_id')
      .notNull()
      .references(() => chains.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    touchpointId: uuid('touchpoint_id')
      .notNull()
      .references(() => touchpoints.id, { onDelete: 'restrict' }),
    /** initial | middle | final */
    role: text('role').notNull(),
  },
  (t) => [
    uniqueIndex('chain_links_chain_pos_uq').on(t.chainId, t.position),
    index('chain_links_tp_idx').on(t.touchpointId),
  ],
);

/**
 * Improvement tasks (Law 3): work on a touchpoint, a chain (or one link), a journey (or one
 * stage) or a standard, verified from live data once done. A deleted target is cleared (ON
 * DELETE SET NULL), not the task: its history, comments and audit trail stay. A chain link is
 * kept as its chain and touchpoint, since a chain's links are rewritten (with new ids) when the
 * chain is edited; the API shows the link's current id.
 */
export const tasks = pgTable(
  'tasks',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** staff_qualification | new_touchpoints | product_improvement | target_clients | business_processes | sales_channels */
    lever: text('lever').notNull(),
    ownerUserId: uuid('owner_user_id').references(() => users.id, { onDelete: 'set null' }),
    dueDate: date('due_date', { mode: 'string' }),
    /** 1 (highest) … 5 */
    priority: smallint('priority').notNull().default(3),
    /** planned | in_progress | done | verified | not_effective */
    status: text('status').notNull().default('planned'),
    touchpointId: uuid('touchpoint_id').references(() => touchpoints.id, { onDelete: 'set null' }),
    chainId: uuid('chain_id').references(() => chains.id, { onDelete: 'set null' }),
    /** With chain_id: the link of the chain at this touchpoint. */
    linkTouchpointId: uuid('link_touchpoint_id').references(() => touchpoints.id, { onDelete: 'set null' }),
    journeyId: uuid('journey_id').references(() => journeys.id, { onDelete: 'set null' }),
    stageId: uuid('stage_id').references(() => stages.id, { onDelete: 'set null' }),
    standardId: uuid('standard_id').references(() => standards.id, { onDelete: 'set null' }),
    windowDays: integer('window_days').notNull().default(14),
    minSample: integer('min_sample').notNull().default(30),
    /** Percentage points of link conversion that verify a chain-link task. */
    conversionRiseTarget: doublePrecision('conversion_rise_target'),
    /** When the task was last set to done: the start of its verification window. */
    doneAt: timestamp('done_at', { withTimezone: true, mode: 'date' }),
    /** The latest verification outcome: { checkedAt, state, explanation, figures }. */
    verification: jsonb('verification').$type<Record<string, unknown>>(),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('tasks_ws_status_idx').on(t.workspaceId, t.status),
    index('tasks_ws_standard_idx').on(t.workspaceId, t.standardId),
    index('tasks_ws_owner_idx').on(t.workspaceId, t.ownerUserId),
  ],
);

/** Comments on a task, oldest first; the author's name is kept as written. */
export const taskComments = pgTable(
  'task_comments',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    authorUserId: uuid('author_user_id').references(() => users.id, { onDelete: 'set null' }),
    authorName: text('author_name').notNull(),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('task_comments_task_idx').on(t.taskId, t.createdAt)],
);

/**
 * Audit checklists (Law 3, control): criteria a walk "in the customer's shoes" scores, per
 * touchpoint or per stage of a journey. A criterion on a stage names the stage by its key, so a
 * checklist holds for every journey with that stage.
 */
export const auditChecklists = pgTable(
  'audit_checklists',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** The journey the checklist walks, or null for a free checklist. */
    journeyId: uuid('journey_id').references(() => journeys.id, { onDelete: 'set null' }),
    /** The template it was made from (domain/audit-templates.ts), or null. */
    templateKey: text('template_key'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('audit_checklists_ws_idx').on(t.workspaceId)],
);

export const auditCriteria = pgTable(
  'audit_criteria',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    checklistId: uuid('checklist_id')
      .notNull()
      .references(() => auditChecklists.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    /** What is checked, e.g. "Greeted within 30 s". */
    text: text('text').notNull(),
    /** The touchpoint checked, or null when the criterion is on a stage. */
    touchpointId: uuid('touchpoint_id').references(() => touchpoints.id, { onDelete: 'set null' }),
    /** The stage checked (a stage key), when not on a touchpoint. */
    stageKey: text('stage_key'),
    /** yes_no | score_1_5 | number */
    scale: text('scale').notNull(),
    /** For scale `number`: the target and how it is met (lte | gte), and its unit. */
    target: doublePrecision('target'),
    comparator: text('comparator'),
    unit: text('unit').notNull().default(''),
    weight: doublePrecision('weight').notNull().default(1),
  },
  (t) => [uniqueIndex('audit_criteria_checklist_pos_uq').on(t.checklistId, t.position)],
);

/**
 * An audit: one walk of a checklist for one brand (own or competitor) on a date, by a member or
 * by an external mystery shopper invited by a one-time link (audit_links).
 */
export const audits = pgTable(
  'audits',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    checklistId: uuid('checklist_id')
      .notNull()
      .references(() => auditChecklists.id, { onDelete: 'restrict' }),
    brandId: uuid('brand_id')
      .notNull()
      .references(() => brands.id, { onDelete: 'restrict' }),
    auditDate: date('audit_date', { mode: 'string' }).notNull(),
    auditorUserId: uuid('auditor_user_id').references(() => users.id, { onDelete: 'set null' }),
    /** The external shopper's name as given, or the member's name when submitted. */
    auditorName: text('auditor_name').notNull().default(''),
    /** planned | in_progress | submitted */
    status: text('status').notNull().default('planned'),
    notes: text('notes').notNull().default(''),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('audits_ws_date_idx').on(t.workspaceId, t.auditDate),
    index('audits_checklist_idx').on(t.checklistId),
    index('audits_brand_idx').on(t.brandId),
  ],
);

/** One criterion's answer in an audit: the raw value (yes = 1, no = 0, 1–5, or the number). */
export const auditAnswers = pgTable(
  'audit_answers',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    auditId: uuid('audit_id')
      .notNull()
      .references(() => audits.id, { onDelete: 'cascade' }),
    criterionId: uuid('criterion_id')
      .notNull()
      .references(() => auditCriteria.id, { onDelete: 'cascade' }),
    /** Null when the criterion was skipped (not applicable). */
    value: doublePrecision('value'),
    note: text('note').notNull().default(''),
    answeredAt: timestamp('answered_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('audit_answers_audit_criterion_uq').on(t.auditId, t.criterionId)],
);

/**
 * Photo evidence of an audit. The bytes live in the photo directory (the data directory's
 * `photos/` unless configured), named by id; deleting the row's audit or workspace deletes them.
 */
export const auditPhotos = pgTable(
  'audit_photos',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    auditId: uuid('audit_id')
      .notNull()
      .references(() => audits.id, { onDelete: 'cascade' }),
    criterionId: uuid('criterion_id').references(() => auditCriteria.id, { onDelete: 'set null' }),
    /** image/jpeg | image/png */
    contentType: text('content_type').notNull(),
    bytes: integer('bytes').notNull(),
    sha256: text('sha256').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('audit_photos_audit_idx').on(t.auditId)],
);

/**
 * One-time links for external mystery shoppers: scoped to one audit, expiring, revocable; only
 * the SHA-256 of the secret is stored. The link works until the audit is submitted.
 */
export const auditLinks = pgTable(
  'audit_links',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    auditId: uuid('audit_id')
      .notNull()
      .references(() => audits.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdByUserId: uuid('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    /** When the shopper submitted the audit through it; the link is dead from then on. */
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [uniqueIndex('audit_links_token_uq').on(t.tokenHash), index('audit_links_audit_idx').on(t.auditId)],
);

/**
 * Alert rules (Law 3): a condition evaluated on a schedule. `kind` is one of
 * standard_compliance | feedback_shift | touchpoint_silent | task_overdue | task_not_effective |
 * link_conversion_drop; `params` holds the kind's settings (domain/alert-rules.ts).
 */
export const alertRules = pgTable(
  'alert_rules',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    params: jsonb('params').$type<Record<string, unknown>>().notNull(),
    enabled: boolean('enabled').notNull().default(true),
    /** Deliver by e-mail to the recipients too (when SMTP is configured). */
    email: boolean('email').notNull().default(false),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('alert_rules_ws_idx').on(t.workspaceId)],
);

/**
 * One episode of a rule's condition on one subject (a standard, a touchpoint, a task, a link):
 * opened when the condition becomes true, resolved when it clears. At most one open episode per
 * rule and subject, so an alert fires once per episode.
 */
export const alertEpisodes = pgTable(
  'alert_episodes',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    ruleId: uuid('rule_id')
      .notNull()
      .references(() => alertRules.id, { onDelete: 'cascade' }),
    subjectKey: text('subject_key').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true, mode: 'date' }),
    /** The figures and message at opening (and at resolution). */
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [
    uniqueIndex('alert_episodes_open_uq').on(t.ruleId, t.subjectKey).where(sql`${t.resolvedAt} is null`),
    index('alert_episodes_ws_opened_idx').on(t.workspaceId, t.openedAt),
  ],
);

/** The in-app notification centre: one row per user and message. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    episodeId: uuid('episode_id').references(() => alertEpisodes.id, { onDelete: 'set null' }),
    /** alert_fired | alert_resolved | task_not_effective | task_assigned | … */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    /** An in-app path to the object, e.g. `/w/<id>/tasks?task=<id>`. */
    link: text('link').notNull().default(''),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.createdAt)],
);

/** Webhooks of a workspace: JSON POSTs signed with HMAC-SHA256 of a per-hook secret. */
export const webhooks = pgTable(
  'webhooks',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    description: text('description').notNull().default(''),
    /** The signing secret, sealed with the server's secret key (secret-box.ts). */
    secretSealed: text('secret_sealed').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('webhooks_ws_idx').on(t.workspaceId)],
);

/**
 * The delivery log and retry queue of webhooks: one row per event and hook, with its attempts.
 * status pending | delivered | failed (retries exhausted).
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    webhookId: uuid('webhook_id')
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    /** alert.fired | alert.resolved | webhook.test | … */
    event: text('event').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /** A claim by a delivering process until this time (several servers on one database). */
    claimedUntil: timestamp('claimed_until', { withTimezone: true, mode: 'date' }),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    /** Every attempt: { at, statusCode, error, ms }. */
    log: jsonb('log').$type<Record<string, unknown>[]>().notNull().default(sql`'[]'::jsonb`),
    createdAt: createdAt(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    index('webhook_deliveries_hook_idx').on(t.webhookId, t.createdAt),
    index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
  ],
);

/**
 * A survey at a touchpoint (SPEC §6), answered without an account through its public `code`
 * (`/s/<code>`, a QR poster, the embed widget or a kiosk). status draft | live | closed.
 */
export const surveys = pgTable(
  'surveys',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    touchpointId: uuid('touchpoint_id')
      .notNull()
      .references(() => touchpoints.id, { onDelete: 'cascade' }),
    /** Optional: the survey measures this chain's link at the touchpoint. */
    chainId: uuid('chain_id').references(() => chains.id, { onDelete: 'set null' }),
    /** The public code of its link, unique across workspaces. */
    code: text('code').notNull(),
    name: text('name').notNull(),
    status: text('status').notNull().default('draft'),
    /** en | de | ru | cs | sk | ro: the language when the respondent's is not offered. */
    defaultLanguage: text('default_language').notNull().default('en'),
    questions: jsonb('questions').$type<SurveyQuestion[]>().notNull(),
    texts: jsonb('texts').$type<SurveyTexts>().notNull(),
    colour: text('colour').notNull().default('#1f6feb'),
    /** A small image as a data: URL (PNG or JPEG), or null. */
    logo: text('logo'),
    /** Whether the survey asks for consent to be contacted (then an e-mail or phone). */
    contactConsent: boolean('contact_consent').notNull().default(false),
    complaintRule: jsonb('complaint_rule').$type<ComplaintRule>(),
    startsAt: timestamp('starts_at', { withTimezone: true, mode: 'date' }),
    endsAt: timestamp('ends_at', { withTimezone: true, mode: 'date' }),
    templateKey: text('template_key'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('surveys_code_uq').on(t.code),
    index('surveys_ws_tp_idx').on(t.workspaceId, t.touchpointId),
  ],
);

/** Contact details a respondent consented to give: personal data, kept apart from the answers. */
export const surveyContacts = pgTable(
  'survey_contacts',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    submissionId: text('submission_id').notNull(),
    customer: text('customer'),
    email: text('email'),
    phone: text('phone'),
    language: text('language'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('survey_contacts_submission_uq').on(t.surveyId, t.submissionId),
    index('survey_contacts_ws_customer_idx').on(t.workspaceId, t.customer),
  ],
);

/** A tablet at a counter locked to one survey; the token (shown once) is kept as its SHA-256. */
export const kioskDevices = pgTable(
  'kiosk_devices',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdByUserId: uuid('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('kiosk_devices_token_uq').on(t.tokenHash),
    index('kiosk_devices_survey_idx').on(t.surveyId),
  ],
);

/** A review imported from a rating site; its rating normalised to 0…1 (`score`). */
export const reviews = pgTable(
  'reviews',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    touchpointId: uuid('touchpoint_id')
      .notNull()
      .references(() => touchpoints.id, { onDelete: 'cascade' }),
    sourceSite: text('source_site').notNull(),
    externalId: text('external_id').notNull(),
    author: text('author'),
    customer: text('customer'),
    rating: doublePrecision('rating').notNull(),
    ratingMax: doublePrecision('rating_max').notNull(),
    score: doublePrecision('score').notNull(),
    text: text('text').notNull().default(''),
    postedAt: timestamp('posted_at', { withTimezone: true, mode: 'date' }).notNull(),
    reply: text('reply'),
    replyAt: timestamp('reply_at', { withTimezone: true, mode: 'date' }),
    importedAt: timestamp('imported_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('reviews_source_uq').on(t.workspaceId, t.sourceSite, t.externalId),
    index('reviews_ws_tp_idx').on(t.workspaceId, t.touchpointId, t.postedAt),
  ],
);

/**
 * The complaint register: from a survey answer or a review under a threshold, an interaction
 * with outcome=complaint, or entered by staff. status new | in_progress | resolved | rejected;
 * severity low | medium | high | critical; source survey | review | interaction | staff.
 * (source, source_ref) is unique: a source opens at most one complaint.
 */
export const complaints = pgTable(
  'complaints',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    touchpointId: uuid('touchpoint_id').references(() => touchpoints.id, { onDelete: 'set null' }),
    customer: text('customer'),
    text: text('text').notNull().default(''),
    severity: text('severity').notNull().default('medium'),
    ownerUserId: uuid('owner_user_id').references(() => users.id, { onDelete: 'set null' }),
    status: text('status').notNull().default('new'),
    source: text('source').notNull(),
    sourceRef: text('source_ref'),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    firstResponseAt: timestamp('first_response_at', { withTimezone: true, mode: 'date' }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true, mode: 'date' }),
    resolutionNote: text('resolution_note').notNull().default(''),
    taskId: uuid('task_id').references(() => tasks.id, { onDelete: 'set null' }),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('complaints_source_uq').on(t.workspaceId, t.source, t.sourceRef),
    index('complaints_ws_status_idx').on(t.workspaceId, t.status),
    index('complaints_ws_tp_idx').on(t.workspaceId, t.touchpointId, t.receivedAt),
  ],
);

/**
 * Pictures of journey maps and personas. The bytes live in the photo directory (as audit photos),
 * named by id; deleting the row deletes the file.
 */
export const mapImages = pgTable(
  'map_images',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** image/jpeg | image/png | image/webp */
    contentType: text('content_type').notNull(),
    bytes: integer('bytes').notNull(),
    sha256: text('sha256').notNull(),
    createdByUserId: uuid('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('map_images_ws_idx').on(t.workspaceId)],
);

/** Personas: the customers a journey map is drawn for, reusable across maps. */
export const personas = pgTable(
  'personas',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** e.g. "Young parent", "Small-business owner". */
    role: text('role').notNull().default(''),
    segment: text('segment').notNull().default(''),
    quote: text('quote').notNull().default(''),
    goals: jsonb('goals').$type<string[]>().notNull().default([]),
    needs: jsonb('needs').$type<string[]>().notNull().default([]),
    pains: jsonb('pains').$type<string[]>().notNull().default([]),
    /** A drawn avatar's key when there is no photo. */
    avatar: text('avatar').notNull().default(''),
    photoId: uuid('photo_id').references(() => mapImages.id, { onDelete: 'set null' }),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('personas_ws_idx').on(t.workspaceId)],
);

/**
 * Comments on a journey map: on the map, a cell (stage × lane) or one item; mentions name members.
 * Resolved comments stay, marked with who resolved them and when.
 */
export const journeyComments = pgTable(
  'journey_comments',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    journeyId: uuid('journey_id')
      .notNull()
      .references(() => journeys.id, { onDelete: 'cascade' }),
    stageId: uuid('stage_id').references(() => stages.id, { onDelete: 'cascade' }),
    lane: text('lane'),
    itemId: uuid('item_id').references(() => journeyItems.id, { onDelete: 'cascade' }),
    authorUserId: uuid('author_user_id').references(() => users.id, { onDelete: 'set null' }),
    authorName: text('author_name').notNull(),
    body: text('body').notNull(),
    /** User ids mentioned in the body. */
    mentions: jsonb('mentions').$type<string[]>().notNull().default([]),
    resolvedAt: timestamp('resolved_at', { withTimezone: true, mode: 'date' }),
    resolvedByUserId: uuid('resolved_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('journey_comments_journey_idx').on(t.journeyId, t.createdAt)],
);

/**
 * Read-only public links to one journey map: revocable, optionally expiring; only the SHA-256 of
 * the secret is stored.
 */
export const journeyShares = pgTable(
  'journey_shares',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    journeyId: uuid('journey_id')
      .notNull()
      .references(() => journeys.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdByUserId: uuid('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
    lastOpenedAt: timestamp('last_opened_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('journey_shares_token_uq').on(t.tokenHash),
    index('journey_shares_journey_idx').on(t.journeyId),
  ],
);

/**
 * Invitations to a workspace: a one-time, expiring link (only its SHA-256 is stored) with which the
 * invitee sets their own password, or joins with the account they have.
 */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** Normalised (lower-case) e-mail of the invitee. */
    email: text('email').notNull(),
    /** owner | editor | viewer */
    role: text('role').notNull(),
    tokenHash: text('token_hash').notNull(),
    invitedByUserId: uuid('invited_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true, mode: 'date' }),
    acceptedByUserId: uuid('accepted_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    uniqueIndex('invitations_token_uq').on(t.tokenHash),
    index('invitations_ws_idx').on(t.workspaceId, t.email),
  ],
);

/** Password-reset links: one-time and expiring; only the SHA-256 of the secret is stored. */
export const passwordResets = pgTable(
  'password_resets',
  {
    /** sha256 of the secret in the link. */
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('password_resets_user_idx').on(t.userId)],
);
