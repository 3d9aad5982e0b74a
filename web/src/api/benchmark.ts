/**
 * The competitor benchmark (GET …/benchmark) and the brands it compares (…/brands): types inferred
 * from the server's schemas, the query and the brand changes.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ZCompetitorBenchmark } from '../../../src/api/benchmark.schemas.js';
import type { ZBrandCreate, ZBrandPatch } from '../../../src/api/brands.schemas.js';
import { api, ws } from './client';
import type { Brand } from './types';

export type CompetitorBenchmark = z.output<typeof ZCompetitorBenchmark>;
export type BrandCell = CompetitorBenchmark['overall'][number];
export type Beat = CompetitorBenchmark['beats'][number];
export type LatestAuditFailures = CompetitorBenchmark['latestFailures'][number];
export type BrandCreate = z.input<typeof ZBrandCreate>;
export type BrandPatch = z.input<typeof ZBrandPatch>;

export interface BenchmarkQuery {
  journeyId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export function useBenchmark(workspaceId: string, query: BenchmarkQuery) {
  return useQuery({
    queryKey: ['benchmark', workspaceId, query],
    queryFn: () => api.get<CompetitorBenchmark>(ws(workspaceId, '/benchmark'), { ...query }),
  });
}

/** Adds, changes or deletes a brand; every brand list and the benchmark load again after it. */
export function useBrandChange<T>(workspaceId: string, change: (input: T) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['brands', workspaceId] }),
        queryClient.invalidateQueries({ queryKey: ['benchmark', workspaceId] }),
      ]),
  });
}

export const brandRequests = {
  create: (workspaceId: string, body: BrandCreate) => api.post<Brand>(ws(workspaceId, '/brands'), body),
  update: (workspaceId: string, id: string, body: BrandPatch) =>
    api.patch<Brand>(ws(workspaceId, `/brands/${id}`), body),
  remove: (workspaceId: string, id: string) => api.delete(ws(workspaceId, `/brands/${id}`)),
};
