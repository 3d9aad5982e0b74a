/**
 * Personas: the customers a journey map is drawn for (name, role, segment, a quote, goals, needs,
 * pains, and a photo or a drawn avatar), reusable across the workspace's maps (`journeys.persona_id`).
 * Changes need the version read (409 otherwise). A persona's photo is a map image
 * (map-images.ts): replacing or removing the photo, or deleting the persona, deletes its file;
 * maps drawn for a deleted persona stay, without persona.
 */
import { and, asc, count, eq, ilike, inArray, or } from 'drizzle-orm';
import { invalid, NotFoundError } from '../../domain/errors.js';
import type { PhotoStore } from '../photos.js';
import { type Actor, recordAudit } from './audit.js';
import type { Db } from './db.js';
import {
  deleteMapImageRows,
  type MapImageRow,
  openMapImage,
  removeMapImageFiles,
  saveMapImage,
} from './map-images.js';
import { likePattern, type PageQuery, readPage } from './paging.js';
import { journeys, personas } from './schema.js';
import { findOne, updateVersioned } from './versioned.js';

export type PersonaRow = typeof personas.$inferSelect;

export const PERSONA_SORTS = ['name', 'createdAt', 'updatedAt'] as const;

/** Where a persona's photo bytes are served to members. */
export function personaPhotoUrl(p: Pick<PersonaRow, 'workspaceId' | 'id' | 'photoId'>): string | null {
  return p.photoId ? `/api/workspaces/${p.workspaceId}/personas/${p.id}/photo?v=${p.photoId}` : null;
}

export function toPersonaDto(p: PersonaRow, journeyCount = 0) {
  return {
    id: p.id,
    name: p.name,
    role: p.role,
    segment: p.segment,
    quote: p.quote,
    goals: p.goals,
    needs: p.needs,
    pains: p.pains,
    avatar: p.avatar,
    photoUrl: personaPhotoUrl(p),
    journeyCount,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export type PersonaDto = ReturnType<typeof toPersonaDto>;

export interface PersonaInput {
  name: string;
  role?: string | undefined;
  segment?: string | undefined;
  quote?: string | undefined;
  goals?: string[] | undefined;
  needs?: string[] | undefined;
  pains?: string[] | undefined;
  avatar?: string | undefined;
}

export type PersonaPatch = Partial<PersonaInput> & { version: number };

export interface PersonaFilter extends PageQuery {
  q?: string | undefined;
}

/** How many maps each persona is drawn for. */
async function journeyCounts(db: Db, personaIds: string[]): Promise<Map<string, number>> {
  if (personaIds.length === 0) return new Map();
  const rows = await db
    .select({ personaId: journeys.personaId, n: count() })
    .from(journeys)
    .where(inArray(journeys.personaId, personaIds))
    .groupBy(journeys.personaId);
  return new Map(rows.map((r) => [r.personaId ?? '', Number(r.n)]));
}

async function withCount(db: Db, row: PersonaRow): Promise<PersonaDto> {
  return toPersonaDto(row, (await journeyCounts(db, [row.id])).get(row.id) ?? 0);
}

export async function listPersonas(db: Db, workspaceId: string, f: PersonaFilter) {
  const where = and(
    eq(personas.workspaceId, workspaceId),
    f.q
      ? or(
          ilike(personas.name, likePattern(f.q)),
          ilike(personas.role, likePattern(f.q)),
          ilike(personas.segment, likePattern(f.q)),
        )
      : undefined,
  );
  const sortable = { name: personas.name, createdAt: personas.createdAt, updatedAt: personas.updatedAt };
  const { rows, total } = await readPage(db, personas, where, sortable, 'name', f);
  const counts = await journeyCounts(
    db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => toPersonaDto(r, counts.get(r.id) ?? 0)),
    total,
    limit: f.limit,
    offset: f.offset,
  };
}

export async function getPersona(db: Db, workspaceId: string, id: string): Promise<PersonaDto> {
  return withCount(db, await findOne(db, personas, 'persona', workspaceId, id));
}

/** 400 naming `field` when `personaId` is not a persona of the workspace. */
export async function checkPersona(
  db: Db,
  workspaceId: string,
  personaId: string | null | undefined,
  field = 'personaId',
): Promise<void> {
  if (!personaId) return;
  const [row] = await db
    .select({ id: personas.id })
    .from(personas)
    .where(and(eq(personas.id, personaId), eq(personas.workspaceId, workspaceId)));
  if (!row) throw invalid(field, 'no such persona in this workspace');
}

export async function createPersona(
  db: Db,
  actor: Actor,
  workspaceId: string,
  input: PersonaInput,
): Promise<PersonaDto> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(personas)
      .values({
        id: crypto.randomUUID(),
        workspaceId,
        name: input.name,
        role: input.role ?? '',
        segment: input.segment ?? '',
        quote: input.quote ?? '',
        goals: input.goals ?? [],
        needs: input.needs ?? [],
        pains: input.pains ?? [],
        avatar: input.avatar ?? '',
      })
      .returning();
    if (!row) throw new Error('insert returned no row');
    const after = toPersonaDto(row);
    await recordAudit(tx, actor, workspaceId, {
      action: 'create',
      entityType: 'persona',
      entityId: row.id,
      after,
    });
    return after;
  });
}

