/**
 * Audit photo evidence (Law 3, control): the bytes in the photo directory, one file per photo at
 * `<photo dir>/<workspaceId>/<photoId>` (the data directory's `photos/` unless
 * TOUCHPOINTS_PHOTO_DIR is set), the metadata in the catalog (`audit_photos`). JPEG and PNG only,
 * told by their first bytes (the declared Content-Type must agree), up to the configured size.
 * A file is written (to a temporary name, then renamed) before its row is committed, and removed
 * after its row is deleted; deleting an audit or a workspace removes its files. Photos are
 * personal data (docs/privacy.md).
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError, invalid } from '../domain/errors.js';
import { type Actor, SYSTEM_ACTOR } from './catalog/audit.js';
import { resolveShopperToken, shopperPhotoUrl } from './catalog/audit-links.js';
import {
  checkPhotoTarget,
  deleteAudit,
  deletePhotoRow,
  getPhotoRow,
  insertPhotoRow,
  type PhotoRow,
  photoOwners,
} from './catalog/audits.js';
import type { Db } from './catalog/db.js';

export const PHOTO_TYPES = ['image/jpeg', 'image/png'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];

export interface PhotoStore {
  dir: string;
  maxBytes: number;
}

/** 415: not a JPEG or PNG. */
export class UnsupportedPhotoError extends AppError {
  constructor(message: string) {
    super(415, 'unsupported_media_type', message, { issues: [{ field: 'body', message }] });
  }
}

/** 413: larger than the limit. */
export class PhotoTooLargeError extends AppError {
  constructor(maxBytes: number) {
    const message = `body: a photo may have at most ${maxBytes} bytes (TOUCHPOINTS_PHOTO_MAX_BYTES)`;
    super(413, 'payload_too_large', message, { limit: maxBytes });
  }
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The image type the bytes really are, or null. A PNG must start with the signature and its IHDR
 * chunk (with a sane width and height) and end with the IEND chunk; a JPEG must start with SOI and
 * a marker segment and end with EOI — so that a signature glued onto random bytes is refused.
 */
export function sniffPhoto(bytes: Buffer): PhotoType | null {
  if (bytes.length >= 8 + 25 + 12 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) {
    const ihdr = bytes.readUInt32BE(8) === 13 && bytes.toString('latin1', 12, 16) === 'IHDR';
    const width = bytes.readUInt32BE(16);
    const height = bytes.readUInt32BE(20);
    const iend = bytes.toString('latin1', bytes.length - 8, bytes.length - 4) === 'IEND';
    if (ihdr && width > 0 && height > 0 && width < 2 ** 31 && height < 2 ** 31 && iend) return 'image/png';
    return null;
  }
  if (
    bytes.length >= 8 &&
    bytes[0] === 0xff &&
    bytes[1] === 0xd8 &&
    bytes[2] === 0xff &&
    (bytes[3] ?? 0) >= 0xc0 &&
    (bytes[3] ?? 0) !== 0xff &&
    bytes[bytes.length - 2] === 0xff &&
    bytes[bytes.length - 1] === 0xd9
  )
    return 'image/jpeg';
  return null;
}

function fileOf(store: PhotoStore, workspaceId: string, photoId: string): string {
  return join(store.dir, workspaceId, photoId);
}

/**
 * Checks a photo's bytes against its declared type: 413 over the size limit, 415 when the type is
 * not JPEG/PNG or the bytes are not the image they claim to be.
 */
export function checkPhoto(
  store: PhotoStore,
  contentType: string | undefined,
  bytes: unknown,
): {
  type: PhotoType;
  bytes: Buffer;
} {
  const declared = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!(PHOTO_TYPES as readonly string[]).includes(declared))
    throw new UnsupportedPhotoError(
      `Content-Type must be image/jpeg or image/png (the photo as the raw body), not ${declared || 'none'}`,
    );
  if (!Buffer.isBuffer(bytes) || bytes.length === 0) throw invalid('body', 'the photo is empty');
  if (bytes.length > store.maxBytes) throw new PhotoTooLargeError(store.maxBytes);
  const real = sniffPhoto(bytes);
  if (real === null)
    throw new UnsupportedPhotoError(`the bytes are not a ${declared === 'image/png' ? 'PNG' : 'JPEG'} image`);
  if (real !== declared)
    throw new UnsupportedPhotoError(`the bytes are a ${real} image, but Content-Type says ${declared}`);
  return { type: real, bytes };
}

