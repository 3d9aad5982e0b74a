/**
 * `/w/:id/brands`: the own brand and the competitors (SPEC §3): add a competitor, rename, set the
 * website, delete one nothing uses (the API's 409 explained: touchpoints or audits still use it).
 */
import { Anchor, Badge, Button, Card, Group, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChartBar, IconPlus } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { brandRequests, useBrandChange } from '../api/benchmark';
import { ApiError } from '../api/client';
import type { Brand } from '../api/types';
import { useBrands } from '../api/workspace-lists';
import { WRAPPING_BUTTON } from '../components/benchmark/wrapping-button';
import { ConfirmModal } from '../components/confirm-modal';
import { DialogActions } from '../components/dialog-actions';
import { PageHeader } from '../components/layout';
import { Empty, QueryState } from '../components/states';
import { useCanEdit, useWorkspaceId } from '../state/session';

/** Add a competitor (no brand given) or edit a brand's name and website. */
function BrandModal({ brand, onClose }: { brand: Brand | null; onClose: () => void }) {
  const { t } = useTranslation('benchmark');
  const { t: tc } = useTranslation();
  const workspaceId = useWorkspaceId();
  const [name, setName] = useState(brand?.name ?? '');
  const [website, setWebsite] = useState(brand?.website ?? '');
  const save = useBrandChange(workspaceId, () =>
    brand
      ? brandRequests.update(workspaceId, brand.id, { version: brand.version, name, website: website.trim() })
      : brandRequests.create(workspaceId, { name, website: website.trim() }),
  );
  const error = save.error instanceof ApiError ? save.error : null;
  const fieldErrors = error?.fieldErrors() ?? {};
  const general =
    save.isError && !fieldErrors.name && !fieldErrors.website
      ? error?.status === 409 && brand
        ? tc('state.conflict')
        : save.error.message
      : null;
  return (
    <Modal opened onClose={onClose} title={brand ? t('brands.editTitle') : t('brands.addTitle')}>
      <Stack
        component="form"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(undefined, {
            onSuccess: () => {
              notifications.show({ color: 'green', message: tc('state.saved') });
              onClose();
            },
          });
        }}
      >
        <TextInput
          label={t('brands.name')}
          required
          data-autofocus
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fieldErrors.name}
          data-testid="brand-name"
        />
        <TextInput
          label={t('brands.website')}
          description={t('brands.websiteHint')}
          placeholder="https://"
          value={website}
          onChange={(e) => setWebsite(e.currentTarget.value)}
          error={fieldErrors.website}
          data-testid="brand-website"
        />
        <DialogActions
          error={general}
          onCancel={onClose}
          label={tc('action.save')}
          pending={save.isPending}
          testId="brand-save"
        />
      </Stack>
    </Modal>
  );
}

/** Why the API refused to delete a brand, in the UI language. */
function refusal(t: TFunction<'benchmark'>, error: Error | null): Error | null {
  if (!(error instanceof ApiError) || error.status !== 409) return error;
  const body = error.body as { touchpointCount?: number; auditCount?: number };
  if (typeof body.touchpointCount === 'number')
    return new Error(t('brands.inUseTouchpoints', { count: body.touchpointCount }));
  if (typeof body.auditCount === 'number')
    return new Error(t('brands.inUseAudits', { count: body.auditCount }));
  return error;
}

function DeleteBrandModal({ brand, onClose }: { brand: Brand; onClose: () => void }) {
  const { t } = useTranslation('benchmark');
  const { t: tc } = useTranslation();
  const workspaceId = useWorkspaceId();
  const remove = useBrandChange(workspaceId, () => brandRequests.remove(workspaceId, brand.id));
  return (
    <ConfirmModal
      title={t('brands.deleteTitle')}
      message={t('brands.deleteMessage', { name: brand.name })}
      confirmLabel={tc('action.delete')}
      onConfirm={() =>
        remove.mutate(undefined, {
          onSuccess: () => {
            notifications.show({ color: 'green', message: tc('state.deleted') });
            onClose();
          },
        })
      }
      onClose={onClose}
      pending={remove.isPending}
      error={refusal(t, remove.error)}
      confirmTestId="brand-delete-confirm"
      errorTestId="brand-delete-error"
    />
  );
}

