/** The findings of one health rule: its name, count, what it means, and each finding with its link. */
import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NEGATIVE_BREAK_SHARE, QUIET_TOUCHPOINT_DAYS } from '../../../../src/domain/health.js';
import type { HealthFinding } from '../../api/types';
import { useFormat } from '../../i18n/format';
import { FindingLink, journeyIdOf } from './finding-link';

type Rule = HealthFinding['rule'];

/** Findings shown before "show all". */
const FIRST = 10;

export function SeverityBadge({ severity }: { severity: HealthFinding['severity'] }) {
  const { t } = useTranslation('chains');
  return (
    <Badge
      size="sm"
      variant="light"
      color={severity === 'error' ? 'red' : 'yellow'}
      miw={78}
      style={{ flexShrink: 0, overflow: 'visible' }}
    >
      {t(`health.severity.${severity}`)}
    </Badge>
  );
}

export function RuleGroup({
  workspaceId,
  rule,
  findings,
  journeyNames,
  standardTouchpoints,
  onCreateTask,
}: {
  workspaceId: string;
  rule: Rule;
  findings: HealthFinding[];
  journeyNames: Map<string, string>;
  standardTouchpoints: Map<string, { id: string; name: string }> | undefined;
  /** Opens the task dialog prefilled from the finding (absent for viewers). */
  onCreateTask?: (finding: HealthFinding) => void;
}) {
  const { t } = useTranslation(['chains', 'tasks']);
  const format = useFormat();
  const [showAll, setShowAll] = useState(false);
  const values = {
    days: format.number(QUIET_TOUCHPOINT_DAYS),
    share: format.percent(NEGATIVE_BREAK_SHARE, 0),
  };
  const shown = showAll ? findings : findings.slice(0, FIRST);
  // The API's message is English; the UI says the same in its language from the finding's fields.
  const text = (finding: HealthFinding) => {
    const journeyId = journeyIdOf(finding);
    const journey = journeyId ? journeyNames.get(journeyId) : undefined;
    if (finding.rule === 'stage_without_touchpoint' && !journey)
      return t('health.stageNoJourney', { name: finding.object.name });
    const touchpoint = standardTouchpoints?.get(finding.object.id)?.name;
    if (finding.rule === 'standard_failing' && touchpoint)
      return t('health.standardOf', { name: finding.object.name, touchpoint });
    return t(`health.rules.${finding.rule}.finding`, {
      ...values,
      name: finding.object.name,
      journey,
      defaultValue: finding.message,
    });
  };
  return (
    <Paper withBorder p="md" data-testid="health-rule" data-rule={rule}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <div>
          <Group gap="xs">
            <Text fw={600}>{t(`health.rules.${rule}.title`, { defaultValue: rule })}</Text>
            <Badge variant="filled" color="gray" size="sm" data-testid="health-rule-count">
              {format.number(findings.length)}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed" mt={2} maw={760}>
            {t(`health.rules.${rule}.explanation`, { ...values, defaultValue: '' })}
          </Text>
        </div>
      </Group>
      <Stack gap={6} mt="sm" mb={0} component="ul" p={0} style={{ listStyle: 'none' }}>
        {shown.map((finding) => (
          <Group
            component="li"
            key={`${finding.object.id}-${finding.message}`}
            justify="space-between"
            gap="sm"
            py={4}
            style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
            data-testid="health-finding"
            data-object={finding.object.id}
          >
            {/* On a narrow screen the actions go below the finding. */}
            <Group gap="sm" wrap="nowrap" style={{ minWidth: 0, flex: '1 1 15rem' }}>
              <SeverityBadge severity={finding.severity} />
              <Text size="sm">{text(finding)}</Text>
            </Group>
            <Group gap="xs" style={{ flexShrink: 0, maxWidth: '100%' }}>
              {onCreateTask && finding.object.type !== 'task' && (
                <Button
                  size="xs"
                  variant="subtle"
                  leftSection={<IconPlus size={14} />}
                  onClick={() => onCreateTask(finding)}
                  data-testid="finding-create-task"
                >
                  {t('tasks:createTask')}
                </Button>
              )}
              <FindingLink
                workspaceId={workspaceId}
                finding={finding}
                standardTouchpoint={standardTouchpoints?.get(finding.object.id)}
              />
            </Group>
          </Group>
        ))}
      </Stack>
      {findings.length > FIRST && (
        <Button variant="subtle" size="xs" mt="xs" onClick={() => setShowAll((v) => !v)}>
          {showAll ? t('health.showFewer') : t('health.showAll', { n: format.number(findings.length) })}
        </Button>
      )}
    </Paper>
  );
}
