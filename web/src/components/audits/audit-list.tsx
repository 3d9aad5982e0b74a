/**
 * The audits of the workspace: filters (own brand or competitors, brand, status, date range), the
 * list with score and pass/fail counts, and "Plan audit". A row opens the audit's results.
 */
import { Badge, Button, Card, Group, SegmentedControl, Select, Table, Text, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { AUDIT_STATUSES } from '../../../../src/domain/audit-scoring';
import { type Audit, type AuditFilter, type AuditStatus, useAudits } from '../../api/audits';
import { useBrands, useMembers } from '../../api/workspace-lists';
import { useCanEdit } from '../../state/session';
import { Empty, QueryState } from '../states';
import { percent } from './criterion-format';
import { PlanAuditDialog } from './plan-audit-dialog';

const STATUS_COLORS: Record<AuditStatus, string> = {
  planned: 'gray',
  in_progress: 'blue',
  submitted: 'teal',
};

export function AuditStatusBadge({ status }: { status: AuditStatus }) {
  const { t } = useTranslation('audits');
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" data-testid="audit-status" data-status={status}>
      {t(`status.${status}`)}
    </Badge>
  );
}

/** "Own brand" or "Competitor" beside a brand's name. */
export function BrandBadge({ isOwn }: { isOwn: boolean }) {
  const { t } = useTranslation('audits');
  return (
    <Badge color={isOwn ? 'blue' : 'grape'} variant="outline" size="sm">
      {isOwn ? t('brand.own') : t('brand.competitor')}
    </Badge>
  );
}

export function AuditList({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation('audits');
  const canEdit = useCanEdit();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [planning, setPlanning] = useState(false);
  const kind = params.get('kind') ?? 'all';
  const filter: AuditFilter = {
    brandId: params.get('brand') ?? undefined,
    status: (params.get('status') as AuditStatus | null) ?? undefined,
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
  };
  const setParam = (key: string, value: string | null | undefined) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  const audits = useAudits(workspaceId, filter);
  const brands = useBrands();
  const members = useMembers();
  const memberName = new Map((members.data ?? []).map((m) => [m.userId, m.name || m.email]));
  const brandOptions = (brands.data ?? [])
    .filter((b) => kind === 'all' || (kind === 'own') === b.isOwn)
    .map((b) => ({ value: b.id, label: b.name }));
  const auditor = (audit: Audit) =>
    audit.auditorUserId
      ? (memberName.get(audit.auditorUserId) ?? audit.auditorName)
      : audit.auditorName
        ? t('list.shopperNamed', { name: audit.auditorName })
        : t('list.shopper');

  return (
    <>
      <Group gap="sm" mb="md" align="flex-end" wrap="wrap">
        <SegmentedControl
          aria-label={t('filter.kind')}
          value={kind}
          onChange={(value) => {
            setParam('kind', value === 'all' ? null : value);
            setParam('brand', null);
          }}
          data={[
            { value: 'all', label: t('filter.allBrands') },
            { value: 'own', label: t('brand.own') },
            { value: 'competitor', label: t('filter.competitors') },
          ]}
          data-testid="audit-filter-kind"
        />
        <Select
          label={t('filter.brand')}
          placeholder={t('filter.any')}
          clearable
          w={180}
          data={brandOptions}
          value={filter.brandId ?? null}
          onChange={(value) => setParam('brand', value)}
          data-testid="audit-filter-brand"
        />
        <Select
          label={t('filter.status')}
          placeholder={t('filter.any')}
          clearable
          w={160}
          data={AUDIT_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          value={filter.status ?? null}
          onChange={(value) => setParam('status', value)}
          data-testid="audit-filter-status"
        />
        <TextInput
          type="date"
          label={t('filter.from')}
          w={160}
          value={filter.from ?? ''}
          onChange={(e) => setParam('from', e.currentTarget.value)}
          data-testid="audit-filter-from"
        />
        <TextInput
          type="date"
          label={t('filter.to')}
          w={160}
          value={filter.to ?? ''}
          onChange={(e) => setParam('to', e.currentTarget.value)}
          data-testid="audit-filter-to"
        />
        {canEdit && (
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => setPlanning(true)}
            data-testid="audit-plan"
            ml="auto"
          >
            {t('plan.open')}
          </Button>
        )}
      </Group>
      <QueryState query={audits}>
        {(all) => {
          const list = all.filter((a) => kind === 'all' || (kind === 'own') === a.brandIsOwn);
          if (list.length === 0)
            return (
              <Card withBorder>
                <Empty title={t('list.empty')}>{t('list.emptyHint')}</Empty>
              </Card>
            );
          return (
            <Table.ScrollContainer minWidth={720}>
              <Table highlightOnHover verticalSpacing="xs" data-testid="audit-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('field.date')}</Table.Th>
                    <Table.Th>{t('field.brand')}</Table.Th>
                    <Table.Th>{t('field.checklist')}</Table.Th>
                    <Table.Th>{t('field.auditor')}</Table.Th>
                    <Table.Th>{t('field.status')}</Table.Th>
                    <Table.Th ta="right">{t('field.score')}</Table.Th>
                    <Table.Th ta="right">{t('field.passedFailed')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((audit) => (
                    <Table.Tr
                      key={audit.id}
                      style={{ cursor: 'pointer' }}
                      onClick={() => navigate(`/w/${workspaceId}/audits/${audit.id}`)}
                      data-testid="audit-row"
                      data-audit={audit.id}
                    >
                      <Table.Td>{audit.auditDate}</Table.Td>
                      <Table.Td>
                        <Group gap={6} wrap="nowrap">
                          <Text size="sm">{audit.brandName}</Text>
                          <BrandBadge isOwn={audit.brandIsOwn} />
                        </Group>
                      </Table.Td>
                      <Table.Td>{audit.checklistName}</Table.Td>
                      <Table.Td>{auditor(audit)}</Table.Td>
                      <Table.Td>
                        <AuditStatusBadge status={audit.status} />
                      </Table.Td>
                      <Table.Td ta="right">{percent(audit.score)}</Table.Td>
                      <Table.Td ta="right">
                        <Text size="sm" span c="teal">
                          {audit.passedCount}
                        </Text>
                        {' / '}
                        <Text size="sm" span c={audit.failedCount ? 'red' : undefined}>
                          {audit.failedCount}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          );
        }}
      </QueryState>
      <PlanAuditDialog
        workspaceId={workspaceId}
        opened={planning}
        onClose={() => setPlanning(false)}
        onPlanned={(audit) => navigate(`/w/${workspaceId}/audits/${audit.id}`)}
      />
    </>
  );
}
