/** "Are you sure?" for a destructive action: the question, the API's refusal if any, cancel and confirm. */
import { Modal, Stack, Text } from '@mantine/core';
import { DialogActions } from './dialog-actions';

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
  return (
    <Modal opened onClose={props.onClose} title={props.title}>
      <Stack>
        <Text size="sm">{props.message}</Text>
        <DialogActions
          error={props.error?.message}
          errorTestId={props.errorTestId}
          onCancel={props.onClose}
          label={props.confirmLabel}
          onAction={props.onConfirm}
          pending={props.pending}
          color="red"
          testId={props.confirmTestId}
        />
      </Stack>
    </Modal>
  );
}
