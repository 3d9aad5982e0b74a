import { z } from 'zod';
import { ZDocumentWorkspace, ZWorkspaceDocument } from '../domain/workspace-document.js';
import { ZName } from './common.schemas.js';
import { ZWorkspace, ZWorkspaceSettings } from './workspaces.schemas.js';

export { ZWorkspaceDocument };

/** An export document as accepted by the import: the settings are checked like the workspace API's. */
export const ZWorkspaceImport = ZWorkspaceDocument.extend({
  workspace: ZDocumentWorkspace.extend({ settings: ZWorkspaceSettings.default({}) }),
}).describe('A workspace document, as GET /api/workspaces/{workspaceId}/export returns it');

export const ZImportQuery = z.strictObject({
  name: ZName.optional().describe("name of the new workspace (default: the document's workspace name)"),
});

export const ZDemoCreate = z.strictObject({
  name: ZName.optional().describe('name of the demo workspace (default "Demo: Brightside Group")'),
});

const count = z.number().int();

export const ZImportResult = z.object({
  workspace: ZWorkspace,
  counts: z.object({
    brands: count,
    subjects: count,
    channels: count,
    touchpoints: count,
    standards: count,
    journeys: count,
    stages: count,
    items: count,
    chains: count,
    links: count,
  }),
  ownersCleared: count.describe(
    "touchpoints whose owner was not the importing user's e-mail and so are now without owner",
  ),
});
