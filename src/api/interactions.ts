/**
 * Ingestion routes (SPEC §5–§6): batches of interactions and feedback answers, and the unmapped
 * touchpoint keys their records may wait under. A route validates, authorizes, calls one
 * function, answers.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type DecodedInteractions, decodeInteractionBatch } from '../ingest/decode-interaction-batch.js';
import { ingestFeedback } from '../ingest/ingest-feedback.js';
import { ingestInteractions } from '../ingest/ingest-interactions.js';
import { listUnmappedTouchpoints, mapUnmappedTouchpoint } from '../ingest/unmapped-touchpoints.js';
import { toTouchpointDto } from '../store/catalog/touchpoints.js';
import { authorize } from './access.js';
import type { RouteOptions } from './app.js';
import { errorResponses, ZError, ZWorkspaceParams } from './common.schemas.js';
import {
  ZFeedbackBatch,
  ZIngestResult,
  ZInteractionBatch,
  ZMapUnmapped,
  ZMapUnmappedResult,
  ZUnmappedTouchpoint,
} from './interactions.schemas.js';

function decodeInteractionRequest(text: string) {
  const decoded = decodeInteractionBatch(text);
  return decoded && { decoded, body: { interactions: [] } };
}

export const interactionRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  const { db, events } = ctx;
  const tags = ['interactions'];

  app.post(
    '/interactions',
    {
      schema: {
        tags,
        summary:
          'Record a batch of interactions (API token with scope ingest); each invalid record is rejected on its own',
        params: ZWorkspaceParams,
        body: ZInteractionBatch,
        response: { 200: ZIngestResult, ...errorResponses, 413: ZError },
      },
      // A batch of valid records, written plainly, is read straight into columns; the body then
      // validated is an empty stand-in.
      config: { decodeBody: decodeInteractionRequest },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'ingest');
      const decoded = request.decodedBody as DecodedInteractions | null;
      return ingestInteractions(db, events, access.workspaceId, decoded ?? request.body.interactions);
    },
  );

  app.post(
    '/feedback',
    {
      schema: {
        tags,
        summary:
          'Record a batch of survey answers (CSAT, NPS, CES); each invalid answer is rejected on its own',
        params: ZWorkspaceParams,
        body: ZFeedbackBatch,
        response: { 200: ZIngestResult, ...errorResponses, 413: ZError },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'ingest');
      return ingestFeedback(db, events, access.workspaceId, request.body.answers);
    },
  );

  app.get(
    '/unmapped-touchpoints',
    {
      schema: {
        tags,
        summary: 'Touchpoint keys that records named but the catalog does not know; their records wait',
        params: ZWorkspaceParams,
        response: { 200: z.object({ items: z.array(ZUnmappedTouchpoint) }), ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return { items: await listUnmappedTouchpoints(db, events, access.workspaceId) };
    },
  );

  app.post(
    '/unmapped-touchpoints/map',
    {
      schema: {
        tags,
        summary: 'Map an unknown key to a touchpoint (or create one with it) and replay its waiting records',
        params: ZWorkspaceParams,
        body: ZMapUnmapped,
        response: { 200: ZMapUnmappedResult, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'write');
      const { touchpointKey, touchpointId, create } = request.body;
      const result = await mapUnmappedTouchpoint(
        db,
        events,
        access.actor,
        access.workspaceId,
        create ? { touchpointKey, create } : { touchpointKey, touchpointId: touchpointId ?? '' },
      );
      const replayed = (r: { inserted: number; duplicates: number }) => ({
        accepted: r.inserted,
        duplicates: r.duplicates,
      });
      return {
        touchpoint: toTouchpointDto(result.touchpoint),
        created: result.created,
        aliased: result.aliased,
        replayed: {
          interactions: replayed(result.replayed.interactions),
          feedback: replayed(result.replayed.feedback),
        },
      };
    },
  );
};
