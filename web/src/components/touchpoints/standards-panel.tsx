/** Standards of one touchpoint (SPEC §3, law 3): a target per metric, listed, added, edited, deleted. */
import {
  ActionIcon,
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultComparator, type StandardMetric } from '../../../../src/domain/standard-rules';
import { COMPARATORS, STANDARD_METRICS } from '../../../../src/domain/vocabulary';
import { api, ws } from '../../api/client';
import type { Page, Standard, StandardCreate, Touchpoint } from '../../api/types';
import { useFormat } from '../../i18n/format';
import { useCanEdit, useWorkspaceId } from '../../state/session';
import { Empty, ErrorState, errorMessage, Loading } from '../states';
import { CreateTaskButton, isOpenTask, TaskLinks } from '../tasks/object-tasks';
import { useTasks } from '../tasks/queries';
import { fieldErrorsOf, isVersionConflict } from './form-errors';

/** Interaction times, entered in seconds. */
const SECOND_METRICS = new Set<string>(['response_ms', 'wait_ms', 'duration_ms']);
/** Complaint and review times (measured from the catalog), entered in hours. */
const HOUR_METRICS = new Set<string>([
  'complaint_first_response_ms',
  'complaint_resolution_ms',
  'review_reply_ms',
]);
const TIME_METRICS = new Set<string>([...SECOND_METRICS, ...HOUR_METRICS]);
/** Milliseconds per unit of the target field of a time metric. */
const unitMs = (metric: string) => (HOUR_METRICS.has(metric) ? 3_600_000 : 1000);

interface StandardForm {
  name: string;
  metric: StandardMetric;
  prop: string;
  comparator: string | null;
  /** Seconds (interaction times) or hours (complaint and review times), the metric's own unit otherwise. */
  target: number | string;
  /** Percent. */
  requiredShare: number | string;
}

const NEW_STANDARD: StandardForm = {
  name: '',
  metric: 'response_ms',
  prop: '',
  comparator: 'lte',
  target: '',
  requiredShare: 90,
};

function formOf(s: Standard): StandardForm {
  return {
    name: s.name,
    metric: s.metric,
    prop: s.prop ?? '',
    comparator: s.comparator,
    target: TIME_METRICS.has(s.metric) ? s.target / unitMs(s.metric) : s.target,
    requiredShare: Math.round(s.requiredShare * 1000) / 10,
  };
}

function bodyOf(form: StandardForm) {
  const target = form.target === '' ? Number.NaN : Number(form.target);
  return {
    name: form.name,
    metric: form.metric,
    prop: form.metric === 'prop' ? form.prop : null,
    ...(form.comparator ? { comparator: form.comparator as 'lte' | 'gte' } : {}),
    target: TIME_METRICS.has(form.metric) ? Math.round(target * unitMs(form.metric)) : target,
    requiredShare: Number(form.requiredShare) / 100,
  };
}

function useStandardText() {
  const { t } = useTranslation(['touchpoints', 'common']);
  const format = useFormat();
  return (s: Standard) => {
    const target = TIME_METRICS.has(s.metric)
      ? format.duration(s.target)
      : s.metric === 'negative_share'
        ? format.percent(s.target)
        : format.number(s.target, 2);
    return t('standards.rule', {
      comparator: t(`standards.${s.comparator}`),
      target,
      share: format.percent(s.requiredShare),
    });
  };
}

