/**
 * `/w/:id/reviews`: reviews from rating sites (issue 16 §3) — the figures in all and per site, the
 * list with its filters (touchpoint, site, positive/negative, replied or not, search; in the URL)
 * and, for editors, the import of a site's CSV export with its column mapping and preview.
 */
import {
  Badge,
  Button,
  Card,
  Group,
  Pagination,
  Select,
  SimpleGrid,
  Spoiler,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconFileUpload, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { NEGATIVE_REVIEW_SCORE, POSITIVE_REVIEW_SCORE } from '../../../src/domain/review-rules';
import { ws } from '../api/client';
import {
  type Review,
  type ReviewFigures,
  type ReviewFilter,
  useReviewSummary,
  useReviews,
} from '../api/reviews';
import type { Touchpoint } from '../api/types';
import { fetchAll } from '../api/workspace-lists';
import { PageHeader } from '../components/layout';
import { ReviewImportDialog } from '../components/reviews/review-import';
import { Empty, QueryState } from '../components/states';
import { useFormat } from '../i18n/format';
import { useCanEdit, useWorkspaceId } from '../state/session';

const PAGE_SIZE = 20;

/** Every touchpoint of the workspace (for the filter, the import and the names on the cards). */
export function useReviewTouchpoints(workspaceId: string) {
  return useQuery({
    queryKey: ['touchpoints', workspaceId, 'all-for-reviews'],
    queryFn: () => fetchAll<Touchpoint>(ws(workspaceId, '/touchpoints'), { sort: 'name' }),
    staleTime: 30_000,
  });
}

function FiguresCard({ title, figures, testId }: { title: string; figures: ReviewFigures; testId: string }) {
  const { t } = useTranslation('reviews');
  const f = useFormat();
  return (
    <Card withBorder padding="sm" data-testid={testId}>
      <Group justify="space-between" wrap="nowrap" mb={4}>
        <Text fw={600} truncate>
          {title}
        </Text>
        <Text size="sm" c="dimmed">
          {t('summary.reviews', { n: f.number(figures.reviews) })}
        </Text>
      </Group>
      <Text size="xl" fw={700} data-testid={`${testId}-mean`}>
        {figures.meanOutOfFive === null
          ? '–'
          : t('summary.meanValue', { value: f.number(figures.meanOutOfFive, 1) })}
      </Text>
      <SimpleGrid cols={2} spacing={4} verticalSpacing={2} mt={4}>
        <Text size="xs" c="dimmed">
          {t('summary.positive')}
        </Text>
        <Text size="xs">{f.percent(figures.positiveShare, 0)}</Text>
        <Text size="xs" c="dimmed">
          {t('summary.negative')}
        </Text>
        <Text size="xs">{f.percent(figures.negativeShare, 0)}</Text>
        <Text size="xs" c="dimmed">
          {t('summary.replied')}
        </Text>
        <Text size="xs">{f.percent(figures.repliedShare, 0)}</Text>
        <Text size="xs" c="dimmed">
          {t('summary.replyTime')}
        </Text>
        <Text size="xs">{f.duration(figures.medianReplyMs)}</Text>
      </SimpleGrid>
    </Card>
  );
}

function ReviewCard({ review, touchpoint }: { review: Review; touchpoint: string | undefined }) {
  const { t } = useTranslation('reviews');
  const f = useFormat();
  const tone =
    review.score >= POSITIVE_REVIEW_SCORE
      ? 'green'
      : review.score <= NEGATIVE_REVIEW_SCORE
        ? 'red'
        : 'yellow';
  return (
    <Card withBorder padding="sm" data-testid="review-card">
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Group gap="xs" wrap="wrap">
          <Badge color={tone} variant="light" data-testid="review-rating">
            {t('item.rating', { rating: f.number(review.rating, 1), max: f.number(review.ratingMax, 1) })}
          </Badge>
          <Text size="sm" fw={500}>
            {review.sourceSite}
          </Text>
          <Text size="sm" c="dimmed">
            {review.author ? t('item.by', { author: review.author }) : t('item.anonymous')}
          </Text>
        </Group>
        <Text size="xs" c="dimmed">
          {f.dateTime(review.postedAt)}
          {touchpoint ? ` · ${touchpoint}` : ''}
        </Text>
      </Group>
      {review.text && (
        <Spoiler maxHeight={66} showLabel={t('item.more')} hideLabel={t('item.less')} mt={6}>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {review.text}
          </Text>
        </Spoiler>
      )}
      {review.reply ? (
        <Card bg="var(--mantine-color-gray-0)" padding="xs" mt={6} radius="sm">
          <Text size="xs" c="dimmed" mb={2}>
            {review.replyMs === null
              ? t('item.replied')
              : t('item.repliedAfter', { time: f.duration(review.replyMs) })}
          </Text>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {review.reply}
          </Text>
        </Card>
      ) : (
        <Text size="xs" c="orange" mt={6}>
          {t('item.unreplied')}
        </Text>
      )}
    </Card>
  );
}

export function ReviewsPage() {
  const { t } = useTranslation('reviews');
  const f = useFormat();
  const workspaceId = useWorkspaceId();
  const canEdit = useCanEdit();
  const [params, setParams] = useSearchParams();
  const [importing, setImporting] = useState(false);
  const [search, setSearch] = useState(params.get('q') ?? '');
  const tone = params.get('tone');
  const filter: ReviewFilter = {
    touchpointId: params.get('touchpoint') ?? undefined,
    site: params.get('site') ?? undefined,
    minScore: tone === 'positive' ? POSITIVE_REVIEW_SCORE : undefined,
    maxScore: tone === 'negative' ? NEGATIVE_REVIEW_SCORE : undefined,
    replied: params.get('replied') === 'yes' ? true : params.get('replied') === 'no' ? false : undefined,
    q: params.get('q') || undefined,
  };
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const setParam = (key: string, value: string | null | undefined) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        if (key !== 'page') next.delete('page');
        return next;
      },
      { replace: true },
    );
  const filtered = Boolean(filter.touchpointId || filter.site || tone || params.get('replied') || filter.q);

  const touchpoints = useReviewTouchpoints(workspaceId);
  const names = new Map((touchpoints.data ?? []).map((tp) => [tp.id, tp.name]));
  const summary = useReviewSummary(workspaceId, { touchpointId: filter.touchpointId });
  const reviews = useReviews(workspaceId, filter, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });

  return (
    <div data-testid="page-reviews">
      <PageHeader title={t('title')}>
        {canEdit && (
          <Button
            leftSection={<IconFileUpload size={16} />}
            onClick={() => setImporting(true)}
            // On a phone the label wraps rather than pushing the page sideways.
            styles={{
              root: { height: 'auto', minHeight: 36, maxWidth: '100%' },
              label: { whiteSpace: 'normal' },
            }}
            data-testid="review-import-open"
          >
            {t('import')}
          </Button>
        )}
      </PageHeader>
      <Text c="dimmed" size="sm" mb="md" maw={860}>
        {t('intro')}
      </Text>
      <QueryState query={summary}>
        {(s) =>
          s.overall.reviews > 0 ? (
            <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} mb="md" data-testid="review-summary">
              <FiguresCard title={t('summary.all')} figures={s.overall} testId="review-summary-all" />
              {s.sites.map((site) => (
                <FiguresCard
                  key={site.site}
                  title={site.site}
                  figures={site}
                  testId={`review-summary-site-${site.site}`}
                />
              ))}
            </SimpleGrid>
          ) : null
        }
      </QueryState>
      <Group gap="sm" mb="md" align="flex-end" wrap="wrap">
        <Select
          label={t('filter.touchpoint')}
          placeholder={t('filter.any')}
          clearable
          searchable
          w={{ base: '100%', xs: 220 }}
          data={(touchpoints.data ?? []).map((tp) => ({ value: tp.id, label: tp.name }))}
          value={filter.touchpointId ?? null}
          onChange={(value) => setParam('touchpoint', value)}
          data-testid="review-filter-touchpoint"
        />
        <Select
          label={t('filter.site')}
          placeholder={t('filter.any')}
          clearable
          w={{ base: '100%', xs: 160 }}
          data={(summary.data?.sites ?? []).map((s) => s.site)}
          value={filter.site ?? null}
          onChange={(value) => setParam('site', value)}
          data-testid="review-filter-site"
        />
        <Select
          label={t('filter.tone')}
          placeholder={t('filter.any')}
          clearable
          w={{ base: '100%', xs: 200 }}
          data={[
            { value: 'positive', label: t('filter.positive') },
            { value: 'negative', label: t('filter.negative') },
          ]}
          value={tone}
          onChange={(value) => setParam('tone', value)}
          data-testid="review-filter-tone"
        />
        <Select
          label={t('filter.replied')}
          placeholder={t('filter.any')}
          clearable
          w={{ base: '100%', xs: 160 }}
          data={[
            { value: 'yes', label: t('filter.repliedYes') },
            { value: 'no', label: t('filter.repliedNo') },
          ]}
          value={params.get('replied')}
          onChange={(value) => setParam('replied', value)}
          data-testid="review-filter-replied"
        />
        <form
          style={{ flex: '1 1 200px', minWidth: 0 }}
          onSubmit={(e) => {
            e.preventDefault();
            setParam('q', search.trim());
          }}
        >
          <TextInput
            label={t('filter.search')}
            placeholder={t('filter.searchPlaceholder')}
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            onBlur={() => setParam('q', search.trim())}
            data-testid="review-filter-search"
          />
        </form>
        {filtered && (
          <Button
            variant="subtle"
            size="xs"
            mb={4}
            onClick={() => {
              setSearch('');
              setParams((current) => {
                const next = new URLSearchParams(current);
                for (const key of ['touchpoint', 'site', 'tone', 'replied', 'q', 'page']) next.delete(key);
                return next;
              });
            }}
          >
            {t('filter.clear')}
          </Button>
        )}
      </Group>
      <QueryState query={reviews}>
        {(list) =>
          list.items.length === 0 ? (
            <Card withBorder>
              <Empty title={filtered ? t('noMatch') : t('empty')}>
                {filtered ? undefined : t('emptyHint')}
              </Empty>
            </Card>
          ) : (
            <Stack gap="sm">
              <Title order={2} size="h5" c="dimmed" fw={500} data-testid="review-count">
                {t('paging.showing', {
                  from: f.number(list.offset + 1),
                  to: f.number(list.offset + list.items.length),
                  total: f.number(list.total),
                })}
              </Title>
              {list.items.map((review) => (
                <ReviewCard key={review.id} review={review} touchpoint={names.get(review.touchpointId)} />
              ))}
              {list.total > PAGE_SIZE && (
                <Pagination
                  total={Math.ceil(list.total / PAGE_SIZE)}
                  value={page}
                  onChange={(p) => setParam('page', p === 1 ? null : String(p))}
                  siblings={0}
                  size="sm"
                  data-testid="review-pages"
                />
              )}
            </Stack>
          )
        }
      </QueryState>
      {canEdit && (
        <ReviewImportDialog
          workspaceId={workspaceId}
          opened={importing}
          onClose={() => setImporting(false)}
          touchpoints={touchpoints.data ?? []}
        />
      )}
    </div>
  );
}
