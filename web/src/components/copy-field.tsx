/** A read-only text (a link, a snippet) with a copy button beside it. */
import { ActionIcon, CopyButton, Group, Textarea, TextInput, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export function CopyField({
  value,
  label,
  multiline,
  testId,
}: {
  value: string;
  label: string;
  multiline?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const select = (e: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => e.currentTarget.select();
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      {multiline ? (
        <Textarea
          readOnly
          autosize
          minRows={2}
          value={value}
          aria-label={label}
          onFocus={select}
          style={{ flex: 1, minWidth: 0 }}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
          data-testid={testId}
        />
      ) : (
        <TextInput
          readOnly
          value={value}
          aria-label={label}
          onFocus={select}
          style={{ flex: 1, minWidth: 0 }}
          data-testid={testId}
        />
      )}
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? t('action.copied') : t('action.copy')}>
            <ActionIcon
              variant="light"
              size="lg"
              onClick={copy}
              aria-label={`${t('action.copy')}: ${label}`}
              data-testid={testId ? `${testId}-copy` : undefined}
            >
              {copied ? <IconCheck size={18} /> : <IconCopy size={18} />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}
