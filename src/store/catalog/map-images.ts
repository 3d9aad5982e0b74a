/**
 * Pictures of journey maps (image lanes) and personas (photos): the row in `map_images`, the bytes
 * in the photo directory next to audit photos, one file per image at `<photo dir>/<workspaceId>/<id>`
 * — so deleting a workspace removes them with its directory, and the start-up sweep keeps the files
 * a row still names (audits.ts photoOwners). JPEG, PNG and WebP only, told by their bytes (the
 * declared Content-Type must agree), up to the photo size limit. A file is written (to a temporary
 * name, then renamed) before its row is committed, and removed after its row is deleted. Pictures
 * may show people: they are personal data, erased with their owner (docs/privacy.md).
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { and, eq, inArray } from 'drizzle-orm';
import { AppError, invalid, NotFoundError } from '../../domain/errors.js';
import { type PhotoStore, PhotoTooLargeError, sniffPhoto, UnsupportedPhotoError } from '../photos.js';
import type { Db } from './db.js';
import { mapImages } from './schema.js';

export const MAP_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type MapImageType = (typeof MAP_IMAGE_TYPES)[number];
export type MapImageRow = typeof mapImages.$inferSelect;

const WEBP_CHUNKS = new Set(['VP8 ', 'VP8L', 'VP8X']);

/**
 * The image type the bytes really are, or null: JPEG and PNG as audit photos (photos.ts), WebP
 * when the RIFF header's size matches the bytes and its first chunk is a VP8 one.
 */
export function sniffMapImage(bytes: Buffer): MapImageType | null {
  if (
    bytes.length >= 20 &&
    bytes.toString('latin1', 0, 4) === 'RIFF' &&
    bytes.toString('latin1', 8, 12) === 'WEBP'
  ) {
    const declared = bytes.readUInt32LE(4);
    return declared + 8 === bytes.length && WEBP_CHUNKS.has(bytes.toString('latin1', 12, 16))
      ? 'image/webp'
      : null;
  }
  return sniffPhoto(bytes);
}

/**
 * Checks an image's bytes against its declared type: 413 over the size limit, 415 when the type is
 * not JPEG/PNG/WebP or the bytes are not the image they claim to be, 400 when empty.
 */
export function checkMapImage(
  store: PhotoStore,
  contentType: string | undefined,
  body: unknown,
): { type: MapImageType; bytes: Buffer } {
  const declared = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!(MAP_IMAGE_TYPES as readonly string[]).includes(declared))
    throw new UnsupportedPhotoError(
      `Content-Type must be image/jpeg, image/png or image/webp (the image as the raw body), not ${declared || 'none'}`,
    );
  if (!Buffer.isBuffer(body) || body.length === 0) throw invalid('body', 'the image is empty');
  if (body.length > store.maxBytes) throw new PhotoTooLargeError(store.maxBytes);
  const real = sniffMapImage(body);
  if (real === null) throw new UnsupportedPhotoError(`the bytes are not a ${declared.slice(6)} image`);
  if (real !== declared)
    throw new UnsupportedPhotoError(`the bytes are a ${real} image, but Content-Type says ${declared}`);
  return { type: real, bytes: body };
}

function fileOf(store: Pick<PhotoStore, 'dir'>, workspaceId: string, imageId: string): string {
  return join(store.dir, workspaceId, imageId);
}

export interface MapImageUpload {
  workspaceId: string;
  userId: string | null;
  contentType: string | undefined;
  body: unknown;
}

/**
 * Checks and stores an image: writes its file, then in one transaction inserts its row and runs
 * `link` (which attaches the image to its owner, e.g. a persona, and may throw to refuse). When
 * the transaction fails the file is removed again. Answers `link`'s result.
 */
export async function saveMapImage<T>(
  db: Db,
  store: PhotoStore,
  upload: MapImageUpload,
  link: (tx: Db, image: MapImageRow) => Promise<T>,
): Promise<T> {
  const image = checkMapImage(store, upload.contentType, upload.body);
  const id = randomUUID();
  const file = fileOf(store, upload.workspaceId, id);
  await mkdir(join(store.dir, upload.workspaceId), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, image.bytes, { mode: 0o600 });
  await rename(temporary, file);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(mapImages)
        .values({
          id,
          workspaceId: upload.workspaceId,
          contentType: image.type,
          bytes: image.bytes.length,
          sha256: createHash('sha256').update(image.bytes).digest('hex'),
          createdByUserId: upload.userId,
        })
        .returning();
      if (!row) throw new Error('insert returned no row');
      return link(tx, row);
    });
  } catch (error) {
    await rm(file, { force: true });
    throw error;
  }
}

/** An image's row (404 when not in the workspace). */
export async function getMapImageRow(db: Db, workspaceId: string, imageId: string): Promise<MapImageRow> {
  const [row] = await db
    .select()
    .from(mapImages)
    .where(and(eq(mapImages.id, imageId), eq(mapImages.workspaceId, workspaceId)));
  if (!row) throw new NotFoundError('image', imageId);
  return row;
}

/** An image's row and a stream of its bytes (404 when the row or the file is missing). */
export async function openMapImage(
  db: Db,
  store: Pick<PhotoStore, 'dir'>,
  workspaceId: string,
  imageId: string,
): Promise<{ row: MapImageRow; stream: ReadStream }> {
  const row = await getMapImageRow(db, workspaceId, imageId);
  const stream = createReadStream(fileOf(store, workspaceId, row.id));
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new AppError(404, 'not_found', `image ${imageId}: its file is missing`)
          : error,
      ),
    );
  });
  return { row, stream };
}

/**
 * Deletes image rows of the workspace inside the caller's transaction (items showing them go with
 * them; a persona whose photo it was keeps no photo); answers the ids deleted, whose files the
 * caller removes with removeMapImageFiles once the transaction committed.
 */
export async function deleteMapImageRows(db: Db, workspaceId: string, imageIds: string[]): Promise<string[]> {
  if (imageIds.length === 0) return [];
  const rows = await db
    .delete(mapImages)
    .where(and(eq(mapImages.workspaceId, workspaceId), inArray(mapImages.id, imageIds)))
    .returning({ id: mapImages.id });
  return rows.map((r) => r.id);
}

/** Removes image files (after their rows are gone). */
export async function removeMapImageFiles(
  store: Pick<PhotoStore, 'dir'>,
  workspaceId: string,
  imageIds: string[],
): Promise<void> {
  await Promise.all(imageIds.map((id) => rm(fileOf(store, workspaceId, id), { force: true })));
}

/** Deletes one image: its row (404 when absent), then its file. */
export async function deleteMapImage(
  db: Db,
  store: Pick<PhotoStore, 'dir'>,
  workspaceId: string,
  imageId: string,
): Promise<void> {
  const deleted = await deleteMapImageRows(db, workspaceId, [imageId]);
  if (deleted.length === 0) throw new NotFoundError('image', imageId);
  await removeMapImageFiles(store, workspaceId, deleted);
}

/** The ids of the workspace's images (whose files the orphan sweep must keep). */
export async function mapImageIds(db: Db, workspaceId: string): Promise<string[]> {
  const rows = await db
    .select({ id: mapImages.id })
    .from(mapImages)
    .where(eq(mapImages.workspaceId, workspaceId));
  return rows.map((r) => r.id);
}
