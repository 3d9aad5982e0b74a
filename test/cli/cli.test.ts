/**
 * The `touchpoints` command line, run as a user runs it: a child process on a PGlite data
 * directory. Opening and migrating the catalog takes seconds per command, so the commands are
 * chained in one scenario.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_FINDINGS } from '../../src/demo/demo-workspace.js';

const dataDir = mkdtempSync(join(tmpdir(), 'touchpoints-cli-'));
const env: NodeJS.ProcessEnv = { ...process.env, TOUCHPOINTS_DATA_DIR: dataDir };
delete env.DATABASE_URL;
delete env.TOUCHPOINTS_ADMIN_EMAIL;
delete env.TOUCHPOINTS_ADMIN_PASSWORD;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function touchpoints(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile('node', ['bin/touchpoints.js', ...args], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('touchpoints CLI', () => {
  it('documents every command and refuses bad arguments in one line', async () => {
    const help = await touchpoints('--help');
    expect(help.code).toBe(0);
    for (const command of ['demo', 'health', 'workspace']) expect(help.stdout).toContain(command);
    const workspaceHelp = await touchpoints('workspace', 'import', '--help');
    expect(workspaceHelp.code).toBe(0);
    expect(workspaceHelp.stdout).toMatch(/--owner <email>/);
    expect(workspaceHelp.stdout).toMatch(/--name <name>/);

    const bad = await touchpoints('health', 'not-a-uuid');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('touchpoints: the workspace id must be a UUID, got "not-a-uuid"\n');
  });

  it('creates the demo, checks its health, exports it and imports the export', async () => {
    const noUser = await touchpoints('demo');
    expect(noUser.code).toBe(1);
    expect(noUser.stderr).toMatch(
      /^touchpoints: there is no user yet: create one first .*--owner <email>\n$/,
    );

    const user = await touchpoints('user', 'create', '-e', 'ann@example.com', '--password', 'correct horse');
    expect(user.code).toBe(0);

    const demo = await touchpoints('demo');
    expect(demo.code).toBe(0);
    const id = /created workspace "Demo: Brightside Group" \(([0-9a-f-]{36})\) owned by ann@example.com/.exec(
      demo.stdout,
    )?.[1];
    expect(id).toBeDefined();
    expect(demo.stdout).toMatch(/56 touchpoints/);

    const health = await touchpoints('health', id ?? '', '--json');
    expect(health.code).toBe(0);
    const report = JSON.parse(health.stdout);
    expect(
      report.findings.map((f: { rule: string; object: { name: string } }) => ({
        rule: f.rule,
        name: f.object.name,
      })),
    ).toEqual(DEMO_FINDINGS);

    const file = join(dataDir, 'demo.json');
    const exported = await touchpoints('workspace', 'export', id ?? '', '-o', file);
    expect(exported.code).toBe(0);
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    expect(doc.touchpoints).toHaveLength(57);
    // The demo adds its complaint-handling touchpoint and surveys after importing its document.
    expect(doc.surveys).toHaveLength(5);

    const imported = await touchpoints(
      'workspace',
      'import',
      file,
      '--owner',
      'ann@example.com',
      '--name',
      'Copy',
    );
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/created workspace "Copy" \([0-9a-f-]{36}\) owned by ann@example.com/);
    expect(imported.stdout).toMatch(/57 touchpoints, 39 standards, 3 journeys/);
    // The demo's tasks (with their comments), audits and alert rules travel with it.
    expect(doc.formatVersion).toBe(4);
    expect(doc.tasks.length).toBeGreaterThan(0);
    const comments = doc.tasks.reduce((n: number, t: { comments: unknown[] }) => n + t.comments.length, 0);
    expect(imported.stdout).toContain(`${doc.tasks.length} tasks (${comments} comments)`);
    expect(imported.stdout).toContain(`${doc.audits.length} audits`);
    expect(imported.stdout).toContain(`${doc.alertRules.length} alert rules`);

    // A bad document names the field; an unknown workspace and a busy data directory are one line.
    doc.touchpoints[3].direction = 'sideways';
    writeFileSync(file, JSON.stringify(doc));
    const bad = await touchpoints('workspace', 'import', file, '--owner', 'ann@example.com');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^touchpoints: touchpoints\.3\.direction: .*\n$/);
    const unknown = await touchpoints('health', '00000000-0000-4000-8000-000000000001');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('touchpoints: workspace 00000000-0000-4000-8000-000000000001 not found\n');

    writeFileSync(
      join(dataDir, 'touchpoints.lock'),
      JSON.stringify({
        pid: process.pid,
        holder: 'server',
        url: 'http://127.0.0.1:3000',
        startedAt: new Date(),
      }),
    );
    const busy = await touchpoints('health', id ?? '');
    rmSync(join(dataDir, 'touchpoints.lock'));
    expect(busy.code).toBe(1);
    expect(busy.stderr).toMatch(/^touchpoints: .* is in use by the Touchpoints server .*\n$/);
  }, 180_000);
});