export function BrandsPage() {
  const { t } = useTranslation('benchmark');
  const { t: tc } = useTranslation();
  const workspaceId = useWorkspaceId();
  const canEdit = useCanEdit();
  const brands = useBrands();
  const [editing, setEditing] = useState<Brand | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Brand | null>(null);
  const add = (
    <Button
      {...WRAPPING_BUTTON}
      leftSection={<IconPlus size={16} />}
      onClick={() => setEditing('new')}
      data-testid="brand-add"
    >
      {t('brands.add')}
    </Button>
  );
  return (
    <div data-testid="page-brands">
      <PageHeader title={t('brands.title')}>
        <Button
          {...WRAPPING_BUTTON}
          component={Link}
          to={`/w/${workspaceId}/benchmark`}
          variant="default"
          leftSection={<IconChartBar size={16} />}
        >
          {t('brands.toBenchmark')}
        </Button>
        {canEdit && add}
      </PageHeader>
      <Text c="dimmed" size="sm" mb="md" maw={860}>
        {t('brands.intro')}
      </Text>
      <Card withBorder>
        <QueryState query={brands}>
          {(list) => {
            // Own brand first, then competitors by name.
            const sorted = [...list].sort(
              (a, b) => Number(b.isOwn) - Number(a.isOwn) || a.name.localeCompare(b.name),
            );
            return (
              <Stack>
                <Table.ScrollContainer minWidth={360}>
                  <Table highlightOnHover data-testid="brands-table">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('brands.name')}</Table.Th>
                        <Table.Th>{t('brands.website')}</Table.Th>
                        {canEdit && <Table.Th />}
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {sorted.map((brand) => (
                        <Table.Tr key={brand.id} data-testid="brand-row" data-own={brand.isOwn}>
                          <Table.Td>
                            <Group gap="xs" wrap="wrap">
                              <Text fw={500} size="sm" style={{ overflowWrap: 'anywhere' }}>
                                {brand.name}
                              </Text>
                              <Badge size="sm" variant="light" color={brand.isOwn ? 'blue' : 'orange'}>
                                {brand.isOwn ? t('brands.own') : t('brands.competitor')}
                              </Badge>
                            </Group>
                          </Table.Td>
                          <Table.Td style={{ overflowWrap: 'anywhere' }}>
                            {brand.website ? (
                              <Anchor
                                href={brand.website}
                                target="_blank"
                                rel="noreferrer noopener"
                                size="sm"
                              >
                                {brand.website.replace(/^https?:\/\//, '')}
                              </Anchor>
                            ) : (
                              <Text c="dimmed" size="sm">
                                —
                              </Text>
                            )}
                          </Table.Td>
                          {canEdit && (
                            <Table.Td ta="right">
                              <Group gap={4} justify="flex-end" wrap="nowrap">
                                <Button
                                  size="xs"
                                  variant="subtle"
                                  onClick={() => setEditing(brand)}
                                  aria-label={`${tc('action.edit')}: ${brand.name}`}
                                >
                                  {tc('action.edit')}
                                </Button>
                                {!brand.isOwn && (
                                  <Button
                                    size="xs"
                                    variant="subtle"
                                    color="red"
                                    onClick={() => setDeleting(brand)}
                                    aria-label={`${tc('action.delete')}: ${brand.name}`}
                                  >
                                    {tc('action.delete')}
                                  </Button>
                                )}
                              </Group>
                            </Table.Td>
                          )}
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
                {sorted.every((b) => b.isOwn) && (
                  <Empty title={t('brands.empty')} action={canEdit ? add : undefined}>
                    {t('brands.emptyHint')}
                  </Empty>
                )}
              </Stack>
            );
          }}
        </QueryState>
      </Card>
      {editing && <BrandModal brand={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {deleting && <DeleteBrandModal brand={deleting} onClose={() => setDeleting(null)} />}
    </div>
  );
}
