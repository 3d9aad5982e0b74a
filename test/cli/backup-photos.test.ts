/**
 * Audit photos in `touchpoints backup` / `restore` (store/backup.ts): the files under the data
 * directory's `photos/` are copied, counted in the manifest, checked and restored with the rest.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeManifest } from '../../src/cli/backup.js';
import { backupDataDir, restoreDataDir } from '../../src/store/backup.js';
import { openCatalog } from '../../src/store/catalog/db.js';
import { openDuckDbEventStore } from '../../src/store/events/duckdb/duckdb-event-store.js';
import { JPEG_4X4, PNG_4X4 } from '../fixtures/audit-fixture.js';

const root = mkdtempSync(join(tmpdir(), 'touchpoints-backup-photos-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function dataDirWithPhotos(dir: string) {
  const catalog = await openCatalog({ dataDir: join(dir, 'catalog') });
  await catalog.migrate();
  await catalog.close();
  const events = await openDuckDbEventStore({ file: join(dir, 'events.duckdb') });
  await events.close();
  const workspace = join(dir, 'photos', '6f1c0a52-1d55-4a3e-9c61-0d7a7f2e8b11');
  mkdirSync(workspace, { recursive: true });
  writeFileSync(join(workspace, 'a6d2c9a4-0b7e-4f43-8a55-2b9d7c1e3f10'), JPEG_4X4);
  writeFileSync(join(workspace, 'c1e7f3b2-5a4d-4e8b-9f20-7d3a6b1c2e99'), PNG_4X4);
  // A file being written when the backup runs is no photo yet.
  writeFileSync(join(workspace, 'c1e7f3b2-5a4d-4e8b-9f20-7d3a6b1c2e98.1234.tmp'), PNG_4X4);
  return workspace;
}

describe('audit photos in backup and restore', () => {
  it('copies, counts, checks and restores the photo files', async () => {
    const source = join(root, 'data');
    const backup = join(root, 'backup');
    const restored = join(root, 'restored');
    const workspace = await dataDirWithPhotos(source);

    const manifest = await backupDataDir({ dataDir: source, catalogOnPostgres: false }, backup, 'test');
    expect(manifest.photos).toEqual({ files: 2, bytes: JPEG_4X4.length + PNG_4X4.length });
    expect(describeManifest(manifest)).toContain(
      `  audit photos: 2 files, ${(JPEG_4X4.length + PNG_4X4.length).toLocaleString('en-US')} bytes`,
    );
    const copied = join(backup, 'photos', '6f1c0a52-1d55-4a3e-9c61-0d7a7f2e8b11');
    expect(readFileSync(join(copied, 'a6d2c9a4-0b7e-4f43-8a55-2b9d7c1e3f10')).equals(JPEG_4X4)).toBe(true);
    expect(existsSync(join(copied, 'c1e7f3b2-5a4d-4e8b-9f20-7d3a6b1c2e98.1234.tmp'))).toBe(false);

    // A photo lost from the backup: the restore stops before replacing anything.
    rmSync(join(copied, 'c1e7f3b2-5a4d-4e8b-9f20-7d3a6b1c2e99'));
    await expect(restoreDataDir({ dataDir: restored, catalogOnPostgres: false }, backup)).rejects.toThrow(
      /audit photos: 1 files of \d+ bytes, the manifest 2 of \d+/,
    );
    expect(existsSync(join(restored, 'photos'))).toBe(false);
    writeFileSync(join(copied, 'c1e7f3b2-5a4d-4e8b-9f20-7d3a6b1c2e99'), PNG_4X4);

    await restoreDataDir({ dataDir: restored, catalogOnPostgres: false }, backup);
    const back = join(restored, 'photos', '6f1c0a52-1d55-4a3e-9c61-0d7a7f2e8b11');
    expect(readFileSync(join(back, 'c1e7f3b2-5a4d-4e8b-9f20-7d3a6b1c2e99')).equals(PNG_4X4)).toBe(true);
    expect(readFileSync(join(back, 'a6d2c9a4-0b7e-4f43-8a55-2b9d7c1e3f10')).equals(JPEG_4X4)).toBe(true);
    expect(existsSync(workspace)).toBe(true);
  }, 120_000);
});
