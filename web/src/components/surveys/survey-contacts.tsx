/**
 * The contacts respondents left with their consent (e-mail or phone), kept apart from the answers:
 * who to call back, and the erasure of one on request. Shown when the survey asks for consent or
 * still holds contacts from when it did.
 */
import { Button, Card, Group, Pagination, Stack, Table, Text, Title } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Survey, type SurveyContact, useEraseSurveyContact, useSurveyContacts } from '../../api/surveys';
import { useFormat } from '../../i18n/format';
import { DataTable } from '../analytics/analysis-parts';
import { ConfirmModal } from '../confirm-modal';
import { QueryState } from '../states';

const PER_PAGE = 20;

export function SurveyContacts({
  workspaceId,
  survey,
  canEdit,
}: {
  workspaceId: string;
  survey: Survey;
  canEdit: boolean;
}) {
  const { t } = useTranslation(['surveys', 'common']);
  const format = useFormat();
  const [page, setPage] = useState(1);
  const contacts = useSurveyContacts(workspaceId, survey.id, {
    limit: PER_PAGE,
    offset: (page - 1) * PER_PAGE,
  });
  const erase = useEraseSurveyContact(workspaceId, survey.id);
  const [erasing, setErasing] = useState<SurveyContact | null>(null);
  if (!survey.contactConsent && contacts.data?.total === 0) return null;

  return (
    <Card withBorder padding="md" data-testid="survey-contacts">
      <Title order={4} mb={4}>
        {t('contacts.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('contacts.intro')}
      </Text>
      <QueryState query={contacts}>
        {(list) =>
          list.items.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('contacts.none')}
            </Text>
          ) : (
            <Stack gap="xs">
              <DataTable label={t('contacts.title')} minWidth={520}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('contacts.email')}</Table.Th>
                    <Table.Th>{t('contacts.phone')}</Table.Th>
                    <Table.Th>{t('results.language')}</Table.Th>
                    <Table.Th>{t('contacts.at')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.items.map((contact) => (
                    <Table.Tr key={contact.id} data-testid="contact-row">
                      <Table.Td>{contact.email ?? '–'}</Table.Td>
                      <Table.Td>{contact.phone ?? '–'}</Table.Td>
                      <Table.Td>{contact.language?.toUpperCase() ?? '–'}</Table.Td>
                      <Table.Td>{format.dateTime(contact.createdAt)}</Table.Td>
                      <Table.Td ta="right">
                        {canEdit && (
                          <Button
                            size="compact-sm"
                            variant="subtle"
                            color="red"
                            leftSection={<IconTrash size={14} />}
                            onClick={() => setErasing(contact)}
                          >
                            {t('contacts.erase')}
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </DataTable>
              {list.total > PER_PAGE && (
                <Group justify="flex-end">
                  <Pagination
                    total={Math.ceil(list.total / PER_PAGE)}
                    value={page}
                    onChange={setPage}
                    size="sm"
                    siblings={0}
                  />
                </Group>
              )}
            </Stack>
          )
        }
      </QueryState>
      {erasing && (
        <ConfirmModal
          title={t('contacts.eraseTitle')}
          message={t('contacts.eraseMessage', { contact: erasing.email ?? erasing.phone ?? '' })}
          confirmLabel={t('contacts.erase')}
          pending={erase.isPending}
          error={erase.error}
          onClose={() => {
            erase.reset();
            setErasing(null);
          }}
          onConfirm={() => erase.mutate(erasing.id, { onSuccess: () => setErasing(null) })}
        />
      )}
    </Card>
  );
}