/** Stores a photo of an audit (not submitted) and its row; returns the row. */
export async function addAuditPhoto(
  db: Db,
  store: PhotoStore,
  actor: Actor,
  workspaceId: string,
  auditId: string,
  criterionId: string | null,
  contentType: string | undefined,
  body: unknown,
): Promise<PhotoRow> {
  const photo = checkPhoto(store, contentType, body);
  await checkPhotoTarget(db, workspaceId, auditId, criterionId);
  const id = randomUUID();
  const file = fileOf(store, workspaceId, id);
  await mkdir(join(store.dir, workspaceId), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, photo.bytes, { mode: 0o600 });
  await rename(temporary, file);
  try {
    return await insertPhotoRow(db, actor, workspaceId, auditId, {
      id,
      criterionId,
      contentType: photo.type,
      bytes: photo.bytes.length,
      sha256: createHash('sha256').update(photo.bytes).digest('hex'),
    });
  } catch (error) {
    await rm(file, { force: true });
    throw error;
  }
}

/** A photo's row and a stream of its bytes (404 when the row or the file is missing). */
export async function openAuditPhoto(
  db: Db,
  store: PhotoStore,
  workspaceId: string,
  auditId: string,
  photoId: string,
): Promise<{ row: PhotoRow; stream: ReadStream }> {
  const row = await getPhotoRow(db, workspaceId, auditId, photoId);
  const stream = createReadStream(fileOf(store, workspaceId, row.id));
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new AppError(404, 'not_found', `photo ${photoId}: its file is missing`)
          : error,
      ),
    );
  });
  return { row, stream };
}

export async function removeAuditPhoto(
  db: Db,
  store: PhotoStore,
  actor: Actor,
  workspaceId: string,
  auditId: string,
  photoId: string,
): Promise<void> {
  await deletePhotoRow(db, actor, workspaceId, auditId, photoId);
  await rm(fileOf(store, workspaceId, photoId), { force: true });
}

/** Deletes an audit (catalog) and then its photos' files. */
export async function deleteAuditWithPhotos(
  db: Db,
  store: PhotoStore,
  actor: Actor,
  workspaceId: string,
  auditId: string,
): Promise<void> {
  const photoIds = await deleteAudit(db, actor, workspaceId, auditId);
  await Promise.all(photoIds.map((id) => rm(fileOf(store, workspaceId, id), { force: true })));
}

/** Removes every photo file of a workspace (after its catalog rows are gone). */
export async function removeWorkspacePhotos(
  store: Pick<PhotoStore, 'dir'>,
  workspaceId: string,
): Promise<void> {
  if (!/^[0-9a-f-]{36}$/i.test(workspaceId)) throw new Error(`not a workspace id: ${workspaceId}`);
  await rm(join(store.dir, workspaceId), { recursive: true, force: true });
}

export function photoStoreOf(config: { photoDir: string; photoMaxBytes: number }): PhotoStore {
  return { dir: config.photoDir, maxBytes: config.photoMaxBytes };
}

/** A photo sent through a shopper link: the link's audit only. */
export async function addShopperPhoto(
  db: Db,
  store: PhotoStore,
  token: string,
  criterionId: string | null,
  contentType: string | undefined,
  body: unknown,
): Promise<{ row: PhotoRow; url: string }> {
  checkPhoto(store, contentType, body);
  const { audit } = await resolveShopperToken(db, token);
  const row = await addAuditPhoto(
    db,
    store,
    SYSTEM_ACTOR,
    audit.workspaceId,
    audit.id,
    criterionId,
    contentType,
    body,
  );
  return { row, url: shopperPhotoUrl(token)(row) };
}

/** A photo of the link's audit. */
export async function openShopperPhoto(db: Db, store: PhotoStore, token: string, photoId: string) {
  const { audit } = await resolveShopperToken(db, token);
  return openAuditPhoto(db, store, audit.workspaceId, audit.id, photoId);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A file this young may belong to an upload whose row is not committed yet. */
const SWEEP_GRACE_MS = 60 * 60_000;

/**
 * Removes the photo files no catalog row names any more, left by a crash between a deletion's
 * commit and the files' removal (or an upload's file and its row): the directories of deleted
 * workspaces, and files older than an hour that no photo row names. Run at start. Answers how
 * many files and directories it removed.
 */
export async function sweepOrphanPhotos(
  db: Db,
  store: Pick<PhotoStore, 'dir'>,
  now = Date.now(),
): Promise<{ directories: number; files: number }> {
  const removed = { directories: 0, files: 0 };
  let entries: string[];
  try {
    entries = (await readdir(store.dir)).filter((name) => UUID.test(name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return removed;
    throw error;
  }
  const owners = await photoOwners(db, entries);
  for (const workspaceId of entries) {
    const dir = join(store.dir, workspaceId);
    if (!owners.workspaces.has(workspaceId)) {
      await rm(dir, { recursive: true, force: true });
      removed.directories++;
      continue;
    }
    const named = await owners.photoIds(workspaceId);
    for (const file of await readdir(dir)) {
      if (named.has(file)) continue;
      const { mtimeMs } = await stat(join(dir, file));
      if (now - mtimeMs < SWEEP_GRACE_MS) continue;
      await rm(join(dir, file), { force: true });
      removed.files++;
    }
  }
  return removed;
}
