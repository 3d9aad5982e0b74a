/**
 * The survey as the respondent sees it, in a phone-sized frame and in the chosen language: the
 * logo and title in the brand's colour, the questions with their scales, the consent to be
 * contacted, the send button; or the thank-you text. Drawn from the editor's unsaved draft, so
 * every change shows at once. The words of the page itself (scale ends, "Send") are the public
 * page's own (src/public/texts.ts), in the respondent's language, not the editor's.
 */
import {
  Box,
  Checkbox,
  Group,
  Image,
  Radio,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Language,
  localText,
  SCORE_SCALES,
  type SurveyQuestion,
} from '../../../../src/domain/survey-model';
import { PUBLIC_TEXTS } from '../../../../src/public/texts';
import type { SurveyDraft } from './draft';
import { useNarrow } from './use-narrow';

function range(min: number, max: number): number[] {
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}

function ScoreScale({
  question,
  colour,
  value,
  onChange,
  language,
}: {
  question: SurveyQuestion & { kind: 'csat' | 'nps' | 'ces' };
  colour: string;
  value: number | undefined;
  onChange: (value: number) => void;
  language: Language;
}) {
  const t = PUBLIC_TEXTS[language];
  const scale = SCORE_SCALES[question.kind];
  const values = range(scale.min, scale.max);
  return (
    <div>
      <Group gap={4} wrap={values.length > 7 ? 'wrap' : 'nowrap'} justify="center">
        {values.map((v) => {
          const selected = value === v;
          return (
            <UnstyledButton
              key={v}
              onClick={() => onChange(v)}
              aria-pressed={selected}
              style={{
                width: values.length > 7 ? 30 : 36,
                height: values.length > 7 ? 30 : 36,
                borderRadius: 6,
                border: `1px solid ${colour}`,
                background: selected ? colour : 'white',
                color: selected ? 'white' : '#222',
                textAlign: 'center',
                fontSize: 14,
                lineHeight: values.length > 7 ? '28px' : '34px',
              }}
            >
              {v}
            </UnstyledButton>
          );
        })}
      </Group>
      <Group justify="space-between" mt={4} wrap="nowrap">
        <Text size="xs" c="dimmed">
          {t[`${question.kind}Low`]}
        </Text>
        <Text size="xs" c="dimmed" ta="right">
          {t[`${question.kind}High`]}
        </Text>
      </Group>
    </div>
  );
}

