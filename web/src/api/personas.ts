/** Personas and map templates: their types (from the server's schemas), query keys and hooks. */
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ZJourneyTemplate } from '../../../src/api/journey-templates.schemas.js';
import type { ZPersona } from '../../../src/api/personas.schemas.js';
import { useWorkspaceId } from '../state/session';
import { api, ws } from './client';
import { fetchAll } from './workspace-lists';

export type Persona = z.output<typeof ZPersona>;
export type JourneyTemplate = z.output<typeof ZJourneyTemplate>;

export const personasKey = (workspaceId: string) => ['personas', workspaceId] as const;

/** Every persona of the workspace, by name. */
export function usePersonas() {
  const workspaceId = useWorkspaceId();
  return useQuery({
    queryKey: personasKey(workspaceId),
    queryFn: () => fetchAll<Persona>(ws(workspaceId, '/personas'), { sort: 'name' }),
    staleTime: 30_000,
  });
}

/** The map templates in a language. */
export function useJourneyTemplates(language: string, enabled = true) {
  const workspaceId = useWorkspaceId();
  return useQuery({
    queryKey: ['journey-templates', workspaceId, language],
    queryFn: () => api.get<JourneyTemplate[]>(ws(workspaceId, '/journey-templates'), { language }),
    staleTime: 10 * 60_000,
    enabled,
  });
}

/** Sends a persona's photo (the file's bytes as the raw body). */
export async function uploadPersonaPhoto(
  workspaceId: string,
  personaId: string,
  file: File,
): Promise<Persona> {
  const response = await fetch(`/api${ws(workspaceId, `/personas/${personaId}/photo`)}`, {
    method: 'PUT',
    credentials: 'same-origin',
    headers: { 'content-type': file.type || 'application/octet-stream' },
    body: file,
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body?.message ?? `${response.status} ${response.statusText}`);
  return body as Persona;
}
