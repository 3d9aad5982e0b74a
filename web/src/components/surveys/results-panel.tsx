/**
 * What a survey's respondents said: how many answered, CSAT/NPS/CES, the scores week by week, the
 * distribution of each question's answers, the split by source and language, and the comments with
 * filters (rating, source, language, text) and paging. The CSV export holds every submission.
 */
import {
  Badge,
  Button,
  Card,
  Group,
  MultiSelect,
  Pagination,
  Progress,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconDownload, IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  FEEDBACK_SOURCES,
  type FeedbackSource,
  LANGUAGES,
  type Language,
  localText,
  SCORE_SCALES,
} from '../../../../src/domain/survey-model';
import {
  resultsCsvHref,
  type Survey,
  type SurveyResults,
  useSurveyComments,
  useSurveyResults,
} from '../../api/surveys';
import { type Formatters, useFormat } from '../../i18n/format';
import { DataTable, Stat } from '../analytics/analysis-parts';
import { COLOR_BAD, COLOR_GOOD, COLOR_NEUTRAL, SERIES_COLORS } from '../analytics/chart-style';
import { Chart, type ChartOption } from '../chart';
import { Empty, QueryState } from '../states';
import { SurveyContacts } from './survey-contacts';
import { useNarrow } from './use-narrow';

const PERIODS = [30, 90, 365] as const;
type Period = (typeof PERIODS)[number];
const COMMENTS_PER_PAGE = 20;
type RatingKind = 'csat' | 'nps' | 'ces';

/** CSAT and NPS scores come as percentages (0–100, −100–100). */
const score = (format: Formatters, value: number | null) => (value === null ? '–' : format.number(value, 0));

function WeeksChart({ results, format }: { results: SurveyResults; format: Formatters }) {
  const { t } = useTranslation('surveys');
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: results.weeks.map((w) => format.date(`${w.week}T00:00:00Z`)) },
      yAxis: [
        { type: 'value', minInterval: 1 },
        { type: 'value', min: -100, max: 100, splitLine: { show: false } },
      ],
      series: [
        {
          name: t('results.submissions'),
          type: 'bar',
          data: results.weeks.map((w) => w.submissions),
          itemStyle: { color: SERIES_COLORS[0] },
        },
        {
          name: 'CSAT',
          type: 'line',
          yAxisIndex: 1,
          connectNulls: true,
          data: results.weeks.map((w) => w.scores.csat.score),
          itemStyle: { color: COLOR_GOOD },
        },
        {
          name: 'NPS',
          type: 'line',
          yAxisIndex: 1,
          connectNulls: true,
          data: results.weeks.map((w) => w.scores.nps.score),
          itemStyle: { color: SERIES_COLORS[1] },
        },
      ],
    }),
    [results, format, t],
  );
  return (
    <Card withBorder padding="md" data-testid="results-weeks">
      <Title order={4} mb={4}>
        {t('results.weeks')}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t('results.weeksHint')}
      </Text>
      <Chart option={option} height={280} label={t('results.weeks')} />
    </Card>
  );
}

