/**
 * The walk: an audit done on a phone, "in the customer's shoes". One touchpoint (or stage) at a
 * time with its criteria: big yes/no and 1–5 buttons, a number with its target, a note and photo
 * evidence for each; answers are saved as you go (walk-answers.ts keeps a local draft while the
 * connection is down). The last step submits the walk once, after a confirmation. The same walk
 * serves a member (in the workspace) and an external mystery shopper (by the link).
 */
import {
  Alert,
  Badge,
  Box,
  Button,
  Card,
  Group,
  Image,
  Modal,
  NumberInput,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconCamera,
  IconCheck,
  IconChevronLeft,
  IconChevronRight,
  IconCloudOff,
  IconMoodHappy,
} from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type AuditPhoto,
  DEFAULT_PHOTO_MAX_BYTES,
  PHOTO_TYPES,
  type WalkAudit,
  type WalkSource,
} from '../../api/audits';
import { ApiError } from '../../api/client';
import { Loading } from '../states';
import { groupOf, targetLabel } from './criterion-format';
import { clearDraft, type DraftAnswer, type SyncState, useWalkAnswers } from './walk-answers';

type Criterion = WalkAudit['criteria'][number];

/** Why a walk cannot be done: the server's refusal (link expired, revoked, used) or a submitted audit. */
function Closed({ title, message }: { title: string; message?: string | undefined }) {
  return (
    <Card withBorder p="lg" data-testid="walk-closed">
      <Stack align="center" gap="xs">
        <IconAlertTriangle size={36} stroke={1.4} color="var(--mantine-color-orange-6)" />
        <Title order={3} ta="center">
          {title}
        </Title>
        {message && (
          <Text c="dimmed" ta="center" size="sm">
            {message}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

export function Walk({ source, onSubmitted }: { source: WalkSource; onSubmitted?: () => void }) {
  const { t } = useTranslation('audits');
  const query = useQuery({
    queryKey: ['walk', source.draftKey],
    queryFn: () => source.load(),
    retry: (count, error) => !(error instanceof ApiError && error.status >= 400) && count < 3,
  });
  const [thanked, setThanked] = useState(false);
  if (thanked)
    return (
      <Card withBorder p="lg" data-testid="walk-thanks">
        <Stack align="center" gap="xs">
          <IconMoodHappy size={40} stroke={1.4} color="var(--mantine-color-teal-6)" />
          <Title order={3} ta="center">
            {t('walk.thanksTitle')}
          </Title>
          <Text c="dimmed" ta="center">
            {t('walk.thanks')}
          </Text>
        </Stack>
      </Card>
    );
  if (query.isPending) return <Loading />;
  if (query.isError) {
    const error = query.error;
    if (error instanceof ApiError && (error.status === 404 || error.status === 410)) {
      const reason = (error.body as { reason?: unknown }).reason;
      const why =
        error.status === 404
          ? t('walk.closedReason.unknown')
          : reason === 'submitted' || reason === 'revoked' || reason === 'expired'
            ? t(`walk.closedReason.${reason}`)
            : error.message;
      return <Closed title={t('walk.linkClosed')} message={why} />;
    }
    return (
      <Alert color="red" role="alert" title={t('walk.loadFailed')}>
        <Text size="sm">{error.message}</Text>
        <Button mt="sm" size="xs" variant="light" color="red" onClick={() => void query.refetch()}>
          {t('walk.retry')}
        </Button>
      </Alert>
    );
  }
  if (query.data.status === 'submitted') return <Closed title={t('walk.alreadySubmitted')} />;
  return (
    <WalkForm
      audit={query.data}
      source={source}
      onClosed={() => void query.refetch()}
      onSubmitted={() => {
        setThanked(true);
        onSubmitted?.();
      }}
    />
  );
}

function SyncBadge({ state, error }: { state: SyncState; error: ApiError | null }) {
  const { t } = useTranslation('audits');
  const look = {
    saved: { color: 'teal', icon: <IconCheck size={14} />, label: t('walk.sync.saved') },
    saving: { color: 'blue', icon: null, label: t('walk.sync.saving') },
    offline: { color: 'orange', icon: <IconCloudOff size={14} />, label: t('walk.sync.offline') },
    failed: {
      color: 'red',
      icon: <IconAlertTriangle size={14} />,
      label: error?.message ?? t('walk.sync.failed'),
    },
  }[state];
  return (
    <Badge
      color={look.color}
      variant="light"
      leftSection={look.icon}
      role="status"
      aria-live="polite"
      data-testid="walk-sync"
      data-state={state}
      maw="100%"
      style={{ textTransform: 'none' }}
    >
      {look.label}
    </Badge>
  );
}

/** Big buttons: a tap on a phone, not a precise click. */
function ChoiceButtons({
  options,
  value,
  onChange,
  label,
}: {
  options: { value: number; label: string; color?: string }[];
  value: number | null | undefined;
  onChange: (value: number) => void;
  label: string;
}) {
  return (
    <SimpleGrid cols={options.length} spacing={6} role="group" aria-label={label}>
      {options.map((option) => {
        const selected = value === option.value;
        return (
          <Button
            key={option.value}
            h={52}
            px={0}
            size="md"
            variant={selected ? 'filled' : 'default'}
            color={option.color}
            aria-pressed={selected}
            onClick={() => onChange(option.value)}
            data-testid="walk-choice"
            data-value={option.value}
          >
            {option.label}
          </Button>
        );
      })}
    </SimpleGrid>
  );
}

function CriterionCard({
  criterion,
  answer,
  photos,
  onChange,
  onPhoto,
  uploading,
  photoError,
}: {
  criterion: Criterion;
  answer: DraftAnswer | undefined;
  photos: AuditPhoto[];
  onChange: (change: Partial<DraftAnswer>) => void;
  onPhoto: (file: File) => void;
  uploading: boolean;
  photoError: string | null;
}) {
  const { t } = useTranslation('audits');
  const input = useRef<HTMLInputElement>(null);
  const target = targetLabel(criterion);
  const skipped = answer !== undefined && answer.value === null;
  return (
    <Card withBorder p="sm" data-testid="walk-criterion" data-criterion={criterion.id}>
      <Stack gap="xs">
        <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
          {criterion.text}
        </Text>
        {criterion.scale === 'yes_no' && (
          <ChoiceButtons
            label={criterion.text}
            value={answer?.value}
            onChange={(value) => onChange({ value })}
            options={[
              { value: 1, label: t('walk.yes'), color: 'teal' },
              { value: 0, label: t('walk.no'), color: 'red' },
            ]}
          />
        )}
        {criterion.scale === 'score_1_5' && (
          <ChoiceButtons
            label={criterion.text}
            value={answer?.value}
            onChange={(value) => onChange({ value })}
            options={[1, 2, 3, 4, 5].map((v) => ({ value: v, label: String(v) }))}
          />
        )}
        {criterion.scale === 'number' && (
          <NumberInput
            size="lg"
            label={t('walk.measured')}
            description={target ? t('walk.target', { target }) : undefined}
            rightSection={criterion.unit ? <Text size="sm">{criterion.unit}</Text> : undefined}
            rightSectionWidth={criterion.unit ? 56 : undefined}
            inputMode="decimal"
            value={answer?.value ?? ''}
            onChange={(value) => {
              // A half-typed number ("-", "4.") waits for the rest rather than saving as skipped.
              const number = value === '' ? null : Number(value);
              if (number === null || Number.isFinite(number)) onChange({ value: number });
            }}
            data-testid="walk-number"
          />
        )}
        <Group gap="xs" wrap="wrap">
          <Button
            size="compact-sm"
            variant={skipped ? 'light' : 'subtle'}
            color="gray"
            aria-pressed={skipped}
            onClick={() => onChange({ value: null })}
            data-testid="walk-skip"
          >
            {skipped ? t('walk.skipped') : t('walk.skip')}
          </Button>
          <Button
            size="compact-sm"
            variant="light"
            leftSection={<IconCamera size={16} />}
            loading={uploading}
            onClick={() => input.current?.click()}
            data-testid="walk-photo-button"
          >
            {t('walk.addPhoto')}
          </Button>
          <input
            ref={input}
            type="file"
            accept="image/jpeg,image/png"
            capture="environment"
            hidden
            aria-label={t('walk.addPhoto')}
            data-testid="walk-photo-input"
            onChange={(event: ChangeEvent<HTMLInputElement>) => {
              const file = event.currentTarget.files?.[0];
              event.currentTarget.value = '';
              if (file) onPhoto(file);
            }}
          />
        </Group>
        {photoError && (
          <Text size="sm" c="red" role="alert" data-testid="walk-photo-error">
            {photoError}
          </Text>
        )}
        {photos.length > 0 && (
          <Group gap={6}>
            {photos.map((photo) => (
              <Image
                key={photo.id}
                src={photo.url}
                alt={t('walk.photoAlt', { criterion: criterion.text })}
                h={64}
                w={64}
                fit="cover"
                radius="sm"
                data-testid="walk-photo"
              />
            ))}
          </Group>
        )}
        <Textarea
          aria-label={t('walk.note')}
          placeholder={t('walk.notePlaceholder')}
          autosize
          minRows={1}
          maxRows={5}
          value={answer?.note ?? ''}
          onChange={(e) => onChange({ note: e.currentTarget.value })}
          data-testid="walk-note"
        />
      </Stack>
    </Card>
  );
}

function WalkForm({
  audit,
  source,
  onClosed,
  onSubmitted,
}: {
  audit: WalkAudit;
  source: WalkSource;
  onClosed: () => void;
  onSubmitted: () => void;
}) {
  const { t } = useTranslation('audits');
  const queryClient = useQueryClient();
  const server = useMemo(
    () => Object.fromEntries(audit.answers.map((a) => [a.criterionId, { value: a.value, note: a.note }])),
    [audit.answers],
  );
  const walk = useWalkAnswers(source, server, (error) => {
    // A walk closed meanwhile (submitted elsewhere, link revoked or expired) reloads to say so.
    if (error.status === 409 || error.status === 410 || error.status === 404) onClosed();
  });
  // Grouped on every render: the labels follow the language.
  const groups: { key: string; label: string; criteria: Criterion[] }[] = [];
  for (const criterion of audit.criteria) {
    const { key, label } = groupOf(criterion);
    let group = groups.find((g) => g.key === key);
    if (!group) {
      group = { key, label, criteria: [] };
      groups.push(group);
    }
    group.criteria.push(criterion);
  }
  const [step, setStep] = useState(0);
  const [photos, setPhotos] = useState<AuditPhoto[]>(audit.photos);
  const [uploading, setUploading] = useState<string | null>(null);
  const [photoErrors, setPhotoErrors] = useState<Record<string, string>>({});
  const [confirming, setConfirming] = useState(false);
  const [name, setName] = useState('');
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const top = useRef<HTMLDivElement>(null);

  const answered = audit.criteria.filter((c) => walk.answers[c.id] !== undefined).length;
  const atReview = step >= groups.length;
  const group = groups[step];
  const go = (next: number) => {
    setStep(next);
    top.current?.scrollIntoView({ block: 'start' });
  };

  const upload = async (criterionId: string, file: File) => {
    const limit = DEFAULT_PHOTO_MAX_BYTES;
    const fail = (message: string) => setPhotoErrors((e) => ({ ...e, [criterionId]: message }));
    if (!(PHOTO_TYPES as readonly string[]).includes(file.type)) return fail(t('walk.photoType'));
    if (file.size > limit)
      return fail(
        t('walk.photoTooLarge', { size: (file.size / 1048576).toFixed(1), max: Math.round(limit / 1048576) }),
      );
    setPhotoErrors(({ [criterionId]: _, ...rest }) => rest);
    setUploading(criterionId);
    try {
      const photo = await source.uploadPhoto(file, criterionId);
      setPhotos((list) => [...list, photo]);
    } catch (error) {
      fail(
        error instanceof ApiError && error.status === 0 ? t('walk.photoOffline') : (error as Error).message,
      );
    } finally {
      setUploading(null);
    }
  };

  const submit = async () => {
    setSubmitError(null);
    setSubmitting(true);
    try {
      if (!(await walk.flush())) {
        setSubmitError(t('walk.notSavedYet'));
        return;
      }
      await source.submit(name.trim());
      clearDraft(source.draftKey);
      await queryClient.invalidateQueries({ queryKey: ['walk', source.draftKey] });
      setConfirming(false);
      onSubmitted();
    } catch (error) {
      if (error instanceof ApiError && error.status === 0) setSubmitError(t('walk.notSavedYet'));
      else setSubmitError((error as Error).message);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Stack gap="sm" ref={top} data-testid="walk">
      <Box>
        <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {audit.checklistName} · {audit.auditDate}
        </Text>
        <Title order={3} style={{ overflowWrap: 'anywhere' }} data-testid="walk-brand">
          {audit.brandName}
        </Title>
      </Box>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="sm" fw={500} data-testid="walk-progress">
          {atReview ? t('walk.review') : t('walk.step', { current: step + 1, total: groups.length })}
        </Text>
        <SyncBadge state={walk.state} error={walk.lastError} />
      </Group>
      <Progress
        value={audit.criteria.length ? (answered / audit.criteria.length) * 100 : 0}
        aria-label={t('walk.answered', { count: answered, total: audit.criteria.length })}
      />
      <Text size="xs" c="dimmed" data-testid="walk-answered">
        {t('walk.answered', { count: answered, total: audit.criteria.length })}
      </Text>
      {group && !atReview && (
        <>
          <Title order={4} style={{ overflowWrap: 'anywhere' }} data-testid="walk-group">
            {group.label}
          </Title>
          {group.criteria.map((criterion) => (
            <CriterionCard
              key={criterion.id}
              criterion={criterion}
              answer={walk.answers[criterion.id]}
              photos={photos.filter((p) => p.criterionId === criterion.id)}
              onChange={(change) => walk.set(criterion.id, change)}
              onPhoto={(file) => void upload(criterion.id, file)}
              uploading={uploading === criterion.id}
              photoError={photoErrors[criterion.id] ?? null}
            />
          ))}
        </>
      )}
      {atReview && (
        <Card withBorder p="sm" data-testid="walk-review">
          <Stack gap="xs">
            {groups.map((g, index) => {
              const done = g.criteria.filter((c) => walk.answers[c.id] !== undefined).length;
              return (
                <UnstyledButton key={g.key} onClick={() => go(index)} data-testid="walk-review-group">
                  <Group justify="space-between" wrap="nowrap" gap="xs">
                    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {g.label}
                    </Text>
                    <Badge color={done === g.criteria.length ? 'teal' : 'orange'} variant="light">
                      {done}/{g.criteria.length}
                    </Badge>
                  </Group>
                </UnstyledButton>
              );
            })}
            {answered < audit.criteria.length && (
              <Text size="sm" c="orange" data-testid="walk-unanswered">
                {t('walk.unanswered', { count: audit.criteria.length - answered })}
              </Text>
            )}
            {source.asksName && (
              <TextInput
                label={t('walk.yourName')}
                required
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                data-testid="walk-name"
              />
            )}
            <Button
              size="lg"
              fullWidth
              disabled={answered < audit.criteria.length || (source.asksName && !name.trim())}
              onClick={() => setConfirming(true)}
              data-testid="walk-submit"
            >
              {t('walk.submit')}
            </Button>
          </Stack>
        </Card>
      )}
      <SimpleGrid cols={2} spacing="sm">
        <Button
          size="lg"
          variant="default"
          leftSection={<IconChevronLeft size={18} />}
          disabled={step === 0}
          onClick={() => go(step - 1)}
          data-testid="walk-back"
        >
          {t('walk.back')}
        </Button>
        <Button
          size="lg"
          rightSection={<IconChevronRight size={18} />}
          disabled={atReview}
          onClick={() => go(step + 1)}
          data-testid="walk-next"
        >
          {step === groups.length - 1 ? t('walk.finish') : t('walk.next')}
        </Button>
      </SimpleGrid>
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('walk.confirmTitle')}
        size="sm"
      >
        <Stack>
          <Text size="sm">{t('walk.confirm')}</Text>
          {submitError && (
            <Alert color="red" role="alert" data-testid="walk-submit-error">
              {submitError}
            </Alert>
          )}
          <SimpleGrid cols={2}>
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('walk.cancel')}
            </Button>
            <Button loading={submitting} onClick={() => void submit()} data-testid="walk-submit-confirm">
              {t('walk.submitNow')}
            </Button>
          </SimpleGrid>
        </Stack>
      </Modal>
    </Stack>
  );
}
