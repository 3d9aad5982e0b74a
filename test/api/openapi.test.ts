import { expect, it } from 'vitest';
import { describeCatalog } from '../catalog-harness.js';

describeCatalog('OpenAPI document and docs page', (h) => {
  it('describes every API route from its zod schemas', async () => {
    const doc = await h().anonymous.get('/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    const paths = doc.body.paths as Record<string, Record<string, { responses?: object; tags?: string[] }>>;
    for (const p of [
      '/api/auth/login',
      '/api/me',
      '/api/workspaces',
      '/api/workspaces/{workspaceId}/members',
      '/api/workspaces/{workspaceId}/tokens',
      '/api/workspaces/{workspaceId}/audit-log',
      '/api/workspaces/{workspaceId}/subjects',
      '/api/workspaces/{workspaceId}/subjects/{id}',
      '/api/workspaces/{workspaceId}/audit-checklists',
      '/api/workspaces/{workspaceId}/audits/{auditId}/answers',
      '/api/workspaces/{workspaceId}/audits/{auditId}/photos',
      '/api/shopper/{token}',
      '/api/workspaces/{workspaceId}/audits/scores',
      '/api/workspaces/{workspaceId}/benchmark',
      '/api/workspaces/{workspaceId}/report',
      '/api/workspaces/{workspaceId}/alert-rules',
      '/api/workspaces/{workspaceId}/alerts',
      '/api/workspaces/{workspaceId}/alerts/evaluate',
      '/api/workspaces/{workspaceId}/webhooks/{hookId}/deliveries',
      '/api/workspaces/{workspaceId}/webhooks/{hookId}/test',
      '/api/workspaces/{workspaceId}/notifications/read-all',
      '/api/notifications/unread-count',
      '/api/workspaces/{workspaceId}/survey-templates',
      '/api/workspaces/{workspaceId}/surveys',
      '/api/workspaces/{workspaceId}/surveys/{surveyId}',
      '/api/workspaces/{workspaceId}/surveys/{surveyId}/kiosk-devices',
      '/api/workspaces/{workspaceId}/surveys/{surveyId}/kiosk-devices/{deviceId}',
      '/api/workspaces/{workspaceId}/surveys/{surveyId}/contacts',
      '/api/workspaces/{workspaceId}/surveys/{surveyId}/contacts/{contactId}',
      '/api/workspaces/{workspaceId}/surveys/{surveyId}/results',
      '/api/workspaces/{workspaceId}/surveys/{surveyId}/comments',
      '/api/workspaces/{workspaceId}/surveys/{surveyId}/results.csv',
    ]) {
      expect(paths[p], p).toBeDefined();
    }
    for (const [path, operations] of Object.entries(paths)) {
      for (const [method, op] of Object.entries(operations)) {
        expect(op.responses, `${method} ${path}`).toBeDefined();
        expect(op.tags?.length, `${method} ${path} has a tag`).toBeGreaterThan(0);
      }
    }
    // The shopper's routes need no sign-in; a photo is the raw image body.
    const shopper = paths['/api/shopper/{token}']?.get as unknown as { security: unknown[] };
    expect(shopper.security).toEqual([]);
    const upload = paths['/api/workspaces/{workspaceId}/audits/{auditId}/photos']?.post as unknown as {
      requestBody?: { content: Record<string, unknown> };
    };
    expect(Object.keys(upload.requestBody?.content ?? {}).sort()).toEqual(['image/jpeg', 'image/png']);
    const create = paths['/api/workspaces/{workspaceId}/subjects']?.post as unknown as {
      requestBody: {
        content: {
          'application/json': {
            schema: { properties: Record<string, unknown>; additionalProperties: boolean };
          };
        };
      };
    };
    const schema = create.requestBody.content['application/json'].schema;
    // An alert rule's params are documented per kind, with their descriptions.
    const rule = JSON.stringify(paths['/api/workspaces/{workspaceId}/alert-rules']?.post);
    for (const kind of ['standard_compliance', 'feedback_shift', 'link_conversion_drop'])
      expect(rule, kind).toContain(kind);
    expect(rule).toContain('two-proportion z-test');
    expect(Object.keys(schema.properties)).toEqual(['kind', 'name', 'description']);
    expect(schema.additionalProperties).toBe(false);
  });

  it('serves the docs page', async () => {
    const page = await h().anonymous.get('/docs/');
    expect(page.status).toBe(200);
    expect(String(page.body)).toMatch(/swagger/i);
  });
});