export async function updatePersona(
  db: Db,
  actor: Actor,
  workspaceId: string,
  id: string,
  patch: PersonaPatch,
): Promise<PersonaDto> {
  return db.transaction(async (tx) => {
    const before = await findOne(tx, personas, 'persona', workspaceId, id);
    const { version, ...values } = patch;
    const row = await updateVersioned(tx, personas, 'persona', workspaceId, id, version, values);
    const after = await withCount(tx, row);
    await recordAudit(tx, actor, workspaceId, {
      action: 'update',
      entityType: 'persona',
      entityId: id,
      before: toPersonaDto(before),
      after,
    });
    return after;
  });
}

/**
 * Deletes a persona and its photo (the file after the commit); its maps stay, without persona.
 */
export async function deletePersona(
  db: Db,
  store: Pick<PhotoStore, 'dir'>,
  actor: Actor,
  workspaceId: string,
  id: string,
): Promise<void> {
  const removed = await db.transaction(async (tx) => {
    const before = await findOne(tx, personas, 'persona', workspaceId, id);
    await tx.delete(personas).where(and(eq(personas.id, id), eq(personas.workspaceId, workspaceId)));
    const images = await deleteMapImageRows(tx, workspaceId, before.photoId ? [before.photoId] : []);
    await recordAudit(tx, actor, workspaceId, {
      action: 'delete',
      entityType: 'persona',
      entityId: id,
      before: toPersonaDto(before),
    });
    return images;
  });
  await removeMapImageFiles(store, workspaceId, removed);
}

/**
 * Sets a persona's photo (JPEG, PNG or WebP as the raw body), replacing the one it had (whose
 * file is removed); bumps the persona's version.
 */
export async function setPersonaPhoto(
  db: Db,
  store: PhotoStore,
  actor: Actor,
  workspaceId: string,
  id: string,
  contentType: string | undefined,
  body: unknown,
): Promise<PersonaDto> {
  await findOne(db, personas, 'persona', workspaceId, id);
  let replaced: string[] = [];
  const after = await saveMapImage(
    db,
    store,
    { workspaceId, userId: actor.userId, contentType, body },
    async (tx, image: MapImageRow) => {
      const before = await findOne(tx, personas, 'persona', workspaceId, id);
      const row = await updateVersioned(tx, personas, 'persona', workspaceId, id, before.version, {
        photoId: image.id,
      });
      if (before.photoId) replaced = await deleteMapImageRows(tx, workspaceId, [before.photoId]);
      await recordAudit(tx, actor, workspaceId, {
        action: 'set_photo',
        entityType: 'persona',
        entityId: id,
        before: { photoId: before.photoId },
        after: { photoId: image.id, bytes: image.bytes, contentType: image.contentType },
      });
      return withCount(tx, row);
    },
  );
  await removeMapImageFiles(store, workspaceId, replaced);
  return after;
}

/** Removes a persona's photo (404 when it has none); bumps the persona's version. */
export async function removePersonaPhoto(
  db: Db,
  store: Pick<PhotoStore, 'dir'>,
  actor: Actor,
  workspaceId: string,
  id: string,
): Promise<PersonaDto> {
  const { after, removed } = await db.transaction(async (tx) => {
    const before = await findOne(tx, personas, 'persona', workspaceId, id);
    if (!before.photoId) throw new NotFoundError('persona photo', id);
    const row = await updateVersioned(tx, personas, 'persona', workspaceId, id, before.version, {
      photoId: null,
    });
    const images = await deleteMapImageRows(tx, workspaceId, [before.photoId]);
    await recordAudit(tx, actor, workspaceId, {
      action: 'delete_photo',
      entityType: 'persona',
      entityId: id,
      before: { photoId: before.photoId },
    });
    return { after: await withCount(tx, row), removed: images };
  });
  await removeMapImageFiles(store, workspaceId, removed);
  return after;
}

/** A persona's photo: its row and a stream of its bytes (404 when it has none). */
export async function openPersonaPhoto(
  db: Db,
  store: Pick<PhotoStore, 'dir'>,
  workspaceId: string,
  id: string,
) {
  const persona = await findOne(db, personas, 'persona', workspaceId, id);
  if (!persona.photoId) throw new NotFoundError('persona photo', id);
  return openMapImage(db, store, workspaceId, persona.photoId);
}

/** The workspace's personas by id, in name order (for export and the map's header). */
export async function personasOf(db: Db, workspaceId: string): Promise<PersonaRow[]> {
  return db
    .select()
    .from(personas)
    .where(eq(personas.workspaceId, workspaceId))
    .orderBy(asc(personas.name), asc(personas.id));
}