function StandardEditor({
  touchpoint,
  standard,
  onDone,
}: {
  touchpoint: Touchpoint;
  standard: Standard | null;
  onDone: () => void;
}) {
  const { t } = useTranslation(['touchpoints', 'common']);
  const workspaceId = useWorkspaceId();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<StandardForm>(() => (standard ? formOf(standard) : NEW_STANDARD));
  const save = useMutation({
    mutationFn: () =>
      standard
        ? api.patch<Standard>(ws(workspaceId, `/standards/${standard.id}`), {
            ...bodyOf(form),
            version: standard.version,
          })
        : api.post<Standard>(ws(workspaceId, '/standards'), {
            ...bodyOf(form),
            touchpointId: touchpoint.id,
          } satisfies StandardCreate),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['standards', workspaceId] });
      onDone();
    },
    onError: async (error) => {
      if (isVersionConflict(error))
        await queryClient.invalidateQueries({ queryKey: ['standards', workspaceId] });
    },
  });
  const errors = fieldErrorsOf(save.error);
  const set = (changes: Partial<StandardForm>) => setForm((current) => ({ ...current, ...changes }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    event.stopPropagation();
    save.mutate();
  };
  const targetLabel = HOUR_METRICS.has(form.metric)
    ? t('standards.targetHours')
    : SECOND_METRICS.has(form.metric)
      ? t('standards.targetSeconds')
      : t('standards.target');
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} data-testid="standard-form">
      <Stack gap="sm">
        <Title order={5}>{standard ? t('standards.editTitle') : t('standards.add')}</Title>
        {save.isError && isVersionConflict(save.error) && (
          <Alert color="yellow" role="alert">
            {t('common:state.conflict')}
          </Alert>
        )}
        {save.isError && !isVersionConflict(save.error) && !Object.keys(errors).length && (
          <Alert color="red" role="alert">
            {errorMessage(save.error)}
          </Alert>
        )}
        <TextInput
          label={t('standards.name')}
          required
          value={form.name}
          error={errors.name}
          onChange={(e) => set({ name: e.currentTarget.value })}
        />
        <SimpleGrid cols={2} spacing="sm">
          <Select
            label={t('standards.metric')}
            allowDeselect={false}
            data={STANDARD_METRICS.map((m) => ({ value: m, label: t(`standards.metrics.${m}`) }))}
            value={form.metric}
            error={errors.metric}
            onChange={(value) => {
              if (!value) return;
              const metric = value as StandardMetric;
              set({ metric, comparator: defaultComparator(metric) ?? null });
            }}
            comboboxProps={{ withinPortal: true }}
          />
          {form.metric === 'prop' && (
            <TextInput
              label={t('standards.prop')}
              required
              value={form.prop}
              error={errors.prop}
              onChange={(e) => set({ prop: e.currentTarget.value })}
            />
          )}
          <Select
            label={t('standards.comparator')}
            data={COMPARATORS.map((c) => ({ value: c, label: t(`standards.${c}`) }))}
            value={form.comparator}
            error={errors.comparator}
            onChange={(comparator) => set({ comparator })}
            comboboxProps={{ withinPortal: true }}
          />
          <NumberInput
            label={targetLabel}
            required
            value={form.target}
            error={errors.target}
            decimalScale={3}
            onChange={(target) => set({ target })}
          />
          <NumberInput
            label={t('standards.requiredShare')}
            min={0}
            max={100}
            suffix=" %"
            value={form.requiredShare}
            error={errors.requiredShare}
            onChange={(requiredShare) => set({ requiredShare })}
          />
        </SimpleGrid>
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onDone}>
            {t('common:action.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="standard-save">
            {t('common:action.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** The open tasks of one standard and "Create task" for it (law 3: a failing standard gets a task). */
function StandardTasks({ standard }: { standard: Standard }) {
  const { t } = useTranslation('tasks');
  const workspaceId = useWorkspaceId();
  const tasks = useTasks(workspaceId, { standardId: standard.id });
  const open = (tasks.data ?? []).filter(isOpenTask);
  return (
    <Stack gap={4} data-testid="standard-tasks">
      {open.length > 0 && <TaskLinks workspaceId={workspaceId} tasks={open} />}
      <Group>
        <CreateTaskButton
          workspaceId={workspaceId}
          targets={{ standardId: standard.id, touchpointId: standard.touchpointId }}
          lever="staff_qualification"
          label={`${t('createTask')}: ${standard.name}`}
          compact
        />
      </Group>
    </Stack>
  );
}

export function StandardsPanel({ touchpoint }: { touchpoint: Touchpoint }) {
  const { t } = useTranslation(['touchpoints', 'common', 'tasks']);
  const workspaceId = useWorkspaceId();
  const queryClient = useQueryClient();
  const canEdit = useCanEdit();
  const describe = useStandardText();
  const [editing, setEditing] = useState<Standard | 'new' | null>(null);
  const standards = useQuery({
    queryKey: ['standards', workspaceId, touchpoint.id],
    queryFn: () =>
      api.get<Page<Standard>>(ws(workspaceId, '/standards'), { touchpointId: touchpoint.id, limit: 500 }),
  });
  const remove = useMutation({
    mutationFn: (s: Standard) => api.delete(ws(workspaceId, `/standards/${s.id}`)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['standards', workspaceId] }),
  });
  if (standards.isPending) return <Loading />;
  if (standards.isError)
    return <ErrorState error={standards.error} onRetry={() => void standards.refetch()} />;
  const items = standards.data.items;
  const addButton = canEdit && editing === null && (
    <Button leftSection={<IconPlus size={16} />} variant="light" onClick={() => setEditing('new')}>
      {t('standards.add')}
    </Button>
  );
  return (
    <Stack data-testid="standards-panel">
      {remove.isError && (
        <Alert color="red" role="alert">
          {errorMessage(remove.error)}
        </Alert>
      )}
      {items.length === 0 && editing === null ? (
        <Empty title={t('standards.empty')} action={addButton}>
          {t('standards.emptyHint')}
        </Empty>
      ) : (
        items.length > 0 && (
          <Table data-testid="standards-table" verticalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('standards.name')}</Table.Th>
                <Table.Th>{t('standards.metric')}</Table.Th>
                <Table.Th>{t('standards.target')}</Table.Th>
                <Table.Th>{t('tasks:title')}</Table.Th>
                {canEdit && <Table.Th w={80} />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {s.name}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {t(`standards.metrics.${s.metric}`)}
                      {s.prop ? ` · ${s.prop}` : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{describe(s)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <StandardTasks standard={s} />
                  </Table.Td>
                  {canEdit && (
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <ActionIcon
                          variant="subtle"
                          aria-label={t('standards.editLabel', { name: s.name })}
                          onClick={() => setEditing(s)}
                        >
                          <IconPencil size={16} />
                        </ActionIcon>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t('standards.deleteLabel', { name: s.name })}
                          loading={remove.isPending && remove.variables?.id === s.id}
                          onClick={() => remove.mutate(s)}
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )
      )}
      {items.length > 0 && addButton && <Group>{addButton}</Group>}
      {editing !== null && (
        <StandardEditor
          key={editing === 'new' ? 'new' : editing.id}
          touchpoint={touchpoint}
          standard={editing === 'new' ? null : editing}
          onDone={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}
