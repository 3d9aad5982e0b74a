/**
 * The questions of a survey: each with its kind, whether it must be answered, its id (stored with
 * every answer) and its text in the language being edited; choice questions with their options.
 * Questions move up and down and are removed with buttons (keyboard-friendly, no drag needed).
 */
import {
  ActionIcon,
  Button,
  Card,
  Group,
  Menu,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { type Language, QUESTION_KINDS, type QuestionKind } from '../../../../src/domain/survey-model';
import { type DraftQuestion, errorAt, newQuestion } from './draft';

const MAX_OPTIONS = 10;
const MIN_OPTIONS = 2;

function OptionsEditor({
  question,
  index,
  language,
  onChange,
  errors,
  readOnly,
}: {
  question: DraftQuestion;
  index: number;
  language: Language;
  onChange: (question: DraftQuestion) => void;
  errors: Record<string, string>;
  readOnly: boolean;
}) {
  const { t } = useTranslation('surveys');
  const options = question.options ?? [];
  const setOption = (i: number, change: Partial<(typeof options)[number]>) =>
    onChange({ ...question, options: options.map((o, j) => (j === i ? { ...o, ...change } : o)) });
  const listError = errors[`questions.${index}.options`];
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500}>
        {t('question.options')}
      </Text>
      {options.map((option, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: options have no identity beyond their place
        <Group key={i} gap="xs" wrap="nowrap" align="flex-start" data-testid="question-option">
          <TextInput
            aria-label={t('question.optionText', { n: i + 1 })}
            placeholder={t('question.optionText', { n: i + 1 })}
            style={{ flex: 1, minWidth: 0 }}
            value={option.text[language] ?? ''}
            onChange={(e) => setOption(i, { text: { ...option.text, [language]: e.currentTarget.value } })}
            error={errorAt(errors, `questions.${index}.options.${i}.text`)}
            readOnly={readOnly}
            data-testid="option-text"
          />
          <TextInput
            aria-label={t('question.optionKey', { n: i + 1 })}
            w={110}
            value={option.key}
            onChange={(e) => setOption(i, { key: e.currentTarget.value })}
            error={errorAt(errors, `questions.${index}.options.${i}.key`)}
            readOnly={readOnly}
          />
          {!readOnly && (
            <ActionIcon
              variant="subtle"
              color="red"
              mt={4}
              aria-label={t('question.removeOption', { n: i + 1 })}
              disabled={options.length <= MIN_OPTIONS}
              onClick={() => onChange({ ...question, options: options.filter((_, j) => j !== i) })}
            >
              <IconTrash size={16} />
            </ActionIcon>
          )}
        </Group>
      ))}
      {listError && (
        <Text size="xs" c="red" role="alert">
          {listError}
        </Text>
      )}
      {!readOnly && options.length < MAX_OPTIONS && (
        <Button
          variant="subtle"
          size="xs"
          w="fit-content"
          leftSection={<IconPlus size={14} />}
          onClick={() => {
            const taken = new Set(options.map((o) => o.key));
            let n = options.length + 1;
            while (taken.has(`option-${n}`)) n++;
            onChange({ ...question, options: [...options, { key: `option-${n}`, text: {} }] });
          }}
        >
          {t('question.addOption')}
        </Button>
      )}
    </Stack>
  );
}