export function SurveyPreview({
  draft,
  language,
  view,
  label,
}: {
  draft: SurveyDraft;
  language: Language;
  view: 'form' | 'thanks';
  /** What the region is called for a screen reader ("Live preview"). */
  label: string;
}) {
  const t = PUBLIC_TEXTS[language];
  const fallback = draft.defaultLanguage;
  const text = (value: Parameters<typeof localText>[0]) => localText(value, language, fallback);
  const [answers, setAnswers] = useState<Record<string, number | string>>({});
  const [consent, setConsent] = useState(false);
  const colour = /^#[0-9a-fA-F]{6}$/.test(draft.colour) ? draft.colour : '#1f6feb';

  return (
    <Box
      data-testid="survey-preview"
      role="region"
      aria-label={label}
      lang={language}
      style={{
        width: 340,
        maxWidth: '100%',
        minHeight: 560,
        // Beside the editor the frame stays in view and scrolls inside, as a phone would.
        maxHeight: 'max(560px, calc(100vh - 190px))',
        margin: '0 auto',
        border: '10px solid #1a1b1e',
        borderRadius: 28,
        background: '#f8f9fa',
        overflowX: 'hidden',
        overflowY: 'auto',
      }}
    >
      <Box style={{ background: colour, color: 'white', padding: '16px 16px 12px' }}>
        {draft.logo && (
          <Image src={draft.logo} alt="" h={40} w="auto" fit="contain" mb={8} data-testid="preview-logo" />
        )}
        <Text fw={700} size="lg" data-testid="preview-title" style={{ overflowWrap: 'anywhere' }}>
          {text(draft.texts.title)}
        </Text>
      </Box>
      {view === 'thanks' ? (
        <Stack p="md" gap="sm" data-testid="preview-thanks">
          <Text size="md" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {text(draft.texts.thankYou)}
          </Text>
        </Stack>
      ) : (
        <Stack p="md" gap="md">
          {text(draft.texts.intro) && (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {text(draft.texts.intro)}
            </Text>
          )}
          {draft.questions.map((question, index) => (
            <Stack
              key={question.uid}
              gap={6}
              data-testid="preview-question"
              data-question={question.id}
              data-kind={question.kind}
            >
              <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                {`${index + 1}. ${text(question.text)}`}
                <Text component="span" size="xs" c="dimmed" fw={400}>
                  {` (${question.required ? t.required : t.optional})`}
                </Text>
              </Text>
              {(question.kind === 'csat' || question.kind === 'nps' || question.kind === 'ces') && (
                <ScoreScale
                  question={question as SurveyQuestion & { kind: 'csat' | 'nps' | 'ces' }}
                  colour={colour}
                  language={language}
                  value={answers[question.uid] as number | undefined}
                  onChange={(v) => setAnswers((a) => ({ ...a, [question.uid]: v }))}
                />
              )}
              {question.kind === 'choice' && (
                <Radio.Group
                  value={(answers[question.uid] as string | undefined) ?? null}
                  onChange={(v) => setAnswers((a) => ({ ...a, [question.uid]: v }))}
                >
                  <Stack gap={6}>
                    {(question.options ?? []).map((option, i) => (
                      <Radio
                        // biome-ignore lint/suspicious/noArrayIndexKey: an option's key is being typed; its place is stable
                        key={i}
                        value={option.key || String(i)}
                        label={text(option.text)}
                        color={colour}
                      />
                    ))}
                  </Stack>
                </Radio.Group>
              )}
              {question.kind === 'comment' && (
                <Textarea aria-label={text(question.text)} description={t.commentHint} autosize minRows={3} />
              )}
            </Stack>
          ))}
          {/* As on the public page: the contact fields only with a consent sentence to agree to. */}
          {draft.contactConsent && text(draft.texts.consent) && (
            <Stack gap={6} data-testid="preview-consent">
              <Checkbox
                checked={consent}
                onChange={(e) => setConsent(e.currentTarget.checked)}
                label={text(draft.texts.consent)}
                color={colour}
              />
              <TextInput size="xs" type="email" label={`${t.email} (${t.optional})`} />
              <TextInput size="xs" type="tel" label={`${t.phone} (${t.optional})`} />
            </Stack>
          )}
          <UnstyledButton
            style={{
              background: colour,
              color: 'white',
              borderRadius: 6,
              padding: '10px 16px',
              textAlign: 'center',
              fontWeight: 600,
            }}
          >
            {t.send}
          </UnstyledButton>
        </Stack>
      )}
    </Box>
  );
}

/** Language and page (form / thank-you) of the preview. */
export function PreviewControls({
  languages,
  language,
  onLanguage,
  view,
  onView,
}: {
  languages: readonly Language[];
  language: Language;
  onLanguage: (language: Language) => void;
  view: 'form' | 'thanks';
  onView: (view: 'form' | 'thanks') => void;
}) {
  const { t } = useTranslation('surveys');
  const narrow = useNarrow();
  const languageData = languages.map((l) => ({ value: l, label: l.toUpperCase() }));
  return (
    <Group gap="xs" justify="center" wrap="wrap">
      {narrow ? (
        <Select
          size="xs"
          w={80}
          aria-label={t('preview.language')}
          allowDeselect={false}
          value={language}
          onChange={(v) => v && onLanguage(v as Language)}
          data={languageData}
          data-testid="preview-language"
        />
      ) : (
        <SegmentedControl
          size="xs"
          aria-label={t('preview.language')}
          value={language}
          onChange={(v) => onLanguage(v as Language)}
          data={languageData}
          data-testid="preview-language"
        />
      )}
      <SegmentedControl
        size="xs"
        aria-label={t('preview.page')}
        value={view}
        onChange={(v) => onView(v as 'form' | 'thanks')}
        orientation={narrow ? 'vertical' : 'horizontal'}
        data={[
          { value: 'form', label: t('preview.form') },
          { value: 'thanks', label: t('preview.thanks') },
        ]}
        data-testid="preview-view"
      />
    </Group>
  );
}