function Distribution({
  survey,
  results,
  language,
  format,
}: {
  survey: Survey;
  results: SurveyResults;
  language: Language;
  format: Formatters;
}) {
  const { t } = useTranslation('surveys');
  const questions = new Map(survey.questions.map((q) => [q.id, q]));
  return (
    <Card withBorder padding="md" data-testid="results-distribution">
      <Title order={4} mb="sm">
        {t('results.distribution')}
      </Title>
      <Stack gap="lg">
        {results.questions.map((result, index) => {
          const question = questions.get(result.questionId);
          const options = new Map((question?.options ?? []).map((o) => [o.key, o.text]));
          const highest = Math.max(1, ...result.distribution.map((d) => d.count));
          const label = (value: string) =>
            result.kind === 'choice'
              ? localText(options.get(value), language, survey.defaultLanguage) || value
              : value;
          const tone = (value: string) => {
            if (!(result.kind in SCORE_SCALES)) return SERIES_COLORS[0];
            const n = Number(value);
            if (result.kind === 'nps') return n >= 9 ? COLOR_GOOD : n >= 7 ? COLOR_NEUTRAL : COLOR_BAD;
            if (result.kind === 'csat') return n >= 4 ? COLOR_GOOD : n === 3 ? COLOR_NEUTRAL : COLOR_BAD;
            return n <= 3 ? COLOR_GOOD : n === 4 ? COLOR_NEUTRAL : COLOR_BAD;
          };
          return (
            <Stack
              key={result.questionId}
              gap={4}
              data-testid="results-question"
              data-question={result.questionId}
            >
              <Group justify="space-between" gap="xs" wrap="wrap">
                <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                  {question
                    ? `${index + 1}. ${localText(question.text, language, survey.defaultLanguage)}`
                    : `${result.questionId} (${t('results.removed')})`}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('results.answersOf', { n: format.number(result.answers) })}
                  {result.mean !== null && ` · ${t('results.mean')} ${format.number(result.mean, 1)}`}
                </Text>
              </Group>
              {result.kind === 'comment' ? (
                <Text size="xs" c="dimmed">
                  {t('results.commentsBelow')}
                </Text>
              ) : (
                result.distribution.map((d) => (
                  <Group key={d.value} gap="xs" wrap="nowrap" data-testid="results-bar" data-value={d.value}>
                    <Text
                      size="xs"
                      w={result.kind === 'choice' ? 120 : 28}
                      ta="right"
                      truncate="end"
                      title={label(d.value)}
                    >
                      {label(d.value)}
                    </Text>
                    <Progress
                      value={(d.count / highest) * 100}
                      color={tone(d.value)}
                      size="lg"
                      style={{ flex: 1, minWidth: 40 }}
                      aria-label={`${label(d.value)}: ${d.count}`}
                    />
                    <Text size="xs" w={36} ta="right" data-testid="results-count">
                      {format.number(d.count)}
                    </Text>
                  </Group>
                ))
              )}
            </Stack>
          );
        })}
      </Stack>
    </Card>
  );
}

