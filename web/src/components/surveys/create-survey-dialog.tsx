/**
 * A new survey: a template (after a call, after a visit, after a purchase, website, trust
 * questions — or blank), the touchpoint it asks about, and a name. The template's questions and
 * texts come in all six languages; the editor opens on the new survey.
 */
import { Card, Modal, Select, SimpleGrid, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage, localText } from '../../../../src/domain/survey-model';
import { type Survey, type SurveyTemplate, useCreateSurvey, useSurveyTemplates } from '../../api/surveys';
import { DialogActions } from '../dialog-actions';
import { QueryState } from '../states';
import { useTouchpointIndex } from '../touchpoints/workspace-data';
import { surveyFieldErrors } from './draft';

function TemplateCard({
  template,
  selected,
  onSelect,
}: {
  template: SurveyTemplate;
  selected: boolean;
  onSelect: () => void;
}) {
  const { t, i18n } = useTranslation('surveys');
  const language = isLanguage(i18n.language) ? i18n.language : 'en';
  return (
    <UnstyledButton
      onClick={onSelect}
      aria-pressed={selected}
      data-testid="template-option"
      data-template={template.key}
    >
      <Card
        withBorder
        padding="sm"
        h="100%"
        style={{
          borderColor: selected ? 'var(--mantine-color-blue-6)' : undefined,
          boxShadow: selected ? '0 0 0 1px var(--mantine-color-blue-6)' : undefined,
        }}
      >
        <Text fw={600} size="sm">
          {localText(template.name, language, 'en')}
        </Text>
        <Text size="xs" c="dimmed">
          {localText(template.description, language, 'en')}
        </Text>
        <Text size="xs" c="dimmed" mt={4}>
          {t('create.questions', { count: template.questions.length })}
        </Text>
      </Card>
    </UnstyledButton>
  );
}

function CreateForm({
  workspaceId,
  touchpointId,
  onClose,
  onCreated,
}: {
  workspaceId: string;
  touchpointId?: string | undefined;
  onClose: () => void;
  onCreated: (survey: Survey) => void;
}) {
  const { t, i18n } = useTranslation(['surveys', 'common']);
  const templates = useSurveyTemplates(workspaceId);
  const touchpoints = useTouchpointIndex();
  const create = useCreateSurvey(workspaceId);
  const [templateKey, setTemplateKey] = useState<string | null>(null);
  const [touchpoint, setTouchpoint] = useState<string | null>(touchpointId ?? null);
  const [name, setName] = useState('');
  const [nameTouched, setNameTouched] = useState(false);
  const errors = surveyFieldErrors(create.error);
  const language = isLanguage(i18n.language) ? i18n.language : 'en';

  // The name follows the template and touchpoint until the user types one.
  const suggest = (key: string | null, tpId: string | null) => {
    if (nameTouched) return;
    const template = templates.data?.find((tpl) => tpl.key === key);
    const tpName = touchpoints.data?.find((tp) => tp.id === tpId)?.name;
    const parts = [template ? localText(template.name, language, 'en') : '', tpName ?? ''].filter(Boolean);
    setName(parts.join(' · '));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // A blank survey: one CSAT question and a comment in the editor's language, to build on.
    const words = i18n.getFixedT(language, 'surveys');
    const blank = {
      questions: [
        {
          id: 'csat',
          kind: 'csat' as const,
          required: true,
          text: { [language]: words('respondent.blank.csat') },
        },
        {
          id: 'comment',
          kind: 'comment' as const,
          required: false,
          text: { [language]: words('respondent.blank.comment') },
        },
      ],
      texts: { title: { [language]: name }, thankYou: { [language]: words('respondent.blank.thankYou') } },
    };
    create.mutate(
      {
        name,
        touchpointId: touchpoint ?? '',
        ...(templateKey ? { templateKey } : blank),
        defaultLanguage: language,
      },
      { onSuccess: (survey) => onCreated(survey) },
    );
  };
  const shown = ['name', 'touchpointId', 'templateKey'];
  const otherError = create.error && !shown.some((f) => errors[f]) ? create.error.message : undefined;

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm" fw={500}>
          {t('create.template')}
        </Text>
        <QueryState query={templates}>
          {(list) => (
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" data-testid="template-picker">
              {list.map((template) => (
                <TemplateCard
                  key={template.key}
                  template={template}
                  selected={templateKey === template.key}
                  onSelect={() => {
                    setTemplateKey(template.key);
                    suggest(template.key, touchpoint);
                  }}
                />
              ))}
              <UnstyledButton
                onClick={() => {
                  setTemplateKey(null);
                  suggest(null, touchpoint);
                }}
                aria-pressed={templateKey === null}
                data-testid="template-option"
                data-template=""
              >
                <Card
                  withBorder
                  padding="sm"
                  h="100%"
                  style={{
                    borderColor: templateKey === null ? 'var(--mantine-color-blue-6)' : undefined,
                    boxShadow: templateKey === null ? '0 0 0 1px var(--mantine-color-blue-6)' : undefined,
                  }}
                >
                  <Text fw={600} size="sm">
                    {t('create.blank')}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('create.blankHint')}
                  </Text>
                </Card>
              </UnstyledButton>
            </SimpleGrid>
          )}
        </QueryState>
        {errors.templateKey && (
          <Text size="xs" c="red">
            {errors.templateKey}
          </Text>
        )}
        <Select
          label={t('field.touchpoint')}
          required
          searchable
          data={(touchpoints.data ?? []).map((tp) => ({ value: tp.id, label: tp.name }))}
          value={touchpoint}
          onChange={(value) => {
            setTouchpoint(value);
            suggest(templateKey, value);
          }}
          error={errors.touchpointId}
          nothingFoundMessage={t('create.noTouchpoints')}
          data-testid="survey-create-touchpoint"
        />
        <TextInput
          label={t('field.name')}
          required
          value={name}
          onChange={(e) => {
            setNameTouched(true);
            setName(e.currentTarget.value);
          }}
          error={errors.name}
          data-testid="survey-create-name"
        />
        <DialogActions
          error={otherError}
          onCancel={onClose}
          label={t('create.submit')}
          pending={create.isPending}
          testId="survey-create-submit"
        />
      </Stack>
    </form>
  );
}

export function CreateSurveyDialog({
  opened,
  ...props
}: {
  opened: boolean;
  workspaceId: string;
  touchpointId?: string | undefined;
  onClose: () => void;
  onCreated: (survey: Survey) => void;
}) {
  const { t } = useTranslation('surveys');
  return (
    <Modal opened={opened} onClose={props.onClose} title={t('create.title')} size="lg">
      {opened && <CreateForm {...props} />}
    </Modal>
  );
}
