/**
 * Creating or editing an alert rule: its name, kind (fixed once created) and the params that kind
 * takes, whether it is enabled and also e-mailed. The API checks the params; its messages show at
 * their fields (`params.windowDays` at the window).
 */
import { Modal, NumberInput, Select, SimpleGrid, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ALERT_KINDS,
  DEFAULT_ALERT_MIN_SAMPLE,
  DEFAULT_ALERT_WINDOW_DAYS,
  DEFAULT_SILENT_DAYS,
  FEEDBACK_METRICS,
} from '../../../../src/domain/alert-rules';
import { type AlertKind, type AlertRule, type AlertRuleCreate, useSaveRule } from '../../api/alerts';
import { ApiError } from '../../api/client';
import { DialogActions } from '../dialog-actions';
import { useTargetOptions } from '../tasks/targets';

/** The params of every kind, as the form holds them (numbers may be '' while typed). */
interface Params {
  standardId: string | null;
  touchpointId: string | null;
  chainId: string | null;
  /** 1 = the chain's first link; null = every link. */
  position: string | null;
  metric: string | null;
  threshold: number | string;
  windowDays: number | string;
  minSample: number | string;
  days: number | string;
}

/** Which params each kind takes, in the order the form shows them. */
const KIND_PARAMS: Record<AlertKind, readonly (keyof Params)[]> = {
  standard_compliance: ['standardId', 'windowDays', 'minSample'],
  feedback_shift: ['touchpointId', 'metric', 'threshold', 'windowDays', 'minSample'],
  touchpoint_silent: ['touchpointId', 'days'],
  task_overdue: [],
  task_not_effective: [],
  link_conversion_drop: ['chainId', 'position', 'windowDays', 'threshold', 'minSample'],
};

const NUMERIC: ReadonlySet<keyof Params> = new Set(['threshold', 'windowDays', 'minSample', 'days']);

interface Form {
  name: string;
  kind: AlertKind | null;
  enabled: boolean;
  email: boolean;
  params: Params;
}

const str = (value: unknown) => (typeof value === 'string' ? value : null);
const num = (value: unknown, fallback: number | string) => (typeof value === 'number' ? value : fallback);

function initial(rule: AlertRule | undefined): Form {
  const p = rule?.params ?? {};
  return {
    name: rule?.name ?? '',
    kind: rule?.kind ?? null,
    enabled: rule?.enabled ?? true,
    email: rule?.email ?? false,
    params: {
      standardId: str(p.standardId),
      touchpointId: str(p.touchpointId),
      chainId: str(p.chainId),
      position: typeof p.position === 'number' ? String(p.position) : null,
      metric: str(p.metric),
      threshold: num(p.threshold, ''),
      windowDays: num(p.windowDays, DEFAULT_ALERT_WINDOW_DAYS),
      minSample: num(p.minSample, DEFAULT_ALERT_MIN_SAMPLE),
      days: num(p.days, DEFAULT_SILENT_DAYS),
    },
  };
}

/** The params the kind takes, as the API wants them: ids or null, numbers, an empty number left out. */
function paramsFor(kind: AlertKind, params: Params): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  for (const key of KIND_PARAMS[kind]) {
    const value = params[key];
    if (key === 'position') out.position = value === null ? null : Number(value);
    else if (NUMERIC.has(key)) {
      if (value !== '') out[key] = Number(value);
    } else out[key] = value;
  }
  return out;
}

interface RuleDialogProps {
  workspaceId: string;
  onClose: () => void;
  /** The rule to edit; without it the dialog creates one. */
  rule?: AlertRule | undefined;
}

