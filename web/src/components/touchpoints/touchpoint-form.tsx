/** The fields of a touchpoint (SPEC §3) with the API's validation messages at each field. */
import {
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { slugify } from '../../../../src/domain/slug';
import type { Touchpoint, TouchpointCreate } from '../../api/types';
import { useBrands, useChannels, useMembers, useSubjects } from '../../api/workspace-lists';
import {
  ATTENTION_SPANS,
  DEFAULT_STAGE_KEYS,
  DIRECTIONS,
  LIFETIMES,
  TOUCHPOINT_STATUSES,
  useLabels,
} from './labels';
import { useTouchpointIndex } from './workspace-data';

export interface TouchpointFormState {
  name: string;
  key: string;
  description: string;
  stage: string | null;
  channelId: string | null;
  direction: string;
  subjectId: string | null;
  brandId: string | null;
  parentId: string | null;
  ownerUserId: string | null;
  priority: number;
  status: string;
  tags: string[];
  /** null: not chosen, the API takes the channel's online flag. */
  online: boolean | null;
  attention: string | null;
  lifetime: string | null;
  controllable: boolean;
  brandedMaterial: string;
}

export const EMPTY_FORM: TouchpointFormState = {
  name: '',
  key: '',
  description: '',
  stage: null,
  channelId: null,
  direction: 'both',
  subjectId: null,
  brandId: null,
  parentId: null,
  ownerUserId: null,
  priority: 3,
  status: 'active',
  tags: [],
  online: null,
  attention: null,
  lifetime: null,
  controllable: true,
  brandedMaterial: '',
};

export function formOf(tp: Touchpoint): TouchpointFormState {
  return {
    name: tp.name,
    key: tp.key,
    description: tp.description,
    stage: tp.stage,
    channelId: tp.channelId,
    direction: tp.direction,
    subjectId: tp.subjectId,
    brandId: tp.brandId,
    parentId: tp.parentId,
    ownerUserId: tp.ownerUserId,
    priority: tp.priority,
    status: tp.status,
    tags: tp.tags,
    online: tp.online,
    attention: tp.attention,
    lifetime: tp.lifetime,
    controllable: tp.controllable,
    brandedMaterial: tp.brandedMaterial,
  };
}

/** The body of a create: what was filled in; the API fills in its defaults for the rest. */
export function createBody(form: TouchpointFormState): TouchpointCreate {
  const body: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(form)) {
    if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    body[field] = value;
  }
  return body as TouchpointCreate;
}

/** The fields that differ from the touchpoint as read. */
export function changedFields(form: TouchpointFormState, original: Touchpoint): Record<string, unknown> {
  const before = formOf(original) as unknown as Record<string, unknown>;
  const changes: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(form)) {
    if (JSON.stringify(value) !== JSON.stringify(before[field])) changes[field] = value;
  }
  return changes;
}

/** A key suggested from a name in any language of the app ("Стойка регистрации" → "stoyka-registratsii"). */
export const suggestKey = (name: string): string => slugify(name);

/**
 * The fields a new touchpoint cannot go without, checked before it is sent: message by field (the
 * API's own messages, e.g. for a key that is no slug, come at the fields after sending).
 */
export function missingFields(form: TouchpointFormState, required: string): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!form.name.trim()) errors.name = required;
  if (!form.key.trim()) errors.key = required;
  return errors;
}

