/**
 * Creating or editing a task: title, description, lever, owner (a member), due date, priority, the
 * targets (touchpoint, chain and link, journey and stage, standard) and the verification window.
 * The API's field errors show at their fields (`targets.standardId` at the standard picker).
 */
import { Modal, NumberInput, Select, SimpleGrid, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_TASK_WINDOW_DAYS, TASK_TARGET_FIELDS } from '../../../../src/domain/task-rules';
import { LEVERS } from '../../../../src/domain/vocabulary';
import { ApiError } from '../../api/client';
import type { Task, TaskCreate } from '../../api/types';
import { useMembers } from '../../api/workspace-lists';
import { DialogActions } from '../dialog-actions';
import { type Lever, setTargets, type TaskDraft, type TaskTargets, useSaveTask } from './queries';
import { useTargetOptions } from './targets';

interface Form {
  title: string;
  description: string;
  lever: Lever | null;
  ownerUserId: string | null;
  dueDate: string;
  priority: string;
  targets: Partial<Record<keyof TaskTargets, string>>;
  windowDays: number | string;
  conversionRiseTarget: number | string;
}

function initial(task: Task | undefined, draft: TaskDraft | undefined): Form {
  return {
    title: task?.title ?? draft?.title ?? '',
    description: task?.description ?? '',
    lever: task?.lever ?? draft?.lever ?? null,
    ownerUserId: task?.ownerUserId ?? null,
    dueDate: task?.dueDate ?? '',
    priority: String(task?.priority ?? 3),
    targets: setTargets(task?.targets ?? draft?.targets),
    windowDays: task?.windowDays ?? DEFAULT_TASK_WINDOW_DAYS,
    conversionRiseTarget: task?.conversionRiseTarget ?? '',
  };
}

/** Field → message: `targets.chainLinkId` stays whole (its picker shows it), others by first segment. */
function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(error.fieldErrors())) {
    out[field] ??= message;
    out[field.split('.')[0] ?? field] ??= message;
  }
  const named = (error.body as { field?: unknown }).field;
  if (typeof named === 'string') out[named] ??= error.message;
  return out;
}

const TARGET_FIELDS: readonly (keyof TaskTargets)[] = TASK_TARGET_FIELDS;

/** Fields the form shows an error at. */
const VISIBLE = new Set([
  'title',
  'description',
  'lever',
  'ownerUserId',
  'dueDate',
  'priority',
  'windowDays',
  'conversionRiseTarget',
  'targets',
  ...TARGET_FIELDS.map((f) => `targets.${f}`),
]);

interface TaskDialogProps {
  workspaceId: string;
  onClose: () => void;
  /** The task to edit; without it the dialog creates one. */
  task?: Task | undefined;
  /** What a new task starts from (a finding's prefill, an object's target). */
  draft?: TaskDraft | undefined;
  onSaved?: ((task: Task) => void) | undefined;
}

