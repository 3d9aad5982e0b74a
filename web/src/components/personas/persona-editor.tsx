/** Creates or edits a persona: who, quote, goals / needs / pains as lists, avatar colour and photo. */
import {
  ActionIcon,
  Button,
  CheckIcon,
  ColorSwatch,
  FileButton,
  Group,
  Modal,
  Stack,
  Text,
  Textarea,
  TextInput,
  Tooltip,
  useMantineTheme,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPhotoUp, IconPlus, IconTrash, IconX } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PERSONA_AVATARS, PERSONA_LIST_MAX } from '../../../../src/domain/personas.js';
import { ApiError, api, ws } from '../../api/client';
import { type Persona, uploadPersonaPhoto } from '../../api/personas';
import { DialogActions } from '../dialog-actions';
import { errorMessage } from '../states';
import { PersonaAvatar } from './persona-avatar';

type ListKey = 'goals' | 'needs' | 'pains';
const LISTS: readonly ListKey[] = ['goals', 'needs', 'pains'];

interface Fields {
  name: string;
  role: string;
  segment: string;
  quote: string;
  avatar: string;
  goals: string[];
  needs: string[];
  pains: string[];
}

const blank: Fields = {
  name: '',
  role: '',
  segment: '',
  quote: '',
  avatar: '',
  goals: [''],
  needs: [''],
  pains: [''],
};

function fieldsOf(p: Persona): Fields {
  const list = (entries: string[]) => (entries.length > 0 ? [...entries] : ['']);
  return {
    name: p.name,
    role: p.role,
    segment: p.segment,
    quote: p.quote,
    avatar: p.avatar,
    goals: list(p.goals),
    needs: list(p.needs),
    pains: list(p.pains),
  };
}

/** One list (goals, needs or pains): an input per entry, add and remove. */
function EntryList({
  list,
  entries,
  errors,
  onChange,
}: {
  list: ListKey;
  entries: string[];
  errors: Record<string, string>;
  onChange: (entries: string[]) => void;
}) {
  const { t } = useTranslation('personas');
  const label = t(`fields.${list}`);
  return (
    <Stack gap={4} data-testid={`persona-${list}`}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      {entries.map((entry, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the inputs are edited in place; their place is their identity
        <Group key={`${list}-${i}`} gap={4} wrap="nowrap" align="flex-start">
          <TextInput
            style={{ flex: 1 }}
            aria-label={`${label} ${i + 1}`}
            placeholder={t('entryPlaceholder')}
            value={entry}
            error={errors[`${list}.${i}`]}
            onChange={(e) => onChange(entries.map((x, j) => (j === i ? e.currentTarget.value : x)))}
            data-testid={`persona-${list}-${i}`}
          />
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            aria-label={t('removeEntry', { n: i + 1, list: label })}
            onClick={() => onChange(entries.length === 1 ? [''] : entries.filter((_, j) => j !== i))}
          >
            <IconX size={16} />
          </ActionIcon>
        </Group>
      ))}
      {errors[list] && (
        <Text size="xs" c="red">
          {errors[list]}
        </Text>
      )}
      <Button
        variant="subtle"
        size="compact-sm"
        leftSection={<IconPlus size={14} />}
        style={{ alignSelf: 'flex-start' }}
        disabled={entries.length >= PERSONA_LIST_MAX}
        onClick={() => onChange([...entries, ''])}
        data-testid={`persona-${list}-add`}
      >
        {t('addEntry')}
      </Button>
    </Stack>
  );
}

function AvatarColours({ value, onChange }: { value: string; onChange: (avatar: string) => void }) {
  const { t } = useTranslation('personas');
  const theme = useMantineTheme();
  return (
    <div role="radiogroup" aria-label={t('fields.avatar')}>
      <Text size="sm" fw={500} mb={4}>
        {t('fields.avatar')}
      </Text>
      <Group gap={6}>
        <Button
          size="compact-xs"
          variant={value === '' ? 'filled' : 'default'}
          role="radio"
          aria-checked={value === ''}
          onClick={() => onChange('')}
        >
          {t('autoColour')}
        </Button>
        {PERSONA_AVATARS.map((colour) => (
          <Tooltip key={colour} label={colour}>
            <ColorSwatch
              component="button"
              type="button"
              role="radio"
              aria-checked={value === colour}
              aria-label={t('colour', { colour })}
              color={theme.colors[colour]?.[6] ?? colour}
              size={22}
              onClick={() => onChange(colour)}
              style={{ color: '#fff', cursor: 'pointer' }}
            >
              {value === colour && <CheckIcon size={10} />}
            </ColorSwatch>
          </Tooltip>
        ))}
      </Group>
    </div>
  );
}

export interface PersonaEditorProps {
  workspaceId: string;
  /** The persona edited; absent for a new one. */
  persona?: Persona | undefined;
  onClose: () => void;
  /** Called with the saved persona. */
  onSaved: (persona: Persona) => void;
  /** Called after the photo was changed. */
  onPhoto: () => void;
}

