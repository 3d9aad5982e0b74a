/**
 * A customer's personal data in a workspace: export and erasure by customer key (owner, or an
 * `admin` token). The key travels in the body, not the path: paths end up in access logs, proxy
 * logs and browser history, which would keep the very key an erasure removes.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { eraseCustomers, exportCustomer } from '../privacy/customers.js';
import { authorize } from './access.js';
import type { RouteOptions } from './app.js';
import { errorResponses, ZWorkspaceParams } from './common.schemas.js';
import {
  ZCustomerEraseRequest,
  ZCustomerExport,
  ZCustomerExportRequest,
  ZErasureResult,
} from './customers.schemas.js';

export const customerRoutes: FastifyPluginAsyncZod<RouteOptions> = async (app, { ctx }) => {
  const { db, events } = ctx;
  const tags = ['customers'];

  app.post(
    '/customers/export',
    {
      schema: {
        tags,
        summary:
          'Everything stored about one customer key: interactions, feedback answers, quarantined records (owner). ' +
          'A POST so that the key stays out of URLs and logs; it changes nothing.',
        params: ZWorkspaceParams,
        body: ZCustomerExportRequest,
        response: { 200: ZCustomerExport, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'admin');
      return exportCustomer(db, events, access.actor, access.workspaceId, request.body.customer);
    },
  );

  app.post(
    '/customers/erase',
    {
      schema: {
        tags,
        summary:
          'Erase customer keys from every store (owner); answers once no analysis counts them. ' +
          'The audit log records the counts, never the keys.',
        params: ZWorkspaceParams,
        body: ZCustomerEraseRequest,
        response: { 200: ZErasureResult, ...errorResponses },
      },
    },
    async (request) => {
      const access = await authorize(db, request, request.params.workspaceId, 'admin');
      return eraseCustomers(db, events, access.actor, access.workspaceId, request.body.customers);
    },
  );
};