function GroupTable({
  title,
  rows,
  format,
  testId,
}: {
  title: string;
  rows: { name: string; group: Pick<SurveyResults['bySource'][number], 'submissions' | 'scores'> }[];
  format: Formatters;
  testId: string;
}) {
  const { t } = useTranslation('surveys');
  return (
    <Card withBorder padding="md">
      <Title order={4} mb="sm">
        {title}
      </Title>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          –
        </Text>
      ) : (
        <DataTable label={title} minWidth={320} testId={testId}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              <Table.Th ta="right">{t('results.submissions')}</Table.Th>
              <Table.Th ta="right">CSAT</Table.Th>
              <Table.Th ta="right">NPS</Table.Th>
              <Table.Th ta="right">CES</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map(({ name, group }) => (
              <Table.Tr key={name}>
                <Table.Td>{name}</Table.Td>
                <Table.Td ta="right">{format.number(group.submissions)}</Table.Td>
                <Table.Td ta="right">{score(format, group.scores.csat.score)}</Table.Td>
                <Table.Td ta="right">{score(format, group.scores.nps.score)}</Table.Td>
                <Table.Td ta="right">{format.number(group.scores.ces.mean, 1)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </DataTable>
      )}
    </Card>
  );
}

function Comments({
  workspaceId,
  survey,
  period,
  format,
}: {
  workspaceId: string;
  survey: Survey;
  period: { from: string };
  format: Formatters;
}) {
  const { t } = useTranslation('surveys');
  const [kind, setKind] = useState<RatingKind | null>(null);
  const [scores, setScores] = useState<string[]>([]);
  const [source, setSource] = useState<FeedbackSource | null>(null);
  const [language, setLanguage] = useState<Language | null>(null);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = useState(1);
  const query = {
    ...period,
    kind: kind ?? undefined,
    score: kind && scores.length ? scores.join(',') : undefined,
    source: source ?? undefined,
    language: language ?? undefined,
    q: q || undefined,
    limit: COMMENTS_PER_PAGE,
    offset: (page - 1) * COMMENTS_PER_PAGE,
  };
  const comments = useSurveyComments(workspaceId, survey.id, query);
  const reset =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setPage(1);
    };
  const scale = kind ? SCORE_SCALES[kind] : null;
  const scaleValues = scale
    ? Array.from({ length: scale.max - scale.min + 1 }, (_, i) => String(scale.min + i))
    : [];
  const kinds = (['csat', 'nps', 'ces'] as const).filter((k) => survey.questions.some((q) => q.kind === k));

  return (
    <Card withBorder padding="md" data-testid="results-comments">
      <Title order={4} mb="sm">
        {t('results.comments')}
      </Title>
      <Group gap="sm" align="flex-end" mb="sm" wrap="wrap">
        <TextInput
          label={t('results.search')}
          leftSection={<IconSearch size={14} />}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setPage(1);
          }}
          w={200}
          maw="100%"
          data-testid="comments-search"
        />
        <Select
          label={t('results.ratingKind')}
          placeholder={t('results.any')}
          clearable
          w={130}
          maw="100%"
          data={kinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          value={kind}
          onChange={(v) => {
            reset(setKind)(v as RatingKind | null);
            setScores([]);
          }}
          data-testid="comments-kind"
        />
        <MultiSelect
          label={t('results.score')}
          placeholder={kind ? t('results.any') : t('results.pickKind')}
          disabled={!kind}
          w={180}
          maw="100%"
          data={scaleValues}
          value={scores}
          onChange={reset(setScores)}
          data-testid="comments-score"
        />
        <Select
          label={t('results.source')}
          placeholder={t('results.any')}
          clearable
          w={130}
          maw="100%"
          data={FEEDBACK_SOURCES.map((s) => ({ value: s, label: t(`source.${s}`) }))}
          value={source}
          onChange={(v) => reset(setSource)(v as FeedbackSource | null)}
          data-testid="comments-source"
        />
        <Select
          label={t('results.language')}
          placeholder={t('results.any')}
          clearable
          w={110}
          maw="100%"
          data={LANGUAGES.map((l) => ({ value: l, label: l.toUpperCase() }))}
          value={language}
          onChange={(v) => reset(setLanguage)(v as Language | null)}
          data-testid="comments-language"
        />
      </Group>
      <QueryState query={comments}>
        {(list) =>
          list.items.length === 0 ? (
            <Text size="sm" c="dimmed" data-testid="comments-empty">
              {t('results.noComments')}
            </Text>
          ) : (
            <Stack gap="xs">
              <Text size="xs" c="dimmed">
                {t('results.commentCount', { n: format.number(list.total) })}
              </Text>
              {list.items.map((comment) => (
                <Card key={comment.id} withBorder padding="xs" data-testid="comment-item">
                  <Group gap="xs" mb={4} wrap="wrap">
                    {comment.rating && (
                      <Badge variant="light" data-testid="comment-rating">
                        {`${comment.rating.kind.toUpperCase()} ${comment.rating.score}`}
                      </Badge>
                    )}
                    {comment.source && (
                      <Badge variant="outline" color="gray">
                        {t(`source.${comment.source as FeedbackSource}`, { defaultValue: comment.source })}
                      </Badge>
                    )}
                    {comment.language && (
                      <Badge variant="outline" color="gray">
                        {comment.language.toUpperCase()}
                      </Badge>
                    )}
                    <Text size="xs" c="dimmed">
                      {format.dateTime(comment.at)}
                    </Text>
                  </Group>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                    {comment.comment}
                  </Text>
                </Card>
              ))}
              {list.total > COMMENTS_PER_PAGE && (
                <Pagination
                  total={Math.ceil(list.total / COMMENTS_PER_PAGE)}
                  value={page}
                  onChange={setPage}
                  size="sm"
                  siblings={0}
                  data-testid="comments-pages"
                />
              )}
            </Stack>
          )
        }
      </QueryState>
    </Card>
  );
}