export function TouchpointForm({
  form,
  onChange,
  errors,
  readOnly,
  self,
}: {
  form: TouchpointFormState;
  onChange: (changes: Partial<TouchpointFormState>) => void;
  errors: Record<string, string>;
  readOnly: boolean;
  /** The touchpoint being edited: it cannot be its own part. */
  self?: string;
}) {
  const { t } = useTranslation('touchpoints');
  const labels = useLabels();
  const channels = useChannels().data ?? [];
  const brands = useBrands().data ?? [];
  const subjects = useSubjects().data ?? [];
  const members = useMembers().data ?? [];
  const index = useTouchpointIndex().data ?? [];
  const none = t('field.none');
  const channel = channels.find((c) => c.id === form.channelId);
  const online = form.online ?? channel?.online ?? true;
  const common = { readOnly, comboboxProps: { withinPortal: true } } as const;

  return (
    <Stack gap="sm" data-testid="touchpoint-form">
      <SimpleGrid cols={2} spacing="sm">
        <TextInput
          label={t('field.name')}
          required
          value={form.name}
          error={errors.name}
          readOnly={readOnly}
          onChange={(e) => onChange({ name: e.currentTarget.value })}
          data-autofocus
        />
        <TextInput
          label={t('field.key')}
          required
          description={t('field.keyHint')}
          value={form.key}
          error={errors.key}
          readOnly={readOnly}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          onChange={(e) => onChange({ key: e.currentTarget.value })}
        />
      </SimpleGrid>
      <Textarea
        label={t('field.description')}
        value={form.description}
        error={errors.description}
        readOnly={readOnly}
        autosize
        minRows={2}
        maxRows={6}
        onChange={(e) => onChange({ description: e.currentTarget.value })}
      />
      <SimpleGrid cols={2} spacing="sm">
        <Select
          {...common}
          label={t('field.stage')}
          placeholder={none}
          clearable
          data={DEFAULT_STAGE_KEYS.map((key) => ({ value: key, label: labels.stage(key) }))}
          value={form.stage}
          error={errors.stage}
          onChange={(stage) => onChange({ stage })}
        />
        <Select
          {...common}
          label={t('field.channel')}
          placeholder={none}
          clearable
          searchable
          data={channels.map((c) => ({ value: c.id, label: labels.channel(c) }))}
          value={form.channelId}
          error={errors.channelId}
          onChange={(channelId) => onChange({ channelId })}
        />
        <Select
          {...common}
          label={t('field.direction')}
          allowDeselect={false}
          data={DIRECTIONS.map((d) => ({ value: d, label: labels.direction(d) }))}
          value={form.direction}
          error={errors.direction}
          onChange={(direction) => direction && onChange({ direction })}
        />
        <Select
          {...common}
          label={t('field.status')}
          allowDeselect={false}
          data={TOUCHPOINT_STATUSES.map((s) => ({ value: s, label: labels.status(s) }))}
          value={form.status}
          error={errors.status}
          onChange={(status) => status && onChange({ status })}
        />
        <Select
          {...common}
          label={t('field.subject')}
          placeholder={none}
          clearable
          searchable
          data={subjects.map((s) => ({ value: s.id, label: s.name }))}
          value={form.subjectId}
          error={errors.subjectId}
          onChange={(subjectId) => onChange({ subjectId })}
        />
        <Select
          {...common}
          label={t('field.brand')}
          placeholder={brands.find((b) => b.isOwn)?.name}
          data={brands.map((b) => ({ value: b.id, label: b.name }))}
          value={form.brandId}
          error={errors.brandId}
          onChange={(brandId) => onChange({ brandId })}
        />
        <Select
          {...common}
          label={t('field.parent')}
          placeholder={none}
          clearable
          searchable
          data={index
            .filter((tp) => tp.id !== self)
            .map((tp) => ({ value: tp.id, label: `${tp.name} (${tp.key})` }))}
          value={form.parentId}
          error={errors.parentId}
          onChange={(parentId) => onChange({ parentId })}
          limit={100}
        />
        <Select
          {...common}
          label={t('field.owner')}
          placeholder={none}
          clearable
          searchable
          data={members.map((m) => ({ value: m.userId, label: m.name ? `${m.name} (${m.email})` : m.email }))}
          value={form.ownerUserId}
          error={errors.ownerUserId}
          onChange={(ownerUserId) => onChange({ ownerUserId })}
        />
        <NumberInput
          label={t('field.priority')}
          min={1}
          max={5}
          allowDecimal={false}
          readOnly={readOnly}
          value={form.priority}
          error={errors.priority}
          onChange={(value) => onChange({ priority: typeof value === 'number' ? value : Number(value) || 0 })}
        />
        <TagsInput
          label={t('field.tags')}
          description={readOnly ? undefined : t('field.tagsHint')}
          readOnly={readOnly}
          value={form.tags}
          error={errors.tags}
          onChange={(tags) => onChange({ tags })}
          clearable={!readOnly}
        />
        <Select
          {...common}
          label={t('field.attention')}
          placeholder={none}
          clearable
          data={ATTENTION_SPANS.map((a) => ({ value: a, label: t(`attention.${a}`) }))}
          value={form.attention}
          error={errors.attention}
          onChange={(attention) => onChange({ attention })}
        />
        <Select
          {...common}
          label={t('field.lifetime')}
          placeholder={none}
          clearable
          data={LIFETIMES.map((l) => ({ value: l, label: t(`lifetime.${l}`) }))}
          value={form.lifetime}
          error={errors.lifetime}
          onChange={(lifetime) => onChange({ lifetime })}
        />
      </SimpleGrid>
      <Group gap="xl">
        <Switch
          label={t('field.online')}
          checked={online}
          disabled={readOnly}
          error={errors.online}
          onChange={(e) => onChange({ online: e.currentTarget.checked })}
        />
        <Switch
          label={t('field.controllable')}
          checked={form.controllable}
          disabled={readOnly}
          error={errors.controllable}
          onChange={(e) => onChange({ controllable: e.currentTarget.checked })}
        />
      </Group>
      <Textarea
        label={t('field.brandedMaterial')}
        value={form.brandedMaterial}
        error={errors.brandedMaterial}
        readOnly={readOnly}
        autosize
        minRows={1}
        maxRows={4}
        onChange={(e) => onChange({ brandedMaterial: e.currentTarget.value })}
      />
    </Stack>
  );
}
