/** `touchpoints task list|create|update`: improvement tasks from the command line, as the API has them. */
import type { Command } from 'commander';
import type { z } from 'zod';
import { ZTaskCreate, ZTaskPatch, ZTaskQuery } from '../api/tasks.schemas.js';
import { type FieldIssue, ValidationError } from '../domain/errors.js';
import { LEVERS, TASK_STATUSES, USER_TASK_STATUSES } from '../domain/vocabulary.js';
import { SYSTEM_ACTOR } from '../store/catalog/audit.js';
import type { Db } from '../store/catalog/db.js';
import { createTask, getTask, listTasks, type TaskDto, updateTask } from '../store/catalog/tasks.js';
import { listTouchpoints } from '../store/catalog/touchpoints.js';
import { findUserByEmail } from '../store/catalog/users.js';
import { getWorkspace } from '../store/catalog/workspaces.js';
import { CliError, printJson, withStore } from './run.js';
import { workspaceIdArgument } from './workspace.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** API field → CLI option, for error lines. */
const FLAG_OF: Record<string, string> = {
  ownerUserId: '--owner',
  dueDate: '--due',
  windowDays: '--window-days',
  minSample: '--min-sample',
  conversionRiseTarget: '--rise',
  'targets.touchpointId': '--touchpoint',
  'targets.chainId': '--chain',
  'targets.chainLinkId': '--link',
  'targets.journeyId': '--journey',
  'targets.stageId': '--stage',
  'targets.standardId': '--standard',
  targets: '--touchpoint/--chain/--link/--journey/--stage/--standard',
  dueBefore: '--due-before',
  dueAfter: '--due-after',
};