export function ResultsPanel({
  workspaceId,
  survey,
  language,
  canEdit,
}: {
  workspaceId: string;
  survey: Survey;
  /** The language the questions and options are shown in. */
  language: Language;
  canEdit: boolean;
}) {
  const { t } = useTranslation('surveys');
  const format = useFormat();
  const narrow = useNarrow();
  const [days, setDays] = useState<Period>(90);
  // One `from` per choice of period (not per render): the queries keep their keys.
  const period = useMemo(() => ({ from: new Date(Date.now() - days * 86_400_000).toISOString() }), [days]);
  const results = useSurveyResults(workspaceId, survey.id, period);

  return (
    <Stack gap="md" data-testid="results-panel">
      <Group justify="space-between" gap="sm" wrap="wrap">
        <SegmentedControl
          orientation={narrow ? 'vertical' : 'horizontal'}
          aria-label={t('results.period')}
          value={String(days)}
          onChange={(v) => setDays(Number(v) as Period)}
          data={PERIODS.map((d) => ({ value: String(d), label: t(`results.days${d}`) }))}
          data-testid="results-period"
        />
        <Button
          component="a"
          href={resultsCsvHref(workspaceId, survey.id, period)}
          download
          variant="default"
          leftSection={<IconDownload size={16} />}
          data-testid="results-csv"
        >
          {t('results.csv')}
        </Button>
      </Group>
      <QueryState query={results}>
        {(data) => (
          <Stack gap="md">
            <SimpleGrid cols={{ base: 1, xs: 2, sm: 3, lg: 6 }} spacing="sm" data-testid="results-stats">
              <Stat label={t('results.submissions')} value={format.number(data.submissions)} />
              <Stat label={t('results.answers')} value={format.number(data.answers)} />
              <Stat label={t('results.comments')} value={format.number(data.comments)} />
              <Stat
                label="CSAT"
                value={<span data-testid="results-csat">{score(format, data.scores.csat.score)}</span>}
                hint={t('results.csatHint', { n: format.number(data.scores.csat.answers) })}
              />
              <Stat
                label="NPS"
                value={<span data-testid="results-nps">{score(format, data.scores.nps.score)}</span>}
                hint={t('results.npsHint', { n: format.number(data.scores.nps.answers) })}
              />
              <Stat
                label="CES"
                value={<span data-testid="results-ces">{format.number(data.scores.ces.mean, 1)}</span>}
                hint={t('results.cesHint', { n: format.number(data.scores.ces.answers) })}
              />
            </SimpleGrid>
            {data.submissions === 0 ? (
              <Card withBorder>
                <Empty title={t('results.none')}>{t('results.noneHint')}</Empty>
              </Card>
            ) : (
              <>
                <WeeksChart results={data} format={format} />
                <Distribution survey={survey} results={data} language={language} format={format} />
                <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
                  <GroupTable
                    title={t('results.bySource')}
                    rows={data.bySource.map((g) => ({
                      name: t(`source.${g.source as FeedbackSource}`, { defaultValue: g.source }),
                      group: g,
                    }))}
                    format={format}
                    testId="results-by-source"
                  />
                  <GroupTable
                    title={t('results.byLanguage')}
                    rows={data.byLanguage.map((g) => ({
                      name: g.language ? g.language.toUpperCase() : t('results.unknownLanguage'),
                      group: g,
                    }))}
                    format={format}
                    testId="results-by-language"
                  />
                </SimpleGrid>
              </>
            )}
          </Stack>
        )}
      </QueryState>
      <Comments workspaceId={workspaceId} survey={survey} period={period} format={format} />
      <SurveyContacts workspaceId={workspaceId} survey={survey} canEdit={canEdit} />
    </Stack>
  );
}
