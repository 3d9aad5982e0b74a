/**
 * The survey editor: settings (name, status, languages, active dates), the texts and questions in
 * the language of the chosen tab, the look (colour, logo), the consent to be contacted and the
 * complaint rule; beside it the live preview of the unsaved draft. Save sends the whole draft with
 * its version; the API's messages show at the fields they name.
 */
import {
  Alert,
  Button,
  Card,
  ColorInput,
  Grid,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker } from 'react-router';
import {
  isLanguage,
  LANGUAGES,
  type Language,
  type LocalText,
  SURVEY_STATUSES,
  type SurveyStatus,
} from '../../../../src/domain/survey-model';
import { ApiError, ws } from '../../api/client';
import { type Survey, useSaveSurvey } from '../../api/surveys';
import type { Chain } from '../../api/types';
import { fetchAll } from '../../api/workspace-lists';
import { LANGUAGES as UI_LANGUAGES } from '../../i18n/define';
import { useTouchpointIndex } from '../touchpoints/workspace-data';
import { draftOf, errorAt, patchOf, type SurveyDraft, surveyFieldErrors } from './draft';
import { LogoInput } from './logo-input';
import { QuestionsEditor } from './question-editor';
import { PreviewControls, SurveyPreview } from './survey-preview';
import { useNarrow } from './use-narrow';

const LANGUAGE_NAMES = Object.fromEntries(UI_LANGUAGES.map((l) => [l.code, l.name])) as Record<
  Language,
  string
>;

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card withBorder padding="md">
      <Title order={4} mb="sm">
        {title}
      </Title>
      <Stack gap="sm">{children}</Stack>
    </Card>
  );
}