function flagOf(field: string): string {
  return FLAG_OF[field] ?? `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

function optionError(issues: readonly FieldIssue[]): CliError {
  return new CliError(issues.map((i) => `${flagOf(i.field)}: ${i.message}`).join('; '));
}

/** Checks the options with the route's schema, naming the option at fault. */
function parse<S extends z.ZodType>(schema: S, raw: Record<string, unknown>): z.output<S> {
  const defined = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined));
  const result = schema.safeParse(defined);
  if (result.success) return result.data;
  throw optionError(result.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })));
}

/** Runs a store call, naming the options at fault in its 400s. */
async function asOptions<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof ValidationError) throw optionError(error.issues);
    throw error;
  }
}

const int = (flag: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new CliError(`${flag}: must be a number, got "${value}"`);
  return n;
};

/** A touchpoint named by its id or its key. */
async function touchpointId(
  db: Db,
  workspaceId: string,
  value: string | undefined,
): Promise<string | undefined> {
  if (value === undefined || UUID.test(value)) return value;
  const page = await listTouchpoints(db, workspaceId, { q: value, limit: 500, offset: 0 });
  const found = page.items.find((t) => t.key === value);
  if (!found) throw new CliError(`--touchpoint: no touchpoint has the key "${value}"`);
  return found.id;
}

/** The owner named by e-mail (or id); "none" clears. */
async function ownerId(db: Db, value: string | undefined): Promise<string | null | undefined> {
  if (value === undefined) return undefined;
  if (value === 'none') return null;
  if (UUID.test(value)) return value;
  const user = await findUserByEmail(db, value);
  if (!user) throw new CliError(`--owner: no user has the e-mail ${value}`);
  return user.id;
}

interface TargetOptions {
  touchpoint?: string;
  chain?: string;
  link?: string;
  journey?: string;
  stage?: string;
  standard?: string;
}

async function targetsOf(db: Db, workspaceId: string, o: TargetOptions) {
  const targets = {
    touchpointId: await touchpointId(db, workspaceId, o.touchpoint),
    chainId: o.chain,
    chainLinkId: o.link,
    journeyId: o.journey,
    stageId: o.stage,
    standardId: o.standard,
  };
  return Object.fromEntries(Object.entries(targets).filter(([, v]) => v !== undefined));
}

/** One line per task: status, priority, due date, lever, title, id. */
function formatTasks(items: TaskDto[], total: number): string {
  if (items.length === 0) return 'no tasks';
  const lines = items.map(
    (t) =>
      `${t.status.padEnd(13)} P${t.priority}  ${(t.dueDate ?? '—').padEnd(10)}${t.overdue ? ' overdue' : '        '}  ${t.lever.padEnd(19)}  ${t.title}  ${t.id}`,
  );
  if (total > items.length) lines.push(`(${items.length} of ${total})`);
  return lines.join('\n');
}

function formatTask(t: TaskDto): string {
  const targets = Object.entries(t.targets)
    .filter(([, v]) => v !== null)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  const lines = [
    `${t.title}  (${t.id}, version ${t.version})`,
    `  status ${t.status}, lever ${t.lever}, priority ${t.priority}, due ${t.dueDate ?? '—'}${t.overdue ? ' (overdue)' : ''}`,
    `  targets ${targets || '—'}`,
  ];
  if (t.verification) lines.push(`  ${t.verification.explanation}`);
  return lines.join('\n');
}

function addTargetOptions(command: Command): Command {
  return command
    .option('--touchpoint <key|id>', 'target: a touchpoint, by key or id')
    .option('--chain <id>', 'target: a chain')
    .option('--link <id>', 'target: one link of a chain (its id, as GET /chains shows it)')
    .option('--journey <id>', 'target: a journey')
    .option('--stage <id>', 'target: one stage of a journey')
    .option('--standard <id>', 'target: a standard (a done task is then verified from live data)');
}

function addFieldOptions(command: Command): Command {
  return command
    .option('--description <text>', 'what is to be done')
    .option('--owner <email>', 'the member responsible (e-mail or user id; "none" clears on update)')
    .option('--due <date>', 'due date YYYY-MM-DD ("none" clears on update)')
    .option('--priority <1-5>', '1 highest … 5 lowest (default 3)', int('--priority'))
    .option('--window-days <days>', 'verification window after done (default 14)', int('--window-days'))
    .option(
      '--min-sample <n>',
      'interactions the standard needs after done (default 30)',
      int('--min-sample'),
    )
    .option(
      '--rise <pp>',
      'for a chain link: conversion rise in percentage points that verifies it',
      int('--rise'),
    )
    .option('--json', 'print the task as JSON (as the API answers)');
}

export function taskCommand(program: Command): void {
  const task = program
    .command('task')
    .description(
      'improvement tasks (Law 3): work on a touchpoint, chain (link), journey (stage) or standard, verified from live data once done',
    );

  task
    .command('list')
    .description('list the tasks of a workspace, by due date; filters as GET /api/workspaces/{id}/tasks')
    .requiredOption('--workspace <id>', 'id of the workspace', workspaceIdArgument)
    .option('--status <status>', `one of ${TASK_STATUSES.join(', ')}`)
    .option('--lever <lever>', `one of ${LEVERS.join(', ')}`)
    .option('--owner <email>', 'only tasks of this member (e-mail or user id)')
    .option('--touchpoint <key|id>', 'only tasks on this touchpoint (or a chain link at it)')
    .option('--standard <id>', 'only tasks on this standard')
    .option('--overdue', 'only overdue tasks')
    .option('--q <text>', 'text search in title and description')
    .option('--limit <n>', 'at most this many (default 50)', int('--limit'))
    .option('--json', 'print the page as JSON (as the API answers)')
    .action(
      async (o: {
        workspace: string;
        status?: string;
        lever?: string;
        owner?: string;
        touchpoint?: string;
        standard?: string;
        overdue?: boolean;
        q?: string;
        limit?: number;
        json?: boolean;
      }) => {
        await withStore('task list', async ({ catalog }) => {
          const { db } = catalog;
          await getWorkspace(db, o.workspace);
          const query = parse(ZTaskQuery, {
            status: o.status,
            lever: o.lever,
            ownerUserId: (await ownerId(db, o.owner)) ?? undefined,
            touchpointId: await touchpointId(db, o.workspace, o.touchpoint),
            standardId: o.standard,
            overdue: o.overdue ? 'true' : undefined,
            q: o.q,
            limit: o.limit,
          });
          const { mine: _mine, ...filter } = query;
          const page = await listTasks(db, o.workspace, filter);
          if (o.json) printJson(page);
          else console.log(formatTasks(page.items, page.total));
        });
      },
    );

  addFieldOptions(
    addTargetOptions(
      task
        .command('create')
        .description('create a task; at least one target option is needed')
        .argument('<title>', 'what the task achieves')
        .requiredOption('--workspace <id>', 'id of the workspace', workspaceIdArgument)
        .requiredOption('--lever <lever>', `one of ${LEVERS.join(', ')}`)
        .option('--status <status>', `one of ${USER_TASK_STATUSES.join(', ')} (default planned)`),
    ),
  ).action(async (title: string, o: Record<string, string | number | boolean | undefined>) => {
    await withStore('task create', async ({ catalog }) => {
      const { db } = catalog;
      const workspaceId = o.workspace as string;
      await getWorkspace(db, workspaceId);
      const body = parse(ZTaskCreate, {
        title,
        lever: o.lever,
        status: o.status,
        description: o.description,
        ownerUserId: await ownerId(db, o.owner as string | undefined),
        dueDate: o.due,
        priority: o.priority,
        windowDays: o.windowDays,
        minSample: o.minSample,
        conversionRiseTarget: o.rise,
        targets: await targetsOf(db, workspaceId, o as TargetOptions),
      });
      const created = await asOptions(createTask(db, SYSTEM_ACTOR, workspaceId, body));
      if (o.json) printJson(created);
      else console.log(`created task\n${formatTask(created)}`);
    });
  });

  addFieldOptions(
    addTargetOptions(
      task
        .command('update')
        .description(
          'change a task: its status (planned, in_progress, done; reopen a verified or not_effective one), fields or targets',
        )
        .argument('<task-id>', 'id of the task')
        .requiredOption('--workspace <id>', 'id of the workspace', workspaceIdArgument)
        .option('--title <title>', 'a new title')
        .option('--lever <lever>', `one of ${LEVERS.join(', ')}`)
        .option('--status <status>', `one of ${USER_TASK_STATUSES.join(', ')}`),
    ),
  ).action(async (id: string, o: Record<string, string | number | boolean | undefined>) => {
    if (!UUID.test(id)) throw new CliError(`the task id must be a UUID, got "${id}"`);
    await withStore('task update', async ({ catalog }) => {
      const { db } = catalog;
      const workspaceId = o.workspace as string;
      await getWorkspace(db, workspaceId);
      const current = await getTask(db, workspaceId, id);
      const targets = await targetsOf(db, workspaceId, o as TargetOptions);
      const patch = parse(ZTaskPatch, {
        version: current.version,
        title: o.title,
        lever: o.lever,
        status: o.status,
        description: o.description,
        ownerUserId: await ownerId(db, o.owner as string | undefined),
        dueDate: o.due === 'none' ? null : o.due,
        priority: o.priority,
        windowDays: o.windowDays,
        minSample: o.minSample,
        conversionRiseTarget: o.rise,
        targets: Object.keys(targets).length > 0 ? targets : undefined,
      });
      const updated = await asOptions(updateTask(db, SYSTEM_ACTOR, workspaceId, id, patch));
      if (o.json) printJson(updated);
      else console.log(`updated task\n${formatTask(updated)}`);
    });
  });
}