function QuestionCard({
  question,
  index,
  count,
  language,
  onChange,
  onMove,
  onRemove,
  errors,
  readOnly,
}: {
  question: DraftQuestion;
  index: number;
  count: number;
  language: Language;
  onChange: (question: DraftQuestion) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
  errors: Record<string, string>;
  readOnly: boolean;
}) {
  const { t } = useTranslation('surveys');
  const setKind = (kind: QuestionKind) =>
    onChange({
      ...question,
      kind,
      options:
        kind === 'choice'
          ? question.options?.length
            ? question.options
            : [
                { key: 'option-1', text: {} },
                { key: 'option-2', text: {} },
              ]
          : undefined,
    });
  return (
    <Card withBorder padding="sm" data-testid="question-card" data-question={question.id}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Text fw={600} size="sm">
            {t('question.number', { n: index + 1 })}
          </Text>
          {!readOnly && (
            <Group gap={2} wrap="nowrap">
              <Tooltip label={t('question.up')}>
                <ActionIcon
                  variant="subtle"
                  aria-label={t('question.up')}
                  disabled={index === 0}
                  onClick={() => onMove(-1)}
                  data-testid="question-up"
                >
                  <IconArrowUp size={16} />
                </ActionIcon>
              </Tooltip>
              <Tooltip label={t('question.down')}>
                <ActionIcon
                  variant="subtle"
                  aria-label={t('question.down')}
                  disabled={index === count - 1}
                  onClick={() => onMove(1)}
                  data-testid="question-down"
                >
                  <IconArrowDown size={16} />
                </ActionIcon>
              </Tooltip>
              <Tooltip label={t('question.remove')}>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('question.remove')}
                  onClick={onRemove}
                  data-testid="question-remove"
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Tooltip>
            </Group>
          )}
        </Group>
        <TextInput
          label={t('question.text', { language: language.toUpperCase() })}
          value={question.text[language] ?? ''}
          onChange={(e) =>
            onChange({ ...question, text: { ...question.text, [language]: e.currentTarget.value } })
          }
          error={errorAt(errors, `questions.${index}.text`)}
          readOnly={readOnly}
          data-testid="question-text"
        />
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Select
            label={t('question.kind')}
            w={{ base: '100%', xs: 170 }}
            allowDeselect={false}
            data={QUESTION_KINDS.map((kind) => ({ value: kind, label: t(`kind.${kind}`) }))}
            value={question.kind}
            onChange={(v) => v && setKind(v as QuestionKind)}
            error={errors[`questions.${index}.kind`]}
            readOnly={readOnly}
            data-testid="question-kind"
          />
          <TextInput
            label={t('question.id')}
            w={{ base: '100%', xs: 150 }}
            value={question.id}
            onChange={(e) => onChange({ ...question, id: e.currentTarget.value })}
            error={errors[`questions.${index}.id`]}
            readOnly={readOnly}
            data-testid="question-id"
          />
          <Switch
            label={t('question.required')}
            checked={question.required}
            onChange={(e) => onChange({ ...question, required: e.currentTarget.checked })}
            disabled={readOnly}
            mb={8}
            data-testid="question-required"
          />
        </Group>
        {question.kind === 'choice' && (
          <OptionsEditor
            question={question}
            index={index}
            language={language}
            onChange={onChange}
            errors={errors}
            readOnly={readOnly}
          />
        )}
      </Stack>
    </Card>
  );
}

export function QuestionsEditor({
  questions,
  onChange,
  language,
  errors,
  readOnly,
}: {
  questions: DraftQuestion[];
  onChange: (questions: DraftQuestion[]) => void;
  language: Language;
  errors: Record<string, string>;
  readOnly: boolean;
}) {
  const { t } = useTranslation('surveys');
  const listError = errors.questions;
  return (
    <Stack gap="sm" data-testid="questions-editor">
      {questions.map((question, index) => (
        <QuestionCard
          key={question.uid}
          question={question}
          index={index}
          count={questions.length}
          language={language}
          errors={errors}
          readOnly={readOnly}
          onChange={(next) => onChange(questions.map((q, i) => (i === index ? next : q)))}
          onRemove={() => onChange(questions.filter((_, i) => i !== index))}
          onMove={(delta) => {
            const next = [...questions];
            const [moved] = next.splice(index, 1);
            if (moved) next.splice(index + delta, 0, moved);
            onChange(next);
          }}
        />
      ))}
      {listError && (
        <Text size="sm" c="red" role="alert">
          {listError}
        </Text>
      )}
      {!readOnly && (
        <Menu position="bottom-start">
          <Menu.Target>
            <Button
              variant="light"
              leftSection={<IconPlus size={16} />}
              w="fit-content"
              data-testid="question-add"
            >
              {t('question.add')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {QUESTION_KINDS.map((kind) => (
              <Menu.Item
                key={kind}
                onClick={() =>
                  onChange([...questions, newQuestion(kind, questions, { [language]: t(`kind.${kind}`) })])
                }
                data-testid={`question-add-${kind}`}
              >
                {t(`kind.${kind}`)}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      )}
    </Stack>
  );
}
