/**
 * Planning an audit: which checklist, which brand (the own one or a competitor), on which date, by
 * whom (a member, or an external mystery shopper who gets a one-time link on the audit's page).
 */
import { Modal, Select, SimpleGrid, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { utcDate } from '../../../../src/domain/task-rules';
import { type Audit, type AuditCreate, useAuditMutation, useChecklists } from '../../api/audits';
import { ApiError, api, ws } from '../../api/client';
import { useBrands, useMembers } from '../../api/workspace-lists';
import { DialogActions } from '../dialog-actions';

/** The auditor picker's value for "an external mystery shopper". */
const EXTERNAL = 'external';

interface PlanProps {
  workspaceId: string;
  onClose: () => void;
  onPlanned: (audit: Audit) => void;
}

function PlanForm({ workspaceId, onClose, onPlanned }: PlanProps) {
  const { t } = useTranslation('audits');
  const checklists = useChecklists(workspaceId);
  const brands = useBrands();
  const members = useMembers();
  const [checklistId, setChecklistId] = useState<string | null>(null);
  const [brandId, setBrandId] = useState<string | null>(null);
  const [auditDate, setAuditDate] = useState(utcDate());
  const [auditor, setAuditor] = useState<string | null>(EXTERNAL);
  const [notes, setNotes] = useState('');
  const create = useAuditMutation(workspaceId, (body: AuditCreate) =>
    api.post<Audit>(ws(workspaceId, '/audits'), body),
  );
  const errors = create.error instanceof ApiError ? create.error.fieldErrors() : {};
  const shown = ['checklistId', 'brandId', 'auditDate', 'auditorUserId', 'notes'];
  const other = create.error && !shown.some((f) => errors[f]) ? create.error.message : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      {
        checklistId: checklistId ?? '',
        brandId: brandId ?? '',
        auditDate,
        auditorUserId: auditor === EXTERNAL ? null : auditor,
        notes,
      },
      {
        onSuccess: (audit) => {
          notifications.show({ color: 'teal', message: t('plan.planned') });
          onClose();
          onPlanned(audit);
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Select
          label={t('field.checklist')}
          required
          searchable
          data={(checklists.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={checklistId}
          onChange={setChecklistId}
          error={errors.checklistId}
          nothingFoundMessage={t('plan.noChecklists')}
          data-testid="plan-checklist"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('field.brand')}
            required
            data={[
              {
                group: t('brand.own'),
                items: (brands.data ?? [])
                  .filter((b) => b.isOwn)
                  .map((b) => ({ value: b.id, label: b.name })),
              },
              {
                group: t('filter.competitors'),
                items: (brands.data ?? [])
                  .filter((b) => !b.isOwn)
                  .map((b) => ({ value: b.id, label: b.name })),
              },
            ]}
            value={brandId}
            onChange={setBrandId}
            error={errors.brandId}
            data-testid="plan-brand"
          />
          <TextInput
            type="date"
            label={t('field.date')}
            required
            value={auditDate}
            onChange={(e) => setAuditDate(e.currentTarget.value)}
            error={errors.auditDate}
            data-testid="plan-date"
          />
        </SimpleGrid>
        <Select
          label={t('field.auditor')}
          required
          allowDeselect={false}
          data={[
            { value: EXTERNAL, label: t('plan.external') },
            ...(members.data ?? []).map((m) => ({ value: m.userId, label: m.name || m.email })),
          ]}
          value={auditor}
          onChange={setAuditor}
          description={auditor === EXTERNAL ? t('plan.externalHint') : undefined}
          error={errors.auditorUserId}
          data-testid="plan-auditor"
        />
        <Textarea
          label={t('field.notes')}
          autosize
          minRows={2}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
          error={errors.notes}
        />
        <DialogActions
          error={other}
          errorTestId="plan-error"
          onCancel={onClose}
          label={t('plan.submit')}
          pending={create.isPending}
          testId="plan-save"
        />
      </Stack>
    </form>
  );
}

export function PlanAuditDialog({ opened, ...props }: PlanProps & { opened: boolean }) {
  const { t } = useTranslation('audits');
  return (
    <Modal
      opened={opened}
      onClose={props.onClose}
      title={<Title order={4}>{t('plan.title')}</Title>}
      size="lg"
    >
      {opened && <PlanForm {...props} />}
    </Modal>
  );
}
