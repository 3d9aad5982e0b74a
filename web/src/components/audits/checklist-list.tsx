/**
 * The audit checklists of the workspace: a new one from a template (the templates in the UI's
 * language) or from scratch, edit, delete (refused while audits use it, and the refusal explained).
 */
import {
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus, IconTemplate, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type AuditChecklist,
  useAuditMutation,
  useChecklists,
  useChecklistTemplates,
} from '../../api/audits';
import { api, ws } from '../../api/client';
import { useJourneys } from '../chains/queries';
import { ConfirmModal } from '../confirm-modal';
import { DialogActions } from '../dialog-actions';
import { Empty, QueryState } from '../states';
import { ChecklistEditor } from './checklist-editor';

function TemplateDialog({ workspaceId, onClose }: { workspaceId: string; onClose: () => void }) {
  const { t, i18n } = useTranslation('audits');
  const templates = useChecklistTemplates(workspaceId, i18n.language, true);
  const journeys = useJourneys(workspaceId);
  const [templateKey, setTemplateKey] = useState<string | null>(null);
  const [journeyId, setJourneyId] = useState<string | null>(null);
  const create = useAuditMutation(workspaceId, () =>
    api.post<AuditChecklist>(ws(workspaceId, '/audit-checklists/from-template'), {
      templateKey: templateKey ?? '',
      language: i18n.language,
      journeyId,
    }),
  );
  return (
    <Stack gap="sm">
      <QueryState query={templates}>
        {(list) => (
          <Radio.Group value={templateKey} onChange={setTemplateKey} data-testid="template-list">
            <Stack gap="xs">
              {list.map((template) => (
                <Card key={template.key} withBorder p="sm">
                  <Radio
                    value={template.key}
                    label={
                      <Stack gap={2}>
                        <Group gap="xs">
                          <Text fw={600}>{template.name}</Text>
                          <Badge variant="light" size="sm">
                            {t('checklists.criteriaCount', { count: template.criteria.length })}
                          </Badge>
                        </Group>
                        <Text size="sm" c="dimmed">
                          {template.description}
                        </Text>
                      </Stack>
                    }
                    data-testid="template-option"
                    data-template={template.key}
                  />
                </Card>
              ))}
            </Stack>
          </Radio.Group>
        )}
      </QueryState>
      <Select
        label={t('checklists.journey')}
        description={t('checklists.templateJourneyHint')}
        clearable
        data={(journeys.data?.items ?? []).map((j) => ({ value: j.id, label: j.name }))}
        value={journeyId}
        onChange={setJourneyId}
      />
      <DialogActions
        error={create.error?.message}
        onCancel={onClose}
        label={t('checklists.fromTemplateCreate')}
        pending={create.isPending}
        disabled={!templateKey}
        onAction={() =>
          create.mutate(undefined, {
            onSuccess: () => {
              notifications.show({ color: 'teal', message: t('checklists.saved') });
              onClose();
            },
          })
        }
        testId="template-create"
      />
    </Stack>
  );
}

export function ChecklistList({ workspaceId, canEdit }: { workspaceId: string; canEdit: boolean }) {
  const { t } = useTranslation('audits');
  const checklists = useChecklists(workspaceId);
  const journeys = useJourneys(workspaceId);
  const journeyName = new Map((journeys.data?.items ?? []).map((j) => [j.id, j.name]));
  const [fromTemplate, setFromTemplate] = useState(false);
  const [editing, setEditing] = useState<AuditChecklist | 'new' | null>(null);
  const [deleting, setDeleting] = useState<AuditChecklist | null>(null);
  const remove = useAuditMutation(workspaceId, (id: string) =>
    api.delete(ws(workspaceId, `/audit-checklists/${id}`)),
  );

  return (
    <>
      {canEdit && (
        <Group gap="sm" mb="md">
          <Button
            leftSection={<IconTemplate size={16} />}
            onClick={() => setFromTemplate(true)}
            data-testid="checklist-from-template"
          >
            {t('checklists.fromTemplate')}
          </Button>
          <Button
            variant="light"
            leftSection={<IconPlus size={16} />}
            onClick={() => setEditing('new')}
            data-testid="checklist-create"
          >
            {t('checklists.create')}
          </Button>
        </Group>
      )}
      <QueryState query={checklists}>
        {(list) =>
          list.length === 0 ? (
            <Card withBorder>
              <Empty title={t('checklists.empty')}>{t('checklists.emptyHint')}</Empty>
            </Card>
          ) : (
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              {list.map((checklist) => (
                <Card
                  key={checklist.id}
                  withBorder
                  data-testid="checklist-card"
                  data-checklist={checklist.id}
                >
                  <Stack gap={6}>
                    <Group justify="space-between" wrap="nowrap" align="flex-start">
                      <Title order={4} style={{ overflowWrap: 'anywhere' }}>
                        {checklist.name}
                      </Title>
                      {canEdit && (
                        <Group gap={4} wrap="nowrap">
                          <Button
                            size="compact-sm"
                            variant="subtle"
                            leftSection={<IconPencil size={14} />}
                            onClick={() => setEditing(checklist)}
                            data-testid="checklist-edit"
                          >
                            {t('checklists.editShort')}
                          </Button>
                          <Button
                            size="compact-sm"
                            variant="subtle"
                            color="red"
                            leftSection={<IconTrash size={14} />}
                            onClick={() => {
                              remove.reset();
                              setDeleting(checklist);
                            }}
                            data-testid="checklist-delete"
                          >
                            {t('checklists.delete')}
                          </Button>
                        </Group>
                      )}
                    </Group>
                    {checklist.description && (
                      <Text size="sm" c="dimmed">
                        {checklist.description}
                      </Text>
                    )}
                    <Group gap="xs">
                      <Badge variant="light">
                        {t('checklists.criteriaCount', { count: checklist.criteria.length })}
                      </Badge>
                      <Badge variant="light" color="gray">
                        {t('checklists.auditCount', { count: checklist.auditCount })}
                      </Badge>
                      {checklist.journeyId && journeyName.get(checklist.journeyId) && (
                        <Badge variant="outline" color="gray">
                          {journeyName.get(checklist.journeyId)}
                        </Badge>
                      )}
                    </Group>
                  </Stack>
                </Card>
              ))}
            </SimpleGrid>
          )
        }
      </QueryState>
      <Modal
        opened={fromTemplate}
        onClose={() => setFromTemplate(false)}
        title={<Title order={4}>{t('checklists.fromTemplate')}</Title>}
        size="lg"
      >
        {fromTemplate && <TemplateDialog workspaceId={workspaceId} onClose={() => setFromTemplate(false)} />}
      </Modal>
      <ChecklistEditor
        workspaceId={workspaceId}
        opened={editing !== null}
        checklist={editing === 'new' || editing === null ? undefined : editing}
        onClose={() => setEditing(null)}
      />
      {deleting && (
        <ConfirmModal
          title={t('checklists.delete')}
          message={
            deleting.auditCount > 0
              ? t('checklists.deleteInUse', { name: deleting.name, count: deleting.auditCount })
              : t('checklists.confirmDelete', { name: deleting.name })
          }
          confirmLabel={t('checklists.delete')}
          pending={remove.isPending}
          error={remove.error}
          onClose={() => setDeleting(null)}
          onConfirm={() => remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}
          confirmTestId="checklist-delete-confirm"
          errorTestId="checklist-delete-error"
        />
      )}
    </>
  );
}
