/**
 * Analytics routes (SPEC §7): each reads the catalog facts, runs one analysis in the event store
 * and answers with the catalog's keys and names. Read access; a route validates, authorizes,
 * calls one function, answers.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  analyzeAttribution,
  analyzeChainConversion,
  analyzeContactFrequency,
  analyzePaths,
  analyzeSentiment,
  analyzeStandardsCompliance,
  analyzeTouchesToConversion,
} from '../analytics/workspace-analytics.js';
import { authorize } from './access.js';
import {
  ZAttributionQuery,
  ZChainConversionParams,
  ZChainConversionQuery,
  ZContactFrequencyQuery,
  ZPathsQuery,
  ZSentimentQuery,
  ZStandardsQuery,
  ZTouchesQuery,
  ZWorkspaceAttribution,
  ZWorkspaceChainConversion,
  ZWorkspaceContactFrequency,
  ZWorkspacePaths,
  ZWorkspaceSentiment,
  ZWorkspaceStandardsCompliance,
  ZWorkspaceTouchesToConversion,
} from './analytics.schemas.js';
import type { RouteOptions } from './app.js';
import { errorResponses, ZWorkspaceParams } from './common.schemas.js';

export const analyticsRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  const { db, events } = ctx;
  const stores = { db, events };
  const tags = ['analytics'];

  app.get(
    '/analytics/chains/:chainId/conversion',
    {
      schema: {
        tags,
        summary:
          'Chain conversion: customers reached, dropped and broken by a negative per link; the weak link',
        params: ZChainConversionParams,
        querystring: ZChainConversionQuery,
        response: { 200: ZWorkspaceChainConversion, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return analyzeChainConversion(stores, access.workspaceId, request.params.chainId, request.query);
    },
  );

  app.get(
    '/analytics/touches',
    {
      schema: {
        tags,
        summary: 'Touches to conversion: histogram, median and mean of touches, time to conversion',
        params: ZWorkspaceParams,
        querystring: ZTouchesQuery,
        response: { 200: ZWorkspaceTouchesToConversion, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return analyzeTouchesToConversion(stores, access.workspaceId, request.query);
    },
  );

  app.get(
    '/analytics/paths',
    {
      schema: {
        tags,
        summary: 'Paths: the 50 most common touchpoint paths with their conversion, and Sankey edges',
        params: ZWorkspaceParams,
        querystring: ZPathsQuery,
        response: { 200: ZWorkspacePaths, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return analyzePaths(stores, access.workspaceId, request.query);
    },
  );

  app.get(
    '/analytics/attribution',
    {
      schema: {
        tags,
        summary: 'Attribution of conversions and value to touchpoints or channels, by each model',
        params: ZWorkspaceParams,
        querystring: ZAttributionQuery,
        response: { 200: ZWorkspaceAttribution, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return analyzeAttribution(stores, access.workspaceId, request.query);
    },
  );

  app.get(
    '/analytics/sentiment',
    {
      schema: {
        tags,
        summary: 'Sentiment, CSAT, NPS and CES per touchpoint, stage and channel; heat map; emotion curves',
        params: ZWorkspaceParams,
        querystring: ZSentimentQuery,
        response: { 200: ZWorkspaceSentiment, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return analyzeSentiment(stores, access.workspaceId, request.query);
    },
  );

  app.get(
    '/analytics/standards',
    {
      schema: {
        tags,
        summary: 'Standards compliance: share meeting the target, p50/p90/p99, pass/fail, weekly trend',
        params: ZWorkspaceParams,
        querystring: ZStandardsQuery,
        response: { 200: ZWorkspaceStandardsCompliance, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return analyzeStandardsCompliance(stores, access.workspaceId, request.query);
    },
  );

  app.get(
    '/analytics/contact-frequency',
    {
      schema: {
        tags,
        summary: 'Contact frequency: customers over the out-touch cap and their lost / negative rates',
        params: ZWorkspaceParams,
        querystring: ZContactFrequencyQuery,
        response: { 200: ZWorkspaceContactFrequency, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return analyzeContactFrequency(stores, access.workspaceId, request.query);
    },
  );
};
