/**
 * Creating or editing a checklist: name, description, the journey it walks, and its criteria as one
 * ordered list — each with its text, what it is about (a touchpoint or a stage), its scale (yes/no,
 * 1–5, or a measured number with a target, comparator and unit) and its weight; criteria move up
 * and down. The API's field errors show at their fields (`criteria.2.target` at that target).
 */
import {
  ActionIcon,
  Button,
  Card,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_SCALES, type AuditScale } from '../../../../src/domain/audit-scoring';
import { DEFAULT_STAGE_KEYS } from '../../../../src/domain/vocabulary';
import {
  type AuditChecklist,
  type AuditChecklistCreate,
  type AuditCriterionInput,
  useAuditMutation,
} from '../../api/audits';
import { ApiError, api, ws } from '../../api/client';
import type { JourneyMap, Touchpoint } from '../../api/types';
import { fetchAll } from '../../api/workspace-lists';
import { useJourneys } from '../chains/queries';
import { DialogActions } from '../dialog-actions';
import { useNames } from '../names';
import { stageName } from './criterion-format';

interface CriterionForm {
  id?: string | undefined;
  /** A stable React key (new criteria have no id yet). */
  key: string;
  text: string;
  on: 'touchpoint' | 'stage';
  touchpointId: string | null;
  stageKey: string | null;
  scale: AuditScale;
  target: number | string;
  comparator: 'lte' | 'gte';
  unit: string;
  weight: number | string;
}

let nextKey = 0;
const newKey = () => `new-${++nextKey}`;

function emptyCriterion(): CriterionForm {
  return {
    key: newKey(),
    text: '',
    on: 'touchpoint',
    touchpointId: null,
    stageKey: null,
    scale: 'yes_no',
    target: '',
    comparator: 'lte',
    unit: '',
    weight: 1,
  };
}

function fromChecklist(checklist: AuditChecklist | undefined): CriterionForm[] {
  if (!checklist) return [emptyCriterion()];
  return checklist.criteria.map((c) => ({
    id: c.id,
    key: c.id,
    text: c.text,
    on: c.touchpointId || !c.stageKey ? 'touchpoint' : 'stage',
    touchpointId: c.touchpointId,
    stageKey: c.stageKey,
    scale: c.scale,
    target: c.target ?? '',
    comparator: c.comparator ?? 'lte',
    unit: c.unit,
    weight: c.weight,
  }));
}

function toInput(c: CriterionForm): AuditCriterionInput {
  const number = c.scale === 'number';
  return {
    ...(c.id ? { id: c.id } : {}),
    text: c.text,
    touchpointId: c.on === 'touchpoint' ? c.touchpointId : null,
    stageKey: c.on === 'stage' ? c.stageKey : null,
    scale: c.scale,
    target: number ? (c.target === '' ? null : Number(c.target)) : null,
    comparator: number ? c.comparator : null,
    unit: number ? c.unit : '',
    weight: c.weight === '' ? 1 : Number(c.weight),
  };
}

interface EditorProps {
  workspaceId: string;
  checklist?: AuditChecklist | undefined;
  onClose: () => void;
}

