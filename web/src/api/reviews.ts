/**
 * Reviews over the API: the list with its filters, the figures per site and the import (a dry run
 * previews the file). Types come from the server's schemas (src/api/reviews.schemas.ts), type-only.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ZReview,
  ZReviewImportBody,
  ZReviewImportResult,
  ZReviewSummary,
} from '../../../src/api/reviews.schemas.js';
import { api, ws } from './client';
import type { Page } from './types';

export type Review = z.output<typeof ZReview>;
export type ReviewSummary = z.output<typeof ZReviewSummary>;
export type ReviewFigures = ReviewSummary['overall'];
export type ReviewImportBody = z.input<typeof ZReviewImportBody>;
export type ReviewImportResult = z.output<typeof ZReviewImportResult>;
export type ReviewRowError = ReviewImportResult['rejected'][number];

/** Which reviews the page shows. */
export interface ReviewFilter {
  touchpointId?: string | undefined;
  site?: string | undefined;
  minScore?: number | undefined;
  maxScore?: number | undefined;
  replied?: boolean | undefined;
  q?: string | undefined;
}

const REVIEWS_KEY = 'reviews';

export function useReviews(
  workspaceId: string,
  filter: ReviewFilter,
  page: { limit: number; offset: number },
) {
  return useQuery({
    queryKey: [REVIEWS_KEY, workspaceId, 'list', filter, page],
    queryFn: () => api.get<Page<Review>>(ws(workspaceId, '/reviews'), { ...filter, ...page }),
    placeholderData: keepPreviousData,
  });
}

export function useReviewSummary(workspaceId: string, filter: Pick<ReviewFilter, 'touchpointId'>) {
  return useQuery({
    queryKey: [REVIEWS_KEY, workspaceId, 'summary', filter],
    queryFn: () => api.get<ReviewSummary>(ws(workspaceId, '/reviews/summary'), { ...filter }),
  });
}

/** Previews a file (dry run): nothing is stored, nothing refreshed. */
export function usePreviewReviews(workspaceId: string) {
  return useMutation({
    mutationFn: (body: ReviewImportBody) =>
      api.post<ReviewImportResult>(ws(workspaceId, '/reviews/import'), { ...body, dryRun: true }),
  });
}

/** Imports a file; the lists, the figures, sentiment and complaints are read again. */
export function useImportReviews(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReviewImportBody) =>
      api.post<ReviewImportResult>(ws(workspaceId, '/reviews/import'), { ...body, dryRun: false }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: [REVIEWS_KEY, workspaceId] });
      void queryClient.invalidateQueries({ queryKey: ['analytics'] });
      void queryClient.invalidateQueries({ queryKey: ['complaints'] });
    },
  });
}
