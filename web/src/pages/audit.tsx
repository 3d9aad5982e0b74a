/**
 * `/w/:workspaceId/audits/:auditId`: one audit — what, whose brand, when, by whom; the shopper
 * links of an external audit; "Walk" for a member's; and its results with the failed criteria.
 */
import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { IconArrowLeft, IconTrash, IconWalk } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useAudit, useAuditMutation } from '../api/audits';
import { api, ws } from '../api/client';
import { useMembers } from '../api/workspace-lists';
import { AuditStatusBadge, BrandBadge } from '../components/audits/audit-list';
import { AuditResults } from '../components/audits/audit-results';
import { ShopperLinks } from '../components/audits/shopper-links';
import { ConfirmModal } from '../components/confirm-modal';
import { PageHeader } from '../components/layout';
import { QueryState } from '../components/states';
import { useCanEdit, useWorkspaceId } from '../state/session';

export function AuditPage() {
  const { t } = useTranslation('audits');
  const workspaceId = useWorkspaceId();
  const { auditId = '' } = useParams();
  const canEdit = useCanEdit();
  const navigate = useNavigate();
  const audit = useAudit(workspaceId, auditId);
  const members = useMembers();
  const [deleting, setDeleting] = useState(false);
  const remove = useAuditMutation(workspaceId, () => api.delete(ws(workspaceId, `/audits/${auditId}`)));
  const list = `/w/${workspaceId}/audits`;

  return (
    <div data-testid="page-audit">
      <Anchor component={Link} to={list} size="sm" mb="xs" display="inline-block">
        <Group gap={4}>
          <IconArrowLeft size={16} />
          {t('title')}
        </Group>
      </Anchor>
      <QueryState query={audit}>
        {(a) => {
          const member = a.auditorUserId
            ? members.data?.find((m) => m.userId === a.auditorUserId)
            : undefined;
          const auditor = a.auditorUserId
            ? member?.name || member?.email || a.auditorName
            : a.auditorName
              ? t('list.shopperNamed', { name: a.auditorName })
              : t('list.shopper');
          return (
            <Stack gap="md">
              <PageHeader title={`${a.brandName} · ${a.auditDate}`}>
                {canEdit && a.status !== 'submitted' && a.auditorUserId && (
                  <Button
                    component={Link}
                    to={`/w/${workspaceId}/audits/${a.id}/walk`}
                    leftSection={<IconWalk size={16} />}
                    data-testid="audit-walk"
                  >
                    {t('detail.walk')}
                  </Button>
                )}
                {canEdit && (
                  <Button
                    variant="subtle"
                    color="red"
                    leftSection={<IconTrash size={16} />}
                    onClick={() => setDeleting(true)}
                    data-testid="audit-delete"
                  >
                    {t('detail.delete')}
                  </Button>
                )}
              </PageHeader>
              <Group gap="sm" wrap="wrap">
                <BrandBadge isOwn={a.brandIsOwn} />
                <AuditStatusBadge status={a.status} />
                <Text size="sm">
                  {t('field.checklist')}: {a.checklistName}
                </Text>
                <Text size="sm">
                  {t('field.auditor')}: {auditor}
                </Text>
                {a.submittedAt && (
                  <Text size="sm" c="dimmed">
                    {t('detail.submittedAt', { date: new Date(a.submittedAt).toLocaleString() })}
                  </Text>
                )}
              </Group>
              {a.notes && (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {a.notes}
                </Text>
              )}
              {!a.auditorUserId && (
                <ShopperLinks
                  workspaceId={workspaceId}
                  auditId={a.id}
                  canEdit={canEdit && a.status !== 'submitted'}
                />
              )}
              <AuditResults workspaceId={workspaceId} audit={a} canEdit={canEdit} />
              {deleting && (
                <ConfirmModal
                  title={t('detail.delete')}
                  message={t('detail.confirmDelete')}
                  confirmLabel={t('detail.delete')}
                  pending={remove.isPending}
                  error={remove.error}
                  onClose={() => setDeleting(false)}
                  onConfirm={() => remove.mutate(undefined, { onSuccess: () => navigate(list) })}
                  confirmTestId="audit-delete-confirm"
                />
              )}
            </Stack>
          );
        }}
      </QueryState>
    </div>
  );
}
