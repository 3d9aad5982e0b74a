/**
 * `touchpoints report` as a user runs it: a child process on a PGlite data directory whose
 * workspace (German, with a touchpoint, a chain and a task) is written in-process first.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openStore } from '../../src/server.js';
import { SYSTEM_ACTOR } from '../../src/store/catalog/audit.js';
import { createTask } from '../../src/store/catalog/tasks.js';
import { createTouchpoint } from '../../src/store/catalog/touchpoints.js';
import { createUser } from '../../src/store/catalog/users.js';
import { createWorkspace } from '../../src/store/catalog/workspaces.js';

const dataDir = mkdtempSync(join(tmpdir(), 'touchpoints-report-'));
const outDir = mkdtempSync(join(tmpdir(), 'touchpoints-report-out-'));
const env: NodeJS.ProcessEnv = { ...process.env, TOUCHPOINTS_DATA_DIR: dataDir };
delete env.DATABASE_URL;
const config = loadConfig({ TOUCHPOINTS_DATA_DIR: dataDir });

function touchpoints(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('node', ['bin/touchpoints.js', ...args], { env, timeout: 90_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

let workspaceId = '';

beforeAll(async () => {
  const store = await openStore(config, 'test');
  try {
    const { db } = store.catalog;
    const user = await createUser(db, { email: 'jana@example.com', password: 'correct horse', name: 'Jana' });
    workspaceId = (
      await createWorkspace(
        db,
        SYSTEM_ACTOR,
        { name: 'Zahnarztpraxis <Süd>', settings: { language: 'de' } },
        user.id,
      )
    ).id;
    const website = await createTouchpoint(db, SYSTEM_ACTOR, workspaceId, {
      key: 'website',
      name: 'Webseite',
    });
    await createTask(db, SYSTEM_ACTOR, workspaceId, {
      title: 'Online-Terminbuchung einführen',
      lever: 'business_processes',
      targets: { touchpointId: website.id },
    });
  } finally {
    await store.close();
  }
}, 120_000);

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(outDir, { recursive: true, force: true });
});

describe('touchpoints report', () => {
  it('writes the report in the workspace language, or another one, as a whole file', async () => {
    const file = join(outDir, 'report.html');
    const run = await touchpoints('report', workspaceId, '-o', file);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`wrote the report (de) to ${file}`);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('Touchpoint-Audit-Bericht');
    expect(html).toContain('Zahnarztpraxis &#60;Süd&#62;');
    expect(html).toContain('Online-Terminbuchung einführen');
    expect(html).toContain('Geschäftsprozesse');
    expect(html).not.toMatch(/<script/i);

    const english = await touchpoints(
      'report',
      workspaceId,
      '-o',
      file,
      '--lang',
      'en',
      '--from',
      '2026-01-01',
    );
    expect(english.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('Touchpoint audit report');
    // No temporary file is left beside it.
    expect(readdirSync(outDir)).toEqual(['report.html']);
  }, 120_000);

  it('names the option at fault and the unknown workspace', async () => {
    const file = join(outDir, 'never.html');
    const lang = await touchpoints('report', workspaceId, '-o', file, '--lang', 'xx');
    expect(lang.code).toBe(1);
    expect(lang.stderr).toContain('--lang: must be one of en, de, ru, cs, sk, ro');
    const period = await touchpoints(
      'report',
      workspaceId,
      '-o',
      file,
      '--from',
      '2026-02-01',
      '--to',
      '2026-01-01',
    );
    expect(period.code).toBe(1);
    expect(period.stderr).toContain('--to: must be after from');
    const unknown = await touchpoints('report', '00000000-0000-4000-8000-000000000000', '-o', file);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no workspace has the id 00000000-0000-4000-8000-000000000000');
    const missing = await touchpoints('report', workspaceId);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("required option '-o, --output <file>' not specified");
    expect(existsSync(file)).toBe(false);
  }, 120_000);

  it('explains itself in --help', async () => {
    const help = await touchpoints('report', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('touchpoint audit report');
    expect(help.stdout).toContain('--lang <language>');
    expect(help.stdout).toContain('en, de, ru, cs, sk, ro');
    expect(help.stdout).toContain('-o, --output <file>');
    expect(help.stdout).toContain('--from <date>');
  });
});
