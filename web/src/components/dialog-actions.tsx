/** The foot of a dialog: the failure of the last attempt if any, then Cancel and the action. */
import { Alert, Button, Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface DialogActionsProps {
  /** What went wrong on the last attempt, shown above the buttons. */
  error?: ReactNode;
  errorTestId?: string;
  onCancel: () => void;
  label: string;
  pending: boolean;
  /** Without it the action submits the dialog's form. */
  onAction?: () => void;
  disabled?: boolean;
  color?: string;
  testId?: string;
}

export function DialogActions(props: DialogActionsProps) {
  const { t } = useTranslation();
  return (
    <>
      {props.error && (
        <Alert color="red" role="alert" data-testid={props.errorTestId}>
          {props.error}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={props.onCancel}>
          {t('action.cancel')}
        </Button>
        <Button
          type={props.onAction ? 'button' : 'submit'}
          onClick={props.onAction}
          loading={props.pending}
          disabled={props.disabled}
          color={props.color}
          data-testid={props.testId}
        >
          {props.label}
        </Button>
      </Group>
    </>
  );
}
