/** "Are you sure?" for a destructive action: the question, the API's refusal if any, cancel and confirm. */
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export interface ConfirmModalProps {
  title: string;
  message: string;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  pending: boolean;
  /** The failure of the last attempt (shown above the buttons). */
  error: Error | null;
  confirmTestId?: string;
  errorTestId?: string;
}

export function ConfirmModal(props: ConfirmModalProps) {
  const { t } = useTranslation();
  return (
    <Modal opened onClose={props.onClose} title={props.title}>
      <Stack>
        <Text size="sm">{props.message}</Text>
        {props.error && (
          <Alert color="red" role="alert" data-testid={props.errorTestId}>
            {props.error.message}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {t('action.cancel')}
          </Button>
          <Button
            color="red"
            onClick={props.onConfirm}
            loading={props.pending}
            data-testid={props.confirmTestId}
          >
            {props.confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