/** The form, mounted only while the dialog is open: each opening starts afresh and loads its pickers then. */
function TaskForm({ workspaceId, onClose, task, draft, onSaved }: TaskDialogProps) {
  const { t } = useTranslation(['tasks', 'common']);
  const [form, setForm] = useState<Form>(() => initial(task, draft));
  const save = useSaveTask(workspaceId);
  const members = useMembers();
  const options = useTargetOptions(workspaceId, form.targets.chainId, form.targets.journeyId);

  const errors = fieldErrors(save.error);
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  const setTarget = (key: keyof TaskTargets, value: string | null) =>
    setForm((f) => {
      const targets = { ...f.targets, [key]: value ?? undefined };
      // A link belongs to its chain, a stage to its journey.
      if (key === 'chainId') delete targets.chainLinkId;
      if (key === 'journeyId') delete targets.stageId;
      return { ...f, targets };
    });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const targets = Object.fromEntries(
      TARGET_FIELDS.map((key) => [key, form.targets[key] ?? (task ? null : undefined)]),
    ) as TaskCreate['targets'];
    const body = {
      title: form.title,
      description: form.description,
      lever: (form.lever ?? undefined) as Lever,
      ownerUserId: form.ownerUserId,
      dueDate: form.dueDate || null,
      priority: Number(form.priority),
      targets,
      windowDays: form.windowDays === '' ? undefined : Number(form.windowDays),
      conversionRiseTarget: form.conversionRiseTarget === '' ? null : Number(form.conversionRiseTarget),
    };
    save.mutate(
      { id: task?.id, body: task ? { ...body, version: task.version } : body },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'teal', message: t('common:state.saved') });
          onSaved?.(saved);
          onClose();
        },
      },
    );
  };

  const targetsError =
    errors.targets && !TARGET_FIELDS.some((f) => errors[`targets.${f}`]) ? errors.targets : undefined;
  // A message no field shows goes above the buttons.
  const shownAtField = Object.keys(errors).some((f) => VISIBLE.has(f));
  const otherError = save.error && !shownAtField ? save.error.message : undefined;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput
          label={t('field.title')}
          required
          value={form.title}
          onChange={(e) => set('title', e.currentTarget.value)}
          error={errors.title}
          data-testid="task-title"
        />
        <Textarea
          label={t('field.description')}
          autosize
          minRows={2}
          value={form.description}
          onChange={(e) => set('description', e.currentTarget.value)}
          error={errors.description}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('field.lever')}
            required
            data={LEVERS.map((lever) => ({ value: lever, label: t(`lever.${lever}`) }))}
            value={form.lever}
            onChange={(value) => set('lever', value as Lever | null)}
            error={errors.lever}
            data-testid="task-lever"
          />
          <Select
            label={t('field.owner')}
            clearable
            searchable
            placeholder={t('noOwner')}
            data={(members.data ?? []).map((m) => ({ value: m.userId, label: m.name || m.email }))}
            value={form.ownerUserId}
            onChange={(value) => set('ownerUserId', value)}
            error={errors.ownerUserId}
            data-testid="task-owner"
          />
          <TextInput
            type="date"
            label={t('field.due')}
            value={form.dueDate}
            onChange={(e) => set('dueDate', e.currentTarget.value)}
            error={errors.dueDate}
            data-testid="task-due"
          />
          <Select
            label={t('field.priority')}
            allowDeselect={false}
            data={[1, 2, 3, 4, 5].map((p) => ({
              value: String(p),
              label: t(`priority.p${p}` as 'priority.p1'),
            }))}
            value={form.priority}
            onChange={(value) => set('priority', value ?? '3')}
            error={errors.priority}
          />
        </SimpleGrid>
        <Title order={5} mt="xs">
          {t('field.targets')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('field.touchpoint')}
            clearable
            searchable
            data={options.touchpoints}
            value={form.targets.touchpointId ?? null}
            onChange={(value) => setTarget('touchpointId', value)}
            error={errors['targets.touchpointId'] ?? targetsError}
            data-testid="task-touchpoint"
          />
          <Select
            label={t('field.standard')}
            clearable
            searchable
            data={options.standards}
            value={form.targets.standardId ?? null}
            onChange={(value) => setTarget('standardId', value)}
            error={errors['targets.standardId']}
            data-testid="task-standard"
          />
          <Select
            label={t('field.chain')}
            clearable
            searchable
            data={options.chains}
            value={form.targets.chainId ?? null}
            onChange={(value) => setTarget('chainId', value)}
            error={errors['targets.chainId']}
            data-testid="task-chain"
          />
          <Select
            label={t('field.link')}
            clearable
            disabled={!form.targets.chainId || options.links.length === 0}
            data={options.links}
            value={form.targets.chainLinkId ?? null}
            onChange={(value) => setTarget('chainLinkId', value)}
            error={errors['targets.chainLinkId']}
            data-testid="task-link"
          />
          <Select
            label={t('field.journey')}
            clearable
            searchable
            data={options.journeys}
            value={form.targets.journeyId ?? null}
            onChange={(value) => setTarget('journeyId', value)}
            error={errors['targets.journeyId']}
            data-testid="task-journey"
          />
          <Select
            label={t('field.stage')}
            clearable
            disabled={!form.targets.journeyId}
            data={options.stages}
            value={form.targets.stageId ?? null}
            onChange={(value) => setTarget('stageId', value)}
            error={errors['targets.stageId']}
            data-testid="task-stage"
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            label={t('field.verificationDays')}
            description={t('field.verificationDaysHint')}
            min={1}
            max={365}
            allowDecimal={false}
            value={form.windowDays}
            onChange={(value) => set('windowDays', value)}
            error={errors.windowDays}
          />
          {form.targets.chainLinkId && (
            <NumberInput
              label={t('field.targetConversion')}
              description={t('field.targetConversionHint')}
              min={0.1}
              max={100}
              decimalScale={1}
              value={form.conversionRiseTarget}
              onChange={(value) => set('conversionRiseTarget', value)}
              error={errors.conversionRiseTarget}
            />
          )}
        </SimpleGrid>
        <DialogActions
          error={otherError}
          errorTestId="task-dialog-error"
          onCancel={onClose}
          label={task ? t('save') : t('createTask')}
          pending={save.isPending}
          testId="task-save"
        />
      </Stack>
    </form>
  );
}

export function TaskDialog({ opened, ...props }: TaskDialogProps & { opened: boolean }) {
  const { t } = useTranslation('tasks');
  return (
    <Modal
      opened={opened}
      onClose={props.onClose}
      title={<Title order={4}>{props.task ? t('edit') : t('create')}</Title>}
      size="lg"
      data-testid="task-dialog"
    >
      {opened && <TaskForm {...props} />}
    </Modal>
  );
}
