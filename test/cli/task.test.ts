/**
 * `touchpoints task list|create|update` as a user runs them: a child process on a PGlite data
 * directory whose workspace (with a member, a touchpoint and a standard) is written in-process first.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openStore } from '../../src/server.js';
import { listAudit, SYSTEM_ACTOR } from '../../src/store/catalog/audit.js';
import { createStandard } from '../../src/store/catalog/standards.js';
import { createTouchpoint } from '../../src/store/catalog/touchpoints.js';
import { createUser } from '../../src/store/catalog/users.js';
import { createWorkspace } from '../../src/store/catalog/workspaces.js';

const dataDir = mkdtempSync(join(tmpdir(), 'touchpoints-task-'));
const env: NodeJS.ProcessEnv = { ...process.env, TOUCHPOINTS_DATA_DIR: dataDir };
delete env.DATABASE_URL;
const config = loadConfig({ TOUCHPOINTS_DATA_DIR: dataDir });

function touchpoints(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('node', ['bin/touchpoints.js', ...args], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

let workspaceId = '';
let standardId = '';

beforeAll(async () => {
  const store = await openStore(config, 'test');
  try {
    const { db } = store.catalog;
    const user = await createUser(db, { email: 'olga@example.com', password: 'correct horse', name: 'Olga' });
    workspaceId = (await createWorkspace(db, SYSTEM_ACTOR, { name: 'Shop' }, user.id)).id;
    const hotline = await createTouchpoint(db, SYSTEM_ACTOR, workspaceId, {
      key: 'hotline',
      name: 'Hotline',
    });
    standardId = (
      await createStandard(db, SYSTEM_ACTOR, workspaceId, {
        touchpointId: hotline.id,
        name: 'Answered within 20 s',
        metric: 'response_ms',
        target: 20_000,
      })
    ).id;
  } finally {
    await store.close();
  }
}, 120_000);

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('touchpoints task', () => {
  it('creates, lists and updates tasks, naming the option at fault', async () => {
    const help = await touchpoints('task', '--help');
    expect(help.stdout).toMatch(/list/);
    expect(help.stdout).toMatch(/create/);
    expect(help.stdout).toMatch(/update/);
    expect((await touchpoints('task', 'create', '--help')).stdout).toMatch(/--standard <id>/);

    const created = await touchpoints(
      'task',
      'create',
      'Train the hotline team',
      '--workspace',
      workspaceId,
      '--lever',
      'staff_qualification',
      '--standard',
      standardId,
      '--touchpoint',
      'hotline',
      '--owner',
      'olga@example.com',
      '--due',
      '2020-05-01',
      '--priority',
      '2',
      '--json',
    );
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const task = JSON.parse(created.stdout);
    expect(task).toMatchObject({
      title: 'Train the hotline team',
      lever: 'staff_qualification',
      priority: 2,
      dueDate: '2020-05-01',
      overdue: true,
      targets: { standardId },
    });
    expect(task.ownerUserId).toEqual(expect.any(String));
    expect(task.targets.touchpointId).toEqual(expect.any(String));

    const listed = await touchpoints('task', 'list', '--workspace', workspaceId, '--overdue');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(
      /^planned\s+P2\s+2020-05-01 overdue\s+staff_qualification\s+Train the hotline team/,
    );
    const none = await touchpoints('task', 'list', '--workspace', workspaceId, '--status', 'done');
    expect(none.stdout.trim()).toBe('no tasks');

    const done = await touchpoints('task', 'update', task.id, '--workspace', workspaceId, '--status', 'done');
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/status done, lever staff_qualification, priority 2/);
    const verified = await touchpoints(
      'task',
      'update',
      task.id,
      '--workspace',
      workspaceId,
      '--status',
      'verified',
    );
    expect(verified.code).toBe(1);
    expect(verified.stderr).toMatch(/--status: /);

    const noTarget = await touchpoints(
      'task',
      'create',
      'X',
      '--workspace',
      workspaceId,
      '--lever',
      'sales_channels',
    );
    expect(noTarget.code).toBe(1);
    expect(noTarget.stderr).toMatch(
      /--touchpoint\/--chain\/--link\/--journey\/--stage\/--standard: a task needs at least one target/,
    );
    const badLever = await touchpoints(
      'task',
      'create',
      'X',
      '--workspace',
      workspaceId,
      '--lever',
      'luck',
      '--touchpoint',
      'hotline',
    );
    expect(badLever.code).toBe(1);
    expect(badLever.stderr).toMatch(/--lever: /);
    const badDue = await touchpoints(
      'task',
      'create',
      'X',
      '--workspace',
      workspaceId,
      '--lever',
      'sales_channels',
      '--touchpoint',
      'hotline',
      '--due',
      'tomorrow',
    );
    expect(badDue.stderr).toMatch(/--due: must be a date YYYY-MM-DD/);
    const unknownKey = await touchpoints(
      'task',
      'create',
      'X',
      '--workspace',
      workspaceId,
      '--lever',
      'sales_channels',
      '--touchpoint',
      'fax',
    );
    expect(unknownKey.stderr).toMatch(/--touchpoint: no touchpoint has the key "fax"/);

    const store = await openStore(config, 'test');
    try {
      const log = await listAudit(store.catalog.db, workspaceId, { limit: 10, entityType: 'task' });
      expect(log.map((e) => e.action)).toEqual(['update', 'create']);
    } finally {
      await store.close();
    }
  }, 120_000);
});
