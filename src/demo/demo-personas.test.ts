import { describe, expect, it } from 'vitest';
import { checkWorkspaceDocument, ZWorkspaceDocument } from '../domain/workspace-document.js';
import { demoWorkspaceDocument } from './demo-workspace.js';

describe('demo personas', () => {
  it('puts two personas in the demo document, each the persona of one demo map', () => {
    const doc = ZWorkspaceDocument.parse(demoWorkspaceDocument('owner@example.com'));
    expect(checkWorkspaceDocument(doc)).toEqual([]);
    expect(doc.personas?.map((p) => p.name)).toEqual(['Marta Novak', 'Viktor Hale']);
    for (const persona of doc.personas ?? []) {
      expect(persona.goals.length).toBeGreaterThan(0);
      const maps = doc.journeys.filter((j) => j.personaId === persona.id);
      expect(maps).toHaveLength(1);
    }
  });
});
