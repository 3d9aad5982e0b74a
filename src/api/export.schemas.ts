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

/** The most interactions one API call generates; more through `touchpoints demo --interactions`. */
export const MAX_API_DEMO_INTERACTIONS = 200_000;

export const ZDemoCreate = z.strictObject({
  name: ZName.optional().describe('name of the demo workspace (default "Demo: Brightside Group")'),
  interactions: z
    .number()
    .int('must be a whole number')
    .min(0, 'must be at least 0')
    .max(
      MAX_API_DEMO_INTERACTIONS,
      `must be at most ${MAX_API_DEMO_INTERACTIONS.toLocaleString('en-US')} (use touchpoints demo --interactions for more)`,
    )
    .default(0)
    .describe(
      'generate this many interactions (and some feedback answers) over the last 90 days that follow the demo chains',
    ),
  seed: z
    .number()
    .int('must be a whole number')
    .min(0, 'must be at least 0')
    .max(2 ** 32 - 1, `must be at most ${2 ** 32 - 1}`)
    .default(1)
    .describe('seed of the generated interactions: the same seed gives the same data'),
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
    tasks: count,
    comments: count.describe("the tasks' comments"),
    checklists: count.describe('audit checklists'),
    criteria: count.describe("the checklists' criteria"),
    audits: count,
    answers: count.describe("the audits' answers"),
    alertRules: count,
    webhooks: count.describe('imported disabled, with new signing secrets'),
    surveys: count.describe('each with a new public code'),
  }),
  ownersCleared: count.describe(
    "touchpoints whose owner was not the importing user's e-mail and so are now without owner",
  ),
  taskOwnersCleared: count.describe(
    "tasks whose owner was not the importing user's e-mail and so are now without owner",
  ),
  auditorsCleared: count.describe(
    "audits whose auditor was not the importing user's e-mail and so have no auditor (the name stays)",
  ),
});

export const ZDemoResult = ZImportResult.extend({
  recorded: z
    .object({ interactions: count, feedback: count, seed: count })
    .describe('generated interactions and feedback answers stored in the event store'),
});