export function PersonaEditor({ workspaceId, persona, onClose, onSaved, onPhoto }: PersonaEditorProps) {
  const { t } = useTranslation('personas');
  const { t: tc } = useTranslation();
  const [current, setCurrent] = useState(persona);
  const [fields, setFields] = useState<Fields>(persona ? fieldsOf(persona) : blank);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [photoPending, setPhotoPending] = useState(false);
  const set = (change: Partial<Fields>) => setFields((f) => ({ ...f, ...change }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setErrors({});
    setGeneral(null);
    // Empty entries are left out; the others keep their order.
    const body = {
      name: fields.name,
      role: fields.role,
      segment: fields.segment,
      quote: fields.quote,
      avatar: fields.avatar,
      goals: fields.goals.map((x) => x.trim()).filter(Boolean),
      needs: fields.needs.map((x) => x.trim()).filter(Boolean),
      pains: fields.pains.map((x) => x.trim()).filter(Boolean),
    };
    try {
      const saved = current
        ? await api.patch<Persona>(ws(workspaceId, `/personas/${current.id}`), {
            version: current.version,
            ...body,
          })
        : await api.post<Persona>(ws(workspaceId, '/personas'), body);
      notifications.show({ color: 'green', message: tc('state.saved') });
      onSaved(saved);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) setGeneral(tc('state.conflict'));
      else if (error instanceof ApiError && error.body.issues?.length) setErrors(error.fieldErrors());
      else setGeneral(errorMessage(error));
    } finally {
      setPending(false);
    }
  };

  const photo = async (file: File | null) => {
    if (!file || !current) return;
    setPhotoPending(true);
    try {
      const saved = await uploadPersonaPhoto(workspaceId, current.id, file);
      setCurrent(saved);
      notifications.show({ color: 'green', message: t('photoSaved') });
      onPhoto();
    } catch (error) {
      notifications.show({ color: 'red', title: tc('state.error'), message: errorMessage(error) });
    } finally {
      setPhotoPending(false);
    }
  };
  const removePhoto = async () => {
    if (!current) return;
    setPhotoPending(true);
    try {
      const saved = await api.delete<Persona>(ws(workspaceId, `/personas/${current.id}/photo`));
      setCurrent(saved);
      onPhoto();
    } catch (error) {
      notifications.show({ color: 'red', title: tc('state.error'), message: errorMessage(error) });
    } finally {
      setPhotoPending(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={current ? t('editTitle') : t('createTitle')} size="lg">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="sm">
          <Group gap="sm" align="center">
            <PersonaAvatar
              persona={{
                name: fields.name || '?',
                avatar: fields.avatar,
                photoUrl: current?.photoUrl ?? null,
              }}
              size="xl"
            />
            {current ? (
              <Group gap="xs">
                <FileButton onChange={(file) => void photo(file)} accept="image/jpeg,image/png,image/webp">
                  {(props) => (
                    <Button
                      {...props}
                      variant="default"
                      size="xs"
                      leftSection={<IconPhotoUp size={14} />}
                      loading={photoPending}
                      data-testid="persona-photo-upload"
                    >
                      {t('uploadPhoto')}
                    </Button>
                  )}
                </FileButton>
                {current.photoUrl && (
                  <Button
                    variant="subtle"
                    color="red"
                    size="xs"
                    leftSection={<IconTrash size={14} />}
                    disabled={photoPending}
                    onClick={() => void removePhoto()}
                  >
                    {t('removePhoto')}
                  </Button>
                )}
                <Text size="xs" c="dimmed" w="100%">
                  {t('photoHint')}
                </Text>
              </Group>
            ) : (
              <Text size="xs" c="dimmed" style={{ flex: 1 }}>
                {t('photoAfterSave')}
              </Text>
            )}
          </Group>
          <TextInput
            label={t('fields.name')}
            value={fields.name}
            onChange={(e) => set({ name: e.currentTarget.value })}
            error={errors.name}
            required
            data-autofocus
            data-testid="persona-name"
          />
          <Group grow align="flex-start" wrap="wrap">
            <TextInput
              label={t('fields.role')}
              placeholder={t('fields.rolePlaceholder')}
              value={fields.role}
              onChange={(e) => set({ role: e.currentTarget.value })}
              error={errors.role}
              miw={200}
              data-testid="persona-role"
            />
            <TextInput
              label={t('fields.segment')}
              placeholder={t('fields.segmentPlaceholder')}
              value={fields.segment}
              onChange={(e) => set({ segment: e.currentTarget.value })}
              error={errors.segment}
              miw={200}
            />
          </Group>
          <Textarea
            label={t('fields.quote')}
            placeholder={t('fields.quotePlaceholder')}
            autosize
            minRows={1}
            maxRows={4}
            value={fields.quote}
            onChange={(e) => set({ quote: e.currentTarget.value })}
            error={errors.quote}
            data-testid="persona-quote"
          />
          {LISTS.map((list) => (
            <EntryList
              key={list}
              list={list}
              entries={fields[list]}
              errors={errors}
              onChange={(entries) => set({ [list]: entries })}
            />
          ))}
          <AvatarColours value={fields.avatar} onChange={(avatar) => set({ avatar })} />
          <DialogActions
            error={general}
            onCancel={onClose}
            label={current ? tc('action.save') : tc('action.create')}
            pending={pending}
            testId="persona-submit"
          />
        </Stack>
      </form>
    </Modal>
  );
}
