/**
 * New journey maps made from others: from a template (domain/journey-templates.ts) in a chosen
 * language, or as a copy of a map of the workspace — its stages, lanes and every cell item, its
 * pictures copied too (so that deleting one map's picture leaves the other's). Comments and shared
 * links stay with the original.
 */
import { copyFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { asc, eq, inArray } from 'drizzle-orm';
import { invalid } from '../../domain/errors.js';
import {
  findJourneyTemplate,
  JOURNEY_TEMPLATES,
  type LocalizedJourneyTemplate,
  localizeTemplate,
} from '../../domain/journey-templates.js';
import type { TemplateLanguage } from '../../domain/touchpoint-templates.js';
import type { PhotoStore } from '../photos.js';
import { type Actor, recordAudit } from './audit.js';
import type { Db } from './db.js';
import { createJourney, getJourneyMap, type JourneyMap } from './journeys.js';
import { checkPersona } from './personas.js';
import { journeyItems, journeys, mapImages, stages } from './schema.js';
import { findOne } from './versioned.js';

/** Every template in one language. */
export function listJourneyTemplates(language: TemplateLanguage): LocalizedJourneyTemplate[] {
  return JOURNEY_TEMPLATES.map((t) => localizeTemplate(t, language));
}

export interface TemplateJourneyInput {
  templateKey: string;
  language: TemplateLanguage;
  /** Defaults to the template's name in the language. */
  name?: string | undefined;
  description?: string | undefined;
  persona?: string | undefined;
  personaId?: string | null | undefined;
  acquisitionChannelId?: string | null | undefined;
}

/** Creates a map from a template: its stages, lanes and starter notes in the chosen language. */
export async function createJourneyFromTemplate(
  db: Db,
  actor: Actor,
  workspaceId: string,
  input: TemplateJourneyInput,
): Promise<JourneyMap> {
  const template = findJourneyTemplate(input.templateKey);
  if (!template)
    throw invalid(
      'templateKey',
      `no such template; one of ${JOURNEY_TEMPLATES.map((t) => t.key).join(', ')}`,
    );
  const t = localizeTemplate(template, input.language);
  return db.transaction(async (tx) => {
    const map = await createJourney(tx, actor, workspaceId, {
      name: input.name ?? t.name,
      description: input.description ?? t.description,
      persona: input.persona,
      personaId: input.personaId,
      acquisitionChannelId: input.acquisitionChannelId,
      lanes: t.lanes.map((l) => ({ ...l, name: '' })),
      stages: t.stages.map((s) => ({ key: s.key, name: s.name ?? '', designedEmotion: s.designedEmotion })),
    });
    const stageIds = new Map(map.stages.map((s) => [s.key, s.id]));
    const positions = new Map<string, number>();
    const notes = t.notes.map((n) => {
      const cell = `${n.stage}|${n.lane}`;
      const position = positions.get(cell) ?? 0;
      positions.set(cell, position + 1);
      return {
        id: crypto.randomUUID(),
        workspaceId,
        journeyId: map.id,
        stageId: stageIds.get(n.stage) as string,
        lane: n.lane,
        position,
        text: n.text,
      };
    });
    if (notes.length > 0) await tx.insert(journeyItems).values(notes);
    const after = await getJourneyMap(tx, workspaceId, map.id);
    await recordAudit(tx, actor, workspaceId, {
      action: 'create_from_template',
      entityType: 'journey',
      entityId: map.id,
      after: { templateKey: template.key, language: input.language, notes: notes.length },
    });
    return after;
  });
}

export interface DuplicateInput {
  /** Defaults to the original's name. */
  name?: string | undefined;
  /** Defaults to the original's persona; null: none. */
  personaId?: string | null | undefined;
}

/**
 * Copies a map: the journey (a new name, and persona when given), its stages, lanes and items.
 * Its pictures' files are copied before the rows are committed and removed again if that fails.
 */
export async function duplicateJourney(
  db: Db,
  store: Pick<PhotoStore, 'dir'>,
  actor: Actor,
  workspaceId: string,
  id: string,
  input: DuplicateInput,
): Promise<JourneyMap> {
  const copied: string[] = [];
  try {
    return await db.transaction(async (tx) => {
      const original = await findOne(tx, journeys, 'journey', workspaceId, id);
      if (input.personaId !== undefined) await checkPersona(tx, workspaceId, input.personaId);
      const newId = crypto.randomUUID();
      const now = new Date();
      await tx.insert(journeys).values({
        ...original,
        id: newId,
        name: input.name ?? original.name,
        personaId: input.personaId === undefined ? original.personaId : input.personaId,
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
      const stageRows = await tx
        .select()
        .from(stages)
        .where(eq(stages.journeyId, id))
        .orderBy(asc(stages.position));
      const stageIds = new Map(stageRows.map((s) => [s.id, crypto.randomUUID()]));
      if (stageRows.length > 0)
        await tx
          .insert(stages)
          .values(stageRows.map((s) => ({ ...s, id: stageIds.get(s.id) as string, journeyId: newId })));
      const items = await tx.select().from(journeyItems).where(eq(journeyItems.journeyId, id));
      const imageIds = new Map<string, string>();
      const imageRefs = [...new Set(items.flatMap((i) => (i.imageId ? [i.imageId] : [])))];
      if (imageRefs.length > 0) {
        const images = await tx.select().from(mapImages).where(inArray(mapImages.id, imageRefs));
        for (const image of images) {
          const copyId = crypto.randomUUID();
          try {
            await copyFile(join(store.dir, workspaceId, image.id), join(store.dir, workspaceId, copyId));
          } catch (error) {
            // A picture whose file is lost is not copied, nor the items showing it.
            if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
            throw error;
          }
          copied.push(copyId);
          imageIds.set(image.id, copyId);
          await tx
            .insert(mapImages)
            .values({ ...image, id: copyId, createdByUserId: actor.userId, createdAt: now });
        }
      }
      const kept = items.filter((i) => !i.imageId || imageIds.has(i.imageId));
      if (kept.length > 0)
        await tx.insert(journeyItems).values(
          kept.map((i) => ({
            ...i,
            id: crypto.randomUUID(),
            journeyId: newId,
            stageId: stageIds.get(i.stageId) as string,
            imageId: i.imageId ? (imageIds.get(i.imageId) ?? null) : null,
            createdAt: now,
          })),
        );
      const map = await getJourneyMap(tx, workspaceId, newId);
      await recordAudit(tx, actor, workspaceId, {
        action: 'duplicate',
        entityType: 'journey',
        entityId: newId,
        after: { from: id, ...map },
      });
      return map;
    });
  } catch (error) {
    await Promise.all(copied.map((c) => rm(join(store.dir, workspaceId, c), { force: true })));
    throw error;
  }
}
