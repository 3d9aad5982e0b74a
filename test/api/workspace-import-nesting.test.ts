/**
 * A workspace document nested deep — as a whole, or one value of it — is a 400 naming the
 * field, over HTTP (POST /api/workspaces/import) and on the command line
 * (`touchpoints workspace import`), never a 500 or a crash.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { demoWorkspaceDocument } from '../../src/demo/demo-workspace.js';
import { describeCatalog } from '../catalog-harness.js';

const dir = mkdtempSync(join(tmpdir(), 'touchpoints-deep-document-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LEVELS = 100_000;
const deepObject = `${'{"a":'.repeat(LEVELS)}1${'}'.repeat(LEVELS)}`;
const deepArray = `${'['.repeat(LEVELS)}${']'.repeat(LEVELS)}`;

/** The demo document's JSON text with the value at `marker` replaced by raw JSON text. */
function documentWith(where: (doc: ReturnType<typeof demoWorkspaceDocument>) => void, raw: string): string {
  const doc = demoWorkspaceDocument('owner@example.com');
  where(doc);
  return JSON.stringify(doc).replace('"@deep@"', raw);
}

const places: [string, (doc: ReturnType<typeof demoWorkspaceDocument>) => void, string][] = [
  ['workspace.settings', (d) => Object.assign(d.workspace, { settings: '@deep@' }), 'workspace.settings'],
  [
    'workspace.settings.contactFrequencyCap',
    (d) => Object.assign(d.workspace, { settings: { contactFrequencyCap: '@deep@' } }),
    'workspace.settings.contactFrequencyCap',
  ],
  ['an unknown field', (d) => Object.assign(d, { extra: '@deep@' }), 'extra'],
  ['a brand name', (d) => Object.assign(d.brands[0] as object, { name: '@deep@' }), 'brands.0.name'],
  [
    'touchpoint tags',
    (d) => Object.assign(d.touchpoints[0] as object, { tags: '@deep@' }),
    'touchpoints.0.tags',
  ],
  [
    "an alert rule's params",
    (d) =>
      Object.assign(d, {
        alertRules: [
          {
            id: '00000000-0000-4000-8000-000000000001',
            name: 'Deep',
            kind: 'touchpoint_silent',
            params: { days: '@deep@' },
          },
        ],
      }),
    'alertRules.0.params.days',
  ],
];

describeCatalog('workspace import of deeply nested documents', (h) => {
  it('answers 400 naming the field, whatever value is nested deep', async () => {
    const owner = await h().signUp('owner');
    const send = (text: string) =>
      owner.request('POST', '/api/workspaces/import', text, { 'content-type': 'application/json' });
    for (const whole of [deepObject, deepArray]) {
      const res = await send(whole);
      expect(res.status).toBe(400);
    }
    for (const [name, where, field] of places)
      for (const raw of [deepObject, deepArray]) {
        const res = await send(documentWith(where, raw));
        expect({ name, status: res.status }).toEqual({ name, status: 400 });
        // Or the first key or item of the deep value: an unknown field, or not a tag.
        expect(res.body.issues?.[0]?.field, name).toMatch(
          new RegExp(`^${field.replaceAll('.', '\\.')}(\\.a|\\.0)?$`),
        );
      }
  });
});

it('touchpoints workspace import says in one line what is wrong with a deep document', async () => {
  const env: NodeJS.ProcessEnv = { ...process.env, TOUCHPOINTS_DATA_DIR: join(dir, 'data') };
  delete env.DATABASE_URL;
  const run = (file: string) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        'node',
        ['bin/touchpoints.js', 'workspace', 'import', file, '--owner', 'owner@example.com'],
        { env, timeout: 60_000 },
        (error, stdout, stderr) =>
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
      );
    });
  const whole = join(dir, 'whole.json');
  writeFileSync(whole, deepObject);
  const settings = join(dir, 'settings.json');
  writeFileSync(
    settings,
    documentWith((d) => Object.assign(d.workspace, { settings: '@deep@' }), deepArray),
  );
  for (const file of [whole, settings]) {
    const result = await run(file);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toMatch(/unexpected|stack/i);
  }
}, 60_000);
