/**
 * The API's types, inferred from the server's zod schemas: one schema gives validation, OpenAPI and
 * these types, so the web app cannot drift from the API. Type-only imports: nothing of the server is bundled.
 */
import type { z } from 'zod';
import type {
  ZWorkspaceAttribution,
  ZWorkspaceChainConversion,
  ZWorkspaceContactFrequency,
  ZWorkspacePaths,
  ZWorkspaceSentiment,
  ZWorkspaceStandardsCompliance,
  ZWorkspaceTouchesToConversion,
} from '../../../src/api/analytics.schemas.js';
import type { ZSession, ZUser } from '../../../src/api/auth.schemas.js';
import type { ZBrand } from '../../../src/api/brands.schemas.js';
import type {
  ZChain,
  ZChainCreate,
  ZChainLink,
  ZChainLinkInput,
  ZChainPatch,
} from '../../../src/api/chains.schemas.js';
import type { ZChannel, ZChannelCreate } from '../../../src/api/channels.schemas.js';
import type { ZError } from '../../../src/api/common.schemas.js';
import type { ZHealthFinding, ZHealthReport } from '../../../src/api/health.schemas.js';
import type { ZIngestResult, ZUnmappedTouchpoint } from '../../../src/api/interactions.schemas.js';
import type {
  ZJourney,
  ZJourneyItem,
  ZJourneyMap,
  ZLane,
  ZStage,
} from '../../../src/api/journeys.schemas.js';
import type { ZRetentionRun, ZRetentionStatus } from '../../../src/api/retention.schemas.js';
import type { ZStandard, ZStandardCreate } from '../../../src/api/standards.schemas.js';
import type { ZSubject } from '../../../src/api/subjects.schemas.js';
import type {
  ZTask,
  ZTaskComment,
  ZTaskCreate,
  ZTaskPatch,
  ZTaskPrefill,
} from '../../../src/api/tasks.schemas.js';
import type {
  ZTouchpoint,
  ZTouchpointCreate,
  ZTouchpointPatch,
} from '../../../src/api/touchpoints.schemas.js';
import type { ZApiToken, ZAuditEntry, ZMember, ZWorkspace } from '../../../src/api/workspaces.schemas.js';

export type ApiErrorBody = z.output<typeof ZError>;
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export type User = z.output<typeof ZUser>;
export type Session = z.output<typeof ZSession>;
export type Workspace = z.output<typeof ZWorkspace>;
export type Member = z.output<typeof ZMember>;
export type ApiToken = z.output<typeof ZApiToken>;
export type AuditEntry = z.output<typeof ZAuditEntry>;
export type Brand = z.output<typeof ZBrand>;
export type Subject = z.output<typeof ZSubject>;
export type Channel = z.output<typeof ZChannel>;
export type ChannelCreate = z.input<typeof ZChannelCreate>;
export type Touchpoint = z.output<typeof ZTouchpoint>;
export type TouchpointCreate = z.input<typeof ZTouchpointCreate>;
export type TouchpointPatch = z.input<typeof ZTouchpointPatch>;
export type Standard = z.output<typeof ZStandard>;
export type StandardCreate = z.input<typeof ZStandardCreate>;
export type Journey = z.output<typeof ZJourney>;
export type JourneyMap = z.output<typeof ZJourneyMap>;
export type Stage = z.output<typeof ZStage>;
/** A lane as the map shows it (with `customName`, null for a default lane). */
export type Lane = JourneyMap['lanes'][number];
/** A lane as PATCH takes it: no name (or null/'') keeps or resets a default lane's default name. */
export type LaneEdit = z.input<typeof ZLane>;
export type JourneyItem = z.output<typeof ZJourneyItem>;
export type Chain = z.output<typeof ZChain>;
export type ChainLink = z.output<typeof ZChainLink>;
export type ChainCreate = z.input<typeof ZChainCreate>;
export type ChainPatch = z.input<typeof ZChainPatch>;
export type ChainLinkInput = z.input<typeof ZChainLinkInput>;
export type HealthReport = z.output<typeof ZHealthReport>;
export type HealthFinding = z.output<typeof ZHealthFinding>;
export type IngestResult = z.output<typeof ZIngestResult>;
export type UnmappedTouchpoint = z.output<typeof ZUnmappedTouchpoint>;
export type ChainConversion = z.output<typeof ZWorkspaceChainConversion>;
export type TouchesToConversion = z.output<typeof ZWorkspaceTouchesToConversion>;
export type Paths = z.output<typeof ZWorkspacePaths>;
export type Attribution = z.output<typeof ZWorkspaceAttribution>;
export type Sentiment = z.output<typeof ZWorkspaceSentiment>;
export type StandardsCompliance = z.output<typeof ZWorkspaceStandardsCompliance>;
export type ContactFrequency = z.output<typeof ZWorkspaceContactFrequency>;
export type RetentionStatus = z.output<typeof ZRetentionStatus>;
export type RetentionRun = z.output<typeof ZRetentionRun>;
export type Task = z.output<typeof ZTask>;
export type TaskCreate = z.input<typeof ZTaskCreate>;
export type TaskPatch = z.input<typeof ZTaskPatch>;
export type TaskComment = z.output<typeof ZTaskComment>;
export type TaskPrefill = z.output<typeof ZTaskPrefill>;