function EditorForm({ workspaceId, checklist, onClose }: EditorProps) {
  const { t } = useTranslation('audits');
  const [name, setName] = useState(checklist?.name ?? '');
  const [description, setDescription] = useState(checklist?.description ?? '');
  const [journeyId, setJourneyId] = useState<string | null>(checklist?.journeyId ?? null);
  const [criteria, setCriteria] = useState<CriterionForm[]>(() => fromChecklist(checklist));
  const journeys = useJourneys(workspaceId);
  const names = useNames();
  const touchpoints = useQuery({
    queryKey: ['touchpoints', workspaceId, 'all-for-audits'],
    queryFn: () => fetchAll<Touchpoint>(ws(workspaceId, '/touchpoints'), { sort: 'name' }),
    staleTime: 30_000,
  });
  const journey = useQuery({
    queryKey: ['journeys', workspaceId, 'map-for-audits', journeyId],
    queryFn: () => api.get<JourneyMap>(ws(workspaceId, `/journeys/${journeyId}`)),
    enabled: Boolean(journeyId),
  });
  const stageOptions = journey.data
    ? journey.data.stages.map((s) => ({ value: s.key, label: names.stage(s) }))
    : DEFAULT_STAGE_KEYS.map((key) => ({ value: key, label: stageName(key) }));
  const save = useAuditMutation(workspaceId, (body: AuditChecklistCreate) =>
    checklist
      ? api.patch<AuditChecklist>(ws(workspaceId, `/audit-checklists/${checklist.id}`), {
          ...body,
          version: checklist.version,
        })
      : api.post<AuditChecklist>(ws(workspaceId, '/audit-checklists'), body),
  );
  const errors = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const named = save.error instanceof ApiError ? (save.error.body as { field?: unknown }).field : undefined;
  if (typeof named === 'string' && save.error) errors[named] ??= save.error.message;
  const shownAt = (field: string) => errors[field];
  const atCriterion = (index: number, field: string) => errors[`criteria.${index}.${field}`];
  const known = (field: string) =>
    ['name', 'description', 'journeyId'].includes(field) || /^criteria\.\d+\.\w+$/.test(field);
  const other = save.error && !Object.keys(errors).some(known) ? save.error.message : undefined;

  const update = (index: number, change: Partial<CriterionForm>) =>
    setCriteria((list) => list.map((c, i) => (i === index ? { ...c, ...change } : c)));
  const move = (index: number, by: number) =>
    setCriteria((list) => {
      const next = [...list];
      const [item] = next.splice(index, 1);
      if (item) next.splice(index + by, 0, item);
      return next;
    });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      { name, description, journeyId, criteria: criteria.map(toInput) },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('checklists.saved') });
          onClose();
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput
          label={t('checklists.name')}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={shownAt('name')}
          data-testid="checklist-name"
        />
        <Textarea
          label={t('checklists.description')}
          autosize
          minRows={1}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          error={shownAt('description')}
        />
        <Select
          label={t('checklists.journey')}
          description={t('checklists.journeyHint')}
          clearable
          data={(journeys.data?.items ?? []).map((j) => ({ value: j.id, label: j.name }))}
          value={journeyId}
          onChange={setJourneyId}
          error={shownAt('journeyId')}
        />
        <Title order={5} mt="xs">
          {t('checklists.criteria')}
        </Title>
        {shownAt('criteria') && (
          <Text c="red" size="sm">
            {shownAt('criteria')}
          </Text>
        )}
        {criteria.map((c, index) => (
          <Card key={c.key} withBorder p="sm" data-testid="criterion-row">
            <Stack gap="xs">
              <Group gap="xs" wrap="nowrap" align="flex-start">
                <Text fw={600} size="sm" mt={8} w={24}>
                  {index + 1}.
                </Text>
                <TextInput
                  style={{ flex: 1 }}
                  aria-label={t('checklists.text')}
                  placeholder={t('checklists.textPlaceholder')}
                  value={c.text}
                  onChange={(e) => update(index, { text: e.currentTarget.value })}
                  error={atCriterion(index, 'text')}
                  data-testid="criterion-text"
                />
                <ActionIcon
                  variant="subtle"
                  mt={4}
                  disabled={index === 0}
                  onClick={() => move(index, -1)}
                  aria-label={t('checklists.moveUp')}
                  data-testid="criterion-up"
                >
                  <IconArrowUp size={16} />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  mt={4}
                  disabled={index === criteria.length - 1}
                  onClick={() => move(index, 1)}
                  aria-label={t('checklists.moveDown')}
                  data-testid="criterion-down"
                >
                  <IconArrowDown size={16} />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  mt={4}
                  disabled={criteria.length === 1}
                  onClick={() => setCriteria((list) => list.filter((_, i) => i !== index))}
                  aria-label={t('checklists.removeCriterion')}
                  data-testid="criterion-remove"
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
                <SegmentedControl
                  size="xs"
                  value={c.on}
                  onChange={(value) => update(index, { on: value as CriterionForm['on'] })}
                  data={[
                    { value: 'touchpoint', label: t('checklists.onTouchpoint') },
                    { value: 'stage', label: t('checklists.onStage') },
                  ]}
                  aria-label={t('checklists.about')}
                />
                {c.on === 'touchpoint' ? (
                  <Select
                    size="xs"
                    aria-label={t('checklists.touchpoint')}
                    placeholder={t('checklists.touchpoint')}
                    searchable
                    clearable
                    data={(touchpoints.data ?? []).map((tp) => ({ value: tp.id, label: tp.name }))}
                    value={c.touchpointId}
                    onChange={(value) => update(index, { touchpointId: value })}
                    error={atCriterion(index, 'touchpointId')}
                    data-testid="criterion-touchpoint"
                  />
                ) : (
                  <Select
                    size="xs"
                    aria-label={t('checklists.stage')}
                    placeholder={t('checklists.stage')}
                    clearable
                    data={stageOptions}
                    value={c.stageKey}
                    onChange={(value) => update(index, { stageKey: value })}
                    error={atCriterion(index, 'stageKey')}
                    data-testid="criterion-stage"
                  />
                )}
                <Select
                  size="xs"
                  aria-label={t('checklists.scale')}
                  allowDeselect={false}
                  data={AUDIT_SCALES.map((s) => ({ value: s, label: t(`scale.${s}`) }))}
                  value={c.scale}
                  onChange={(value) => update(index, { scale: (value ?? 'yes_no') as AuditScale })}
                  error={atCriterion(index, 'scale')}
                  data-testid="criterion-scale"
                />
              </SimpleGrid>
              <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
                {c.scale === 'number' && (
                  <>
                    <Select
                      size="xs"
                      label={t('checklists.comparator')}
                      allowDeselect={false}
                      data={[
                        { value: 'lte', label: t('comparator.lte') },
                        { value: 'gte', label: t('comparator.gte') },
                      ]}
                      value={c.comparator}
                      onChange={(value) => update(index, { comparator: value === 'gte' ? 'gte' : 'lte' })}
                      error={atCriterion(index, 'comparator')}
                    />
                    <NumberInput
                      size="xs"
                      label={t('checklists.target')}
                      value={c.target}
                      onChange={(value) => update(index, { target: value })}
                      error={atCriterion(index, 'target')}
                      data-testid="criterion-target"
                    />
                    <TextInput
                      size="xs"
                      label={t('checklists.unit')}
                      placeholder="s, min, %"
                      value={c.unit}
                      onChange={(e) => update(index, { unit: e.currentTarget.value })}
                      error={atCriterion(index, 'unit')}
                    />
                  </>
                )}
                <NumberInput
                  size="xs"
                  label={t('checklists.weight')}
                  min={0.1}
                  max={100}
                  decimalScale={2}
                  value={c.weight}
                  onChange={(value) => update(index, { weight: value })}
                  error={atCriterion(index, 'weight')}
                  data-testid="criterion-weight"
                />
              </SimpleGrid>
            </Stack>
          </Card>
        ))}
        <Button
          variant="light"
          leftSection={<IconPlus size={16} />}
          onClick={() => setCriteria((list) => [...list, emptyCriterion()])}
          data-testid="criterion-add"
        >
          {t('checklists.addCriterion')}
        </Button>
        <DialogActions
          error={other}
          errorTestId="checklist-error"
          onCancel={onClose}
          label={t('checklists.save')}
          pending={save.isPending}
          testId="checklist-save"
        />
      </Stack>
    </form>
  );
}

export function ChecklistEditor({ opened, ...props }: EditorProps & { opened: boolean }) {
  const { t } = useTranslation('audits');
  return (
    <Modal
      opened={opened}
      onClose={props.onClose}
      title={<Title order={4}>{props.checklist ? t('checklists.edit') : t('checklists.create')}</Title>}
      size="xl"
    >
      {opened && <EditorForm {...props} />}
    </Modal>
  );
}