function RuleForm({ workspaceId, onClose, rule }: RuleDialogProps) {
  const { t } = useTranslation(['alerts', 'common']);
  const [form, setForm] = useState<Form>(() => initial(rule));
  const [named, setNamed] = useState(Boolean(rule));
  const save = useSaveRule(workspaceId);
  const options = useTargetOptions(workspaceId, form.params.chainId ?? undefined);
  const errors = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const kind = form.kind;
  const shown = new Set(kind ? KIND_PARAMS[kind] : []);

  const setParam = <K extends keyof Params>(key: K, value: Params[K]) =>
    setForm((f) => ({
      ...f,
      // A link belongs to its chain.
      params: { ...f.params, [key]: value, ...(key === 'chainId' ? { position: null } : {}) },
    }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (rule) {
      save.mutate(
        {
          id: rule.id,
          patch: {
            version: rule.version,
            name: form.name,
            enabled: form.enabled,
            email: form.email,
            params: paramsFor(rule.kind, form.params),
          },
        },
        { onSuccess: done },
      );
      return;
    }
    // The API names a missing kind; the params of no kind are none.
    const create = {
      kind: kind ?? undefined,
      name: form.name,
      enabled: form.enabled,
      email: form.email,
      params: kind ? paramsFor(kind, form.params) : {},
    } as AlertRuleCreate;
    save.mutate({ create }, { onSuccess: done });
  };
  function done() {
    notifications.show({ color: 'teal', message: t('common:state.saved') });
    onClose();
  }

  const paramError = (key: keyof Params) => errors[`params.${key}`];
  const visible = ['name', 'kind', 'enabled', 'email', ...[...shown].map((k) => `params.${k}`)];
  const otherError =
    save.error && !Object.keys(errors).some((f) => visible.includes(f)) ? save.error.message : undefined;

  const field: Partial<Record<keyof Params, ReactNode>> = {
    standardId: (
      <Select
        key="standardId"
        label={t('field.standard')}
        placeholder={t('field.allStandards')}
        clearable
        searchable
        data={options.standards}
        value={form.params.standardId}
        onChange={(value) => setParam('standardId', value)}
        error={paramError('standardId')}
        data-testid="rule-standard"
      />
    ),
    touchpointId: (
      <Select
        key="touchpointId"
        label={t('field.touchpoint')}
        placeholder={kind === 'touchpoint_silent' ? t('field.activeTouchpoints') : t('field.allTouchpoints')}
        clearable
        searchable
        data={options.touchpoints}
        value={form.params.touchpointId}
        onChange={(value) => setParam('touchpointId', value)}
        error={paramError('touchpointId')}
        data-testid="rule-touchpoint"
      />
    ),
    chainId: (
      <Select
        key="chainId"
        label={t('field.chain')}
        required
        searchable
        data={options.chains}
        value={form.params.chainId}
        onChange={(value) => setParam('chainId', value)}
        error={paramError('chainId')}
        data-testid="rule-chain"
      />
    ),
    position: (
      <Select
        key="position"
        label={t('field.link')}
        placeholder={t('field.allLinks')}
        clearable
        disabled={!form.params.chainId}
        // The first link has no conversion from a previous one: positions 2… only.
        data={options.links.slice(1).map((link, index) => ({ value: String(index + 2), label: link.label }))}
        value={form.params.position}
        onChange={(value) => setParam('position', value)}
        error={paramError('position')}
        data-testid="rule-link"
      />
    ),
    metric: (
      <Select
        key="metric"
        label={t('field.metric')}
        required
        data={FEEDBACK_METRICS.map((metric) => ({ value: metric, label: t(`metric.${metric}`) }))}
        value={form.params.metric}
        onChange={(value) => setParam('metric', value)}
        error={paramError('metric')}
        data-testid="rule-metric"
      />
    ),
    threshold: (
      <NumberInput
        key="threshold"
        label={
          kind === 'link_conversion_drop'
            ? t('field.dropPoints')
            : form.params.metric === 'csat' || form.params.metric === 'nps'
              ? t('field.thresholdScore')
              : t('field.thresholdPoints')
        }
        required
        min={0}
        max={100}
        decimalScale={2}
        clampBehavior="none"
        value={form.params.threshold}
        onChange={(value) => setParam('threshold', value)}
        error={paramError('threshold')}
        data-testid="rule-threshold"
      />
    ),
    windowDays: (
      <NumberInput
        key="windowDays"
        label={t('field.windowDays')}
        description={t('field.windowDaysHint')}
        min={1}
        max={365}
        allowDecimal={false}
        clampBehavior="none"
        value={form.params.windowDays}
        onChange={(value) => setParam('windowDays', value)}
        error={paramError('windowDays')}
        data-testid="rule-window"
      />
    ),
    minSample: (
      <NumberInput
        key="minSample"
        label={t('field.minSample')}
        description={t('field.minSampleHint')}
        min={1}
        allowDecimal={false}
        clampBehavior="none"
        value={form.params.minSample}
        onChange={(value) => setParam('minSample', value)}
        error={paramError('minSample')}
        data-testid="rule-min-sample"
      />
    ),
    days: (
      <NumberInput
        key="days"
        label={t('field.days')}
        min={1}
        max={365}
        allowDecimal={false}
        clampBehavior="none"
        value={form.params.days}
        onChange={(value) => setParam('days', value)}
        error={paramError('days')}
        data-testid="rule-days"
      />
    ),
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Select
          label={t('field.kind')}
          required
          disabled={Boolean(rule)}
          allowDeselect={false}
          data={ALERT_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          value={kind}
          onChange={(value) =>
            setForm((f) => ({
              ...f,
              kind: value as AlertKind | null,
              // Until the user names the rule, it is named after its kind.
              name: !named && value ? t(`kind.${value as AlertKind}`) : f.name,
            }))
          }
          error={errors.kind}
          data-testid="rule-kind"
        />
        {kind && (
          <Text size="sm" c="dimmed" data-testid="rule-kind-hint">
            {t(`kindHint.${kind}`)}
          </Text>
        )}
        <TextInput
          label={t('field.name')}
          required
          value={form.name}
          onChange={(e) => {
            const name = e.currentTarget.value;
            setNamed(true);
            setForm((f) => ({ ...f, name }));
          }}
          error={errors.name}
          data-testid="rule-name"
        />
        {kind && KIND_PARAMS[kind].length > 0 && (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>{KIND_PARAMS[kind].map((key) => field[key])}</SimpleGrid>
        )}
        <Switch
          label={t('field.enabled')}
          checked={form.enabled}
          onChange={(e) => {
            const enabled = e.currentTarget.checked;
            setForm((f) => ({ ...f, enabled }));
          }}
          data-testid="rule-enabled"
        />
        <Switch
          label={t('field.email')}
          description={t('field.emailHint')}
          checked={form.email}
          onChange={(e) => {
            const email = e.currentTarget.checked;
            setForm((f) => ({ ...f, email }));
          }}
          data-testid="rule-email"
        />
        <DialogActions
          error={otherError}
          errorTestId="rule-dialog-error"
          onCancel={onClose}
          label={rule ? t('common:action.save') : t('common:action.create')}
          pending={save.isPending}
          testId="rule-save"
        />
      </Stack>
    </form>
  );
}

export function RuleDialog({ opened, ...props }: RuleDialogProps & { opened: boolean }) {
  const { t } = useTranslation('alerts');
  return (
    <Modal
      opened={opened}
      onClose={props.onClose}
      title={<Title order={4}>{props.rule ? t('rules.edit') : t('rules.create')}</Title>}
      size="lg"
      data-testid="rule-dialog"
    >
      {opened && <RuleForm {...props} />}
    </Modal>
  );
}
