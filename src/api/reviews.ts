/** Review routes (issue 16 §3): a route validates, authorizes, calls one function, answers. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { invalid } from '../domain/errors.js';
import { importReviews, type ReviewImportOptions } from '../ingest/import-reviews.js';
import { parseReviewMapping } from '../ingest/review-rows.js';
import { listReviews, reviewSummary } from '../store/catalog/reviews.js';
import { authorize } from './access.js';
import type { RouteOptions } from './app.js';
import { errorResponses, ZError, ZWorkspaceParams, zPage } from './common.schemas.js';
import {
  ZReview,
  ZReviewImportBody,
  ZReviewImportQuery,
  ZReviewImportResult,
  ZReviewQuery,
  ZReviewSummary,
  ZReviewSummaryQuery,
} from './reviews.schemas.js';

export const reviewRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  const { db, events } = ctx;
  const tags = ['reviews'];

  // The file itself may be the body (curl --data-binary @reviews.csv -H 'content-type: text/csv'):
  // it becomes the `csv` of the JSON form, and the options come from the query.
  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string' }, (_request, body, done) =>
    done(null, { csv: body }),
  );
  const isCsvBody = (contentType: string | undefined) => /^text\/(csv|plain)\b/i.test(contentType ?? '');

  app.get(
    '/reviews',
    {
      schema: {
        tags,
        summary:
          'List reviews: by touchpoint, site, score, replied or not, text search and period; newest first',
        params: ZWorkspaceParams,
        querystring: ZReviewQuery,
        response: { 200: zPage(ZReview), ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return listReviews(db, access.workspaceId, request.query);
    },
  );

  app.get(
    '/reviews/summary',
    {
      schema: {
        tags,
        summary:
          'Review figures in all and per site: count, mean score (0–1 and out of 5), positive and negative shares, replies and reply times',
        params: ZWorkspaceParams,
        querystring: ZReviewSummaryQuery,
        response: { 200: ZReviewSummary, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'read');
      return reviewSummary(db, access.workspaceId, request.query);
    },
  );

  app.post(
    '/reviews/import',
    {
      schema: {
        tags,
        summary:
          'Import reviews from a CSV file of a rating site, with a column mapping; bad rows are reported one by one, good ones kept; importing the same file again changes nothing (dryRun: preview)',
        description:
          'Send JSON `{csv, map, touchpoint, site, ratingMax, complaintThreshold, dryRun}`, or the file itself ' +
          '(content-type text/csv) with the same options in the query (map as field=column entries). ' +
          'Each review needs a date, a rating, a rating maximum, a site and a touchpoint key: from a column, ' +
          'or (the last three) one value for the whole file. A review without an external id gets a hash of ' +
          'site, author, date and text. Scores (rating / maximum) go to the feedback store as kind review.',
        params: ZWorkspaceParams,
        querystring: ZReviewImportQuery,
        body: ZReviewImportBody,
        response: { 200: ZReviewImportResult, ...errorResponses, 413: ZError },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'ingest');
      const { body, query } = request;
      const text = body.csv;
      let options: ReviewImportOptions;
      if (isCsvBody(request.headers['content-type'])) {
        options = {
          mapping: parseReviewMapping(query.map ?? []),
          touchpoint: query.touchpoint,
          site: query.site,
          ratingMax: query.ratingMax,
          complaintThreshold: query.complaintThreshold === 'none' ? null : query.complaintThreshold,
          dryRun: query.dryRun,
          fileName: query.fileName,
        };
      } else {
        if (Object.keys(query).length > 0)
          throw invalid(Object.keys(query)[0] as string, 'goes in the JSON body when the body is JSON');
        options = {
          mapping: body.map,
          touchpoint: body.touchpoint,
          site: body.site,
          ratingMax: body.ratingMax,
          complaintThreshold: body.complaintThreshold,
          dryRun: body.dryRun,
          fileName: body.fileName,
        };
      }
      return importReviews(db, events, access.actor, access.workspaceId, text, options);
    },
  );
};