export function SurveyEditor({
  workspaceId,
  survey,
  readOnly,
}: {
  workspaceId: string;
  survey: Survey;
  readOnly: boolean;
}) {
  const { t, i18n } = useTranslation(['surveys', 'common']);
  const [draft, setDraft] = useState<SurveyDraft>(() => draftOf(survey));
  const [base, setBase] = useState(survey);
  // Texts and preview open in the editor's own language when the survey is written in it.
  const [language, setLanguageTab] = useState<Language>(() =>
    isLanguage(i18n.language) && survey.languages.includes(i18n.language)
      ? i18n.language
      : survey.defaultLanguage,
  );
  const [view, setView] = useState<'form' | 'thanks'>('form');
  const save = useSaveSurvey(workspaceId);
  const narrow = useNarrow();
  const touchpoints = useTouchpointIndex();
  const chains = useQuery({
    queryKey: ['chains', workspaceId, 'all-for-surveys'],
    queryFn: () => fetchAll<Chain>(ws(workspaceId, '/chains')),
    staleTime: 30_000,
  });
  const chainsAt = (touchpointId: string) =>
    (chains.data ?? []).filter((c) => c.links.some((l) => l.touchpointId === touchpointId));

  const dirty = JSON.stringify(patchOf(draft, 0)) !== JSON.stringify(patchOf(draftOf(base), 0));
  const conflict =
    save.error instanceof ApiError &&
    save.error.status === 409 &&
    save.error.body.code === 'version_conflict';
  // Another tab or person saved: take the newer survey if this one has no unsaved changes. After a
  // refused save the draft stays, on top of the newer version: saving again puts it over theirs.
  useEffect(() => {
    if (survey.version === base.version) return;
    if (!dirty) {
      setBase(survey);
      setDraft(draftOf(survey));
    } else if (conflict) setBase(survey);
  }, [survey, base.version, dirty, conflict]);

  // Leaving the page (not switching tabs) with unsaved changes asks first; so does closing the window.
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    if (window.confirm(t('leaveUnsaved'))) blocker.proceed();
    else blocker.reset();
  }, [blocker, t]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const errors = surveyFieldErrors(save.error);
  const set = <K extends keyof SurveyDraft>(key: K, value: SurveyDraft[K]) =>
    setDraft((d) => ({ ...d, [key]: value }));
  const setText = (key: 'title' | 'intro' | 'thankYou' | 'consent', value: string) =>
    setDraft((d) => ({
      ...d,
      texts: { ...d.texts, [key]: { ...(d.texts[key] ?? {}), [language]: value } as LocalText },
    }));
  const rule = draft.complaintRule;
  const setRule = (change: Partial<NonNullable<SurveyDraft['complaintRule']>>) =>
    set('complaintRule', { requireComment: false, ...(rule ?? {}), ...change });

  const submit = () => {
    save.mutate(
      { id: survey.id, patch: patchOf(draft, base.version) },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'teal', message: t('common:state.saved') });
          setBase(saved);
          setDraft(draftOf(saved));
        },
      },
    );
  };
  const shownAtField = Object.keys(errors).some((f) => f !== '' && !f.startsWith('version'));
  const otherError =
    save.error && (!shownAtField || conflict) ? (conflict ? t('conflict') : save.error.message) : null;

  const written = (l: Language) => (draft.texts.title[l] ?? '').trim() !== '';
  const textField = (key: 'title' | 'intro' | 'thankYou' | 'consent') => ({
    value: draft.texts[key]?.[language] ?? '',
    onChange: (e: { currentTarget: { value: string } }) => setText(key, e.currentTarget.value),
    error: errorAt(errors, `texts.${key}`),
    readOnly,
  });

  return (
    <Grid gap="md" data-testid="survey-editor">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Stack gap="md">
          <Section title={t('section.settings')}>
            <TextInput
              label={t('field.name')}
              required
              value={draft.name}
              onChange={(e) => set('name', e.currentTarget.value)}
              error={errors.name}
              readOnly={readOnly}
              data-testid="survey-name"
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={t('field.touchpoint')}
                searchable
                allowDeselect={false}
                data={(touchpoints.data ?? []).map((tp) => ({ value: tp.id, label: tp.name }))}
                value={draft.touchpointId}
                onChange={(v) =>
                  v &&
                  setDraft((d) => ({
                    ...d,
                    touchpointId: v,
                    // A chain counts only with a link at the touchpoint.
                    chainId: chainsAt(v).some((c) => c.id === d.chainId) ? d.chainId : null,
                  }))
                }
                error={errors.touchpointId}
                readOnly={readOnly}
                data-testid="survey-touchpoint"
              />
              <Select
                label={t('field.chain')}
                description={t('field.chainHint')}
                clearable
                placeholder={t('field.noChain')}
                data={chainsAt(draft.touchpointId).map((c) => ({ value: c.id, label: c.name }))}
                value={draft.chainId}
                onChange={(v) => set('chainId', v)}
                error={errors.chainId}
                readOnly={readOnly}
                data-testid="survey-chain"
              />
            </SimpleGrid>
            <div>
              <Text size="sm" fw={500} mb={4}>
                {t('field.status')}
              </Text>
              <SegmentedControl
                aria-label={t('field.status')}
                value={draft.status}
                onChange={(v) => set('status', v as SurveyStatus)}
                data={SURVEY_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
                orientation={narrow ? 'vertical' : 'horizontal'}
                disabled={readOnly}
                data-testid="survey-status"
              />
              {errors.status && (
                <Text size="xs" c="red" mt={4}>
                  {errors.status}
                </Text>
              )}
              <Text size="xs" c="dimmed" mt={4}>
                {t(`statusHint.${draft.status}`)}
              </Text>
            </div>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Select
                label={t('field.defaultLanguage')}
                description={t('field.defaultLanguageHint')}
                allowDeselect={false}
                data={LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))}
                value={draft.defaultLanguage}
                onChange={(v) => v && set('defaultLanguage', v as Language)}
                error={errors.defaultLanguage}
                readOnly={readOnly}
              />
              <TextInput
                type="datetime-local"
                label={t('field.startsAt')}
                description={t('field.datesHint')}
                value={draft.startsAt}
                onChange={(e) => set('startsAt', e.currentTarget.value)}
                error={errors.startsAt}
                readOnly={readOnly}
                data-testid="survey-starts"
              />
              <TextInput
                type="datetime-local"
                label={t('field.endsAt')}
                description={t('field.datesHint')}
                value={draft.endsAt}
                onChange={(e) => set('endsAt', e.currentTarget.value)}
                error={errors.endsAt}
                readOnly={readOnly}
                data-testid="survey-ends"
              />
            </SimpleGrid>
          </Section>

          <Section title={t('section.content')}>
            <Tabs
              variant="pills"
              value={language}
              onChange={(v) => v && setLanguageTab(v as Language)}
              keepMounted={false}
            >
              <Tabs.List aria-label={t('field.textLanguage')}>
                {LANGUAGES.map((l) => (
                  <Tabs.Tab
                    key={l}
                    value={l}
                    data-testid={`lang-tab-${l}`}
                    rightSection={
                      written(l) ? (
                        <IconCheck size={12} aria-label={t('languageWritten')} role="img" />
                      ) : undefined
                    }
                  >
                    {l.toUpperCase()}
                  </Tabs.Tab>
                ))}
              </Tabs.List>
            </Tabs>
            <Text size="xs" c="dimmed">
              {t('textsHint', { language: LANGUAGE_NAMES[language] })}
            </Text>
            <TextInput label={t('field.title')} required data-testid="survey-title" {...textField('title')} />
            <Textarea
              label={t('field.intro')}
              autosize
              minRows={2}
              data-testid="survey-intro"
              {...textField('intro')}
            />
            <QuestionsEditor
              questions={draft.questions}
              onChange={(questions) => set('questions', questions)}
              language={language}
              errors={errors}
              readOnly={readOnly}
            />
            <Textarea
              label={t('field.thankYou')}
              required
              autosize
              minRows={2}
              data-testid="survey-thank-you"
              {...textField('thankYou')}
              onFocus={() => setView('thanks')}
              onBlur={() => setView('form')}
            />
          </Section>

          <Section title={t('section.look')}>
            <ColorInput
              label={t('field.colour')}
              format="hex"
              w={200}
              maw="100%"
              value={draft.colour}
              onChange={(v) => set('colour', v)}
              error={errors.colour}
              readOnly={readOnly}
              data-testid="survey-colour"
            />
            <LogoInput
              value={draft.logo}
              onChange={(v) => set('logo', v)}
              error={errors.logo}
              readOnly={readOnly}
            />
          </Section>

          <Section title={t('section.contact')}>
            <Switch
              label={t('field.contactConsent')}
              description={t('field.contactConsentHint')}
              checked={draft.contactConsent}
              onChange={(e) => set('contactConsent', e.currentTarget.checked)}
              disabled={readOnly}
              data-testid="survey-consent"
            />
            {draft.contactConsent && (
              <Textarea
                label={t('field.consentText', { language: language.toUpperCase() })}
                autosize
                minRows={2}
                data-testid="survey-consent-text"
                {...textField('consent')}
              />
            )}
            {draft.contactConsent && !(draft.texts.consent?.[draft.defaultLanguage] ?? '').trim() && (
              <Text size="xs" c="orange" data-testid="survey-consent-missing">
                {t('field.consentMissing')}
              </Text>
            )}
          </Section>

          <Section title={t('section.complaints')}>
            <Switch
              label={t('rule.enabled')}
              description={t('rule.hint')}
              checked={rule !== null}
              onChange={(e) =>
                set(
                  'complaintRule',
                  e.currentTarget.checked ? { csatMax: 2, npsMax: 6, requireComment: false } : null,
                )
              }
              disabled={readOnly}
              data-testid="survey-rule"
            />
            {rule && (
              <>
                <SimpleGrid cols={{ base: 1, sm: 3 }}>
                  <NumberInput
                    label={t('rule.csatMax')}
                    min={1}
                    max={5}
                    allowDecimal={false}
                    value={rule.csatMax ?? ''}
                    onChange={(v) => setRule({ csatMax: v === '' ? undefined : Number(v) })}
                    error={errors['complaintRule.csatMax']}
                    readOnly={readOnly}
                  />
                  <NumberInput
                    label={t('rule.npsMax')}
                    min={0}
                    max={10}
                    allowDecimal={false}
                    value={rule.npsMax ?? ''}
                    onChange={(v) => setRule({ npsMax: v === '' ? undefined : Number(v) })}
                    error={errors['complaintRule.npsMax']}
                    readOnly={readOnly}
                  />
                  <NumberInput
                    label={t('rule.cesMin')}
                    min={1}
                    max={7}
                    allowDecimal={false}
                    value={rule.cesMin ?? ''}
                    onChange={(v) => setRule({ cesMin: v === '' ? undefined : Number(v) })}
                    error={errors['complaintRule.cesMin']}
                    readOnly={readOnly}
                  />
                </SimpleGrid>
                <Switch
                  label={t('rule.requireComment')}
                  checked={rule.requireComment}
                  onChange={(e) => setRule({ requireComment: e.currentTarget.checked })}
                  disabled={readOnly}
                />
                {errors.complaintRule && (
                  <Text size="xs" c="red">
                    {errors.complaintRule}
                  </Text>
                )}
              </>
            )}
          </Section>

          {otherError && (
            <Alert color="red" role="alert" data-testid="survey-save-error">
              {otherError}
            </Alert>
          )}
          {!readOnly && (
            <Group
              justify="flex-end"
              gap="sm"
              py="xs"
              style={{ position: 'sticky', bottom: 0, background: 'var(--mantine-color-body)', zIndex: 2 }}
            >
              {dirty && !narrow && (
                <Text size="sm" c="dimmed" data-testid="survey-dirty">
                  {t('unsaved')}
                </Text>
              )}
              <Button variant="subtle" px="xs" disabled={!dirty} onClick={() => setDraft(draftOf(base))}>
                {t('discard')}
              </Button>
              <Button onClick={submit} loading={save.isPending} disabled={!dirty} data-testid="survey-save">
                {t('common:action.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Stack gap="sm" style={{ position: 'sticky', top: 72 }}>
          <Title order={4} ta="center">
            {t('preview.title')}
          </Title>
          <PreviewControls
            languages={LANGUAGES}
            language={language}
            onLanguage={setLanguageTab}
            view={view}
            onView={setView}
          />
          <SurveyPreview draft={draft} language={language} view={view} label={t('preview.title')} />
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
