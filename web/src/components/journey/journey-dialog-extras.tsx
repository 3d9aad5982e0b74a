/**
 * The parts of the new-map dialog about personas and templates: the persona the map is drawn for,
 * and (for a new map) the template it starts from, with its stages in the reader's language.
 */
import { Select, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useJourneyTemplates, usePersonas } from '../../api/personas';
import { useNames } from '../names';

export interface MapStartFields {
  personaId: string | null;
  templateKey: string | null;
}

export function JourneyDialogExtras({
  fields,
  name,
  errors,
  withTemplate,
  onChange,
}: {
  fields: MapStartFields;
  /** The map's name so far: a template names a map still unnamed. */
  name: string;
  errors: Record<string, string>;
  withTemplate: boolean;
  onChange: (change: Partial<MapStartFields> & { name?: string }) => void;
}) {
  const { t, i18n } = useTranslation('personas');
  const personas = usePersonas();
  const templates = useJourneyTemplates(i18n.language, withTemplate);
  const names = useNames();
  const template = templates.data?.find((x) => x.key === fields.templateKey);
  return (
    <>
      {withTemplate && (
        <Stack gap={4}>
          <Select
            label={t('template.label')}
            description={t('template.hint')}
            placeholder={t('template.blank')}
            clearable
            value={fields.templateKey}
            onChange={(templateKey) => {
              const picked = templates.data?.find((x) => x.key === templateKey);
              const named = templates.data?.some((x) => x.name === name);
              onChange({ templateKey, ...(picked && (!name.trim() || named) ? { name: picked.name } : {}) });
            }}
            data={(templates.data ?? []).map((x) => ({ value: x.key, label: x.name }))}
            error={errors.templateKey}
            data-testid="journey-template"
          />
          {template && (
            <Text size="xs" c="dimmed" data-testid="journey-template-stages">
              {template.description}{' '}
              {t('template.stages', {
                stages: template.stages
                  .map((s) => (s.name === null ? names.stage({ key: s.key, customName: null }) : s.name))
                  .join(' → '),
              })}
            </Text>
          )}
        </Stack>
      )}
      <Select
        label={t('persona')}
        placeholder={t('noPersona')}
        clearable
        searchable
        value={fields.personaId}
        onChange={(personaId) => onChange({ personaId })}
        data={(personas.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
        error={errors.personaId}
        nothingFoundMessage={t('emptyTitle')}
        data-testid="journey-persona"
      />
    </>
  );
}
