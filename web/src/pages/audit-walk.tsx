/**
 * `/w/:workspaceId/audits/:auditId/walk`: a member walks an audit on a phone. Outside the app's
 * shell (no navigation bar to squeeze the screen); a link leads back to the audit.
 */
import { Anchor, Container, Group } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { AUDITS_KEY, memberWalkSource } from '../api/audits';
import { Walk } from '../components/audits/walk';
import { useWorkspaceId } from '../state/session';

export function AuditWalkPage() {
  const { t } = useTranslation('audits');
  const workspaceId = useWorkspaceId();
  const { auditId = '' } = useParams();
  const source = useMemo(() => memberWalkSource(workspaceId, auditId), [workspaceId, auditId]);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const back = `/w/${workspaceId}/audits/${auditId}`;
  return (
    <Container size={520} px="sm" py="sm" data-testid="page-audit-walk">
      <Group mb="sm">
        <Anchor component={Link} to={back} size="sm">
          <Group gap={4}>
            <IconArrowLeft size={16} />
            {t('walk.backToAudit')}
          </Group>
        </Anchor>
      </Group>
      <Walk
        source={source}
        onSubmitted={() => {
          void queryClient.invalidateQueries({ queryKey: [AUDITS_KEY, workspaceId] });
          setTimeout(() => navigate(back), 1500);
        }}
      />
    </Container>
  );
}
