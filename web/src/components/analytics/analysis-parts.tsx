/** Building blocks shared by the analyses: a chart card with its numbers, key figures, empty state. */
import {
  Badge,
  Button,
  Card,
  Collapse,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconSelector, IconTable } from '@tabler/icons-react';
import { Children, type ReactNode, useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAnalyticsFilter } from '../../state/period';
import { Empty } from '../states';

/** A titled card: the chart, and its numbers as a table behind a toggle (or always, with `tableOpen`). */
export function ChartCard({
  title,
  description,
  actions,
  chart,
  table,
  testId,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  chart: ReactNode;
  table?: ReactNode;
  testId?: string;
}) {
  const { t } = useTranslation('analytics');
  const [open, setOpen] = useState(false);
  const tableId = useId();
  return (
    <Card withBorder padding="md" data-testid={testId}>
      <Group justify="space-between" align="start" mb="xs" wrap="nowrap">
        <div>
          <Title order={4}>{title}</Title>
          {description && (
            <Text size="sm" c="dimmed" mt={2}>
              {description}
            </Text>
          )}
        </div>
        {actions && (
          <Group gap="sm" wrap="nowrap">
            {actions}
          </Group>
        )}
      </Group>
      {chart}
      {table && (
        <>
          <Group justify="flex-end" mt="xs">
            <Button
              variant="subtle"
              size="xs"
              leftSection={<IconTable size={16} />}
              rightSection={open ? <IconChevronUp size={14} /> : <IconChevronDown size={14} />}
              aria-expanded={open}
              aria-controls={tableId}
              onClick={() => setOpen((o) => !o)}
            >
              {open ? t('hideNumbers') : t('showNumbers')}
            </Button>
          </Group>
          <Collapse expanded={open} id={tableId} keepMounted={false}>
            {table}
          </Collapse>
        </>
      )}
    </Card>
  );
}

/** A card holding a table as the main content. */
export function TableCard({
  title,
  description,
  actions,
  children,
  testId,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Card withBorder padding="md" data-testid={testId}>
      <Group justify="space-between" align="start" mb="sm" wrap="nowrap">
        <div>
          <Title order={4}>{title}</Title>
          {description && (
            <Text size="sm" c="dimmed" mt={2}>
              {description}
            </Text>
          )}
        </div>
        {actions && (
          <Group gap="sm" wrap="nowrap">
            {actions}
          </Group>
        )}
      </Group>
      {children}
    </Card>
  );
}

/** A table that scrolls sideways instead of overflowing a narrow window. */
export function DataTable({
  label,
  minWidth = 600,
  children,
  testId,
}: {
  label: string;
  minWidth?: number;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table striped highlightOnHover verticalSpacing={6} aria-label={label} data-testid={testId}>
        {children}
      </Table>
    </Table.ScrollContainer>
  );
}

/** A column heading that sorts the table when pressed. */
export function SortHeader({
  children,
  active,
  onSort,
  align = 'right',
  tooltip,
}: {
  children: ReactNode;
  active: boolean;
  onSort: () => void;
  align?: 'left' | 'right';
  /** What the column means, shown on hover and keyboard focus. */
  tooltip?: string;
}) {
  const button = (
    <UnstyledButton onClick={onSort} fw={700} fz="sm">
      <Group gap={4} wrap="nowrap" justify={align === 'right' ? 'flex-end' : 'flex-start'}>
        {children}
        {active ? <IconChevronDown size={14} /> : <IconSelector size={14} opacity={0.5} />}
      </Group>
    </UnstyledButton>
  );
  return (
    <Table.Th ta={align} aria-sort={active ? 'descending' : 'none'}>
      {tooltip ? (
        <Tooltip
          label={tooltip}
          multiline
          w={280}
          withArrow
          events={{ hover: true, focus: true, touch: false }}
        >
          {button}
        </Tooltip>
      ) : (
        button
      )}
    </Table.Th>
  );
}

/** One key figure. */
export function Stat({ label, value, hint }: { label: string; value: ReactNode; hint?: ReactNode }) {
  return (
    <Paper withBorder p="sm" radius="sm">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} mt={2} data-testid="stat-value">
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Paper>
  );
}

/** Key figures in one row from 1200 px wide (the narrowest supported width is 1280 px). */
export function StatGrid({ children }: { children: ReactNode }) {
  const count = Children.toArray(children).length;
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: Math.max(3, count) }} spacing="sm">
      {children}
    </SimpleGrid>
  );
}

/** The explanation at the top of an analysis. */
export function AnalysisIntro({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" c="dimmed" maw={900}>
      {children}
    </Text>
  );
}

/**
 * Nothing measured in the period (or, with `conversions`, no conversion): where the data comes from.
 * With a stage filter set, says that the filter is why, and offers to clear it.
 */
export function NoInteractions({ workspaceId, conversions }: { workspaceId: string; conversions?: boolean }) {
  const { t } = useTranslation('analytics');
  const { filter, setFilter } = useAnalyticsFilter();
  const stageName = useStageName();
  if (filter.stage)
    return (
      <Empty
        title={t('empty.stageTitle', {
          stage: filter.stage
            .split(',')
            .map((key) => stageName(key))
            .join(', '),
        })}
        action={
          <Group gap="sm" justify="center">
            <Button variant="light" onClick={() => setFilter({ stage: '' })} data-testid="clear-stage-filter">
              {t('empty.clearStage')}
            </Button>
            <Button component={Link} to={`/w/${workspaceId}/data`} variant="default">
              {t('empty.action')}
            </Button>
          </Group>
        }
      >
        {t('empty.stageHint')}
      </Empty>
    );
  return (
    <Empty
      title={conversions ? t('empty.noConversionsTitle') : t('empty.title')}
      action={
        <Button component={Link} to={`/w/${workspaceId}/data`} variant="light">
          {t('empty.action')}
        </Button>
      }
    >
      {conversions ? t('empty.noConversionsHint') : t('empty.hint')}
    </Empty>
  );
}

/** Pass, fail, or not measured. */
export function PassBadge({ passed }: { passed: boolean | null }) {
  const { t } = useTranslation('analytics');
  if (passed === null)
    return (
      <Badge color="gray" variant="light">
        {t('standards.noData')}
      </Badge>
    );
  return passed ? (
    <Badge color="green" variant="light" data-testid="badge-pass">
      {t('standards.pass')}
    </Badge>
  ) : (
    <Badge color="red" variant="light" data-testid="badge-fail">
      {t('standards.fail')}
    </Badge>
  );
}

/** The default journey stages in the UI language; other stages keep their catalog name. */
export function useStageName() {
  const { t } = useTranslation('analytics');
  return useCallback(
    (key: string | null, fallback?: string | null): string => {
      if (key === null) return t('noStage');
      switch (key) {
        case 'need_recognition':
        case 'information_search':
        case 'comparison':
        case 'purchase':
        case 'post_purchase':
          return t(`stages.${key}`);
        default:
          return fallback ?? key;
      }
    },
    [t],
  );
}

/** Stacks the parts of an analysis with even spacing; dimmed while a changed filter is loading. */
export function AnalysisStack({
  children,
  testId,
  busy,
}: {
  children: ReactNode;
  testId: string;
  busy?: boolean;
}) {
  return (
    <Stack
      gap="md"
      data-testid={testId}
      aria-busy={busy}
      style={{ opacity: busy ? 0.6 : 1, transition: 'opacity 150ms' }}
    >
      {children}
    </Stack>
  );
}
