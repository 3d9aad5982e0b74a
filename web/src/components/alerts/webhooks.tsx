/**
 * The workspace's webhooks (owners): add one (its signing secret shown once, with how to check a
 * signature), enable or disable, rotate the secret, delete, send a test and read the receiver's
 * answer, and each hook's delivery log (event, status, attempts, last answer or error, next retry).
 */
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Code,
  CopyButton,
  Group,
  Modal,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconAlertTriangle,
  IconCheck,
  IconCopy,
  IconKey,
  IconList,
  IconPlus,
  IconSend,
  IconTrash,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Delivery,
  useCreateWebhook,
  useDeleteWebhook,
  useDeliveries,
  usePatchWebhook,
  useRotateSecret,
  useTestWebhook,
  useWebhooks,
  type Webhook,
  type WebhookWithSecret,
} from '../../api/alerts';
import { ApiError } from '../../api/client';
import { useFormat } from '../../i18n/format';
import { ConfirmModal } from '../confirm-modal';
import { DialogActions } from '../dialog-actions';
import { Empty, QueryState } from '../states';

const STATUS_COLORS: Record<Delivery['status'], string> = {
  pending: 'yellow',
  delivered: 'teal',
  failed: 'red',
};

/** How a receiver checks a delivery, in a few lines of Node (as in README, Alerts and webhooks). */
const VERIFY_EXAMPLE = `import { createHmac, timingSafeEqual } from 'node:crypto';

// body: the raw request body as a string; headers: the request's headers
function verify(secret, headers, body) {
  const timestamp = headers['x-touchpoints-timestamp'];
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false; // too old: a replay?
  const expected = \`sha256=\${createHmac('sha256', secret).update(\`\${timestamp}.\${body}\`).digest('hex')}\`;
  const given = String(headers['x-touchpoints-signature']);
  return given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}`;

/** The secret, once: copy it, and how to verify a signature with it. */
function SecretView({ hook, onClose }: { hook: WebhookWithSecret; onClose: () => void }) {
  const { t } = useTranslation(['alerts', 'common']);
  return (
    <Stack data-testid="webhook-secret-view">
      <Alert color="yellow" icon={<IconAlertTriangle />}>
        {t('webhooks.secretOnce')}
      </Alert>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {hook.url}
      </Text>
      <Group wrap="nowrap" gap="xs" align="flex-start">
        <Code
          block
          style={{ flex: 1, minWidth: 0, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}
          aria-label={t('webhooks.secretLabel')}
          data-testid="webhook-secret"
        >
          {hook.secret}
        </Code>
        <CopyButton value={hook.secret}>
          {({ copied, copy }) => (
            <Button
              variant={copied ? 'light' : 'filled'}
              color={copied ? 'green' : undefined}
              leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
              onClick={copy}
              data-testid="webhook-secret-copy"
            >
              {copied ? t('common:action.copied') : t('common:action.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Title order={5}>{t('webhooks.verifyTitle')}</Title>
      <Text size="sm">{t('webhooks.verifyText')}</Text>
      <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
        {VERIFY_EXAMPLE}
      </Code>
      <Group justify="flex-end">
        <Button onClick={onClose} data-testid="webhook-secret-done">
          {t('webhooks.done')}
        </Button>
      </Group>
    </Stack>
  );
}

function AddWebhookModal({
  workspaceId,
  onClose,
  onCreated,
}: {
  workspaceId: string;
  onClose: () => void;
  onCreated: (hook: WebhookWithSecret) => void;
}) {
  const { t } = useTranslation(['alerts', 'common']);
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const create = useCreateWebhook(workspaceId);
  const errors = create.error instanceof ApiError ? create.error.fieldErrors() : {};
  const other = create.error && !errors.url && !errors.description ? create.error.message : undefined;
  return (
    <Modal opened onClose={onClose} title={<Title order={4}>{t('webhooks.add')}</Title>} size="lg">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ url, description }, { onSuccess: onCreated });
        }}
      >
        <Stack>
          <TextInput
            label={t('webhooks.url')}
            description={t('webhooks.urlHint')}
            required
            data-autofocus
            type="url"
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
            error={errors.url}
            data-testid="webhook-url"
          />
          <TextInput
            label={t('webhooks.description')}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={errors.description}
            data-testid="webhook-description"
          />
          <DialogActions
            error={other}
            onCancel={onClose}
            label={t('common:action.add')}
            pending={create.isPending}
            testId="webhook-save"
          />
        </Stack>
      </form>
    </Modal>
  );
}

function DeliveryLog({ workspaceId, hook }: { workspaceId: string; hook: Webhook }) {
  const { t } = useTranslation('alerts');
  const format = useFormat();
  const deliveries = useDeliveries(workspaceId, hook.id);
  return (
    <Stack gap="xs" mt="xs">
      <Text size="sm" fw={600}>
        {t('webhooks.deliveries')}
      </Text>
      <QueryState query={deliveries}>
        {(page) =>
          page.items.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('webhooks.noDeliveries')}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={720} type="native">
              <Table
                striped
                aria-label={t('webhooks.deliveriesOf', { url: hook.url })}
                data-testid="webhook-deliveries"
              >
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('webhooks.event')}</Table.Th>
                    <Table.Th>{t('webhooks.status')}</Table.Th>
                    <Table.Th>{t('webhooks.attempts')}</Table.Th>
                    <Table.Th>{t('webhooks.lastCode')}</Table.Th>
                    <Table.Th>{t('webhooks.lastError')}</Table.Th>
                    <Table.Th>{t('webhooks.nextRetry')}</Table.Th>
                    <Table.Th>{t('webhooks.created')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {page.items.map((delivery) => (
                    <Table.Tr
                      key={delivery.id}
                      data-testid="webhook-delivery"
                      data-delivery={delivery.id}
                      data-status={delivery.status}
                    >
                      <Table.Td>
                        <Code>{delivery.event}</Code>
                      </Table.Td>
                      <Table.Td>
                        <Badge color={STATUS_COLORS[delivery.status]} variant="light" miw="max-content">
                          {t(`webhooks.deliveryStatus.${delivery.status}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{delivery.attempts}</Table.Td>
                      <Table.Td data-testid="webhook-delivery-code">
                        {delivery.lastStatusCode ?? '–'}
                      </Table.Td>
                      <Table.Td style={{ overflowWrap: 'anywhere' }}>{delivery.lastError ?? '–'}</Table.Td>
                      <Table.Td>
                        {delivery.status === 'pending' ? format.dateTime(delivery.nextAttemptAt) : '–'}
                      </Table.Td>
                      <Table.Td>{format.dateTime(delivery.createdAt)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
    </Stack>
  );
}

function WebhookRow({
  workspaceId,
  hook,
  onRotate,
  onDelete,
}: {
  workspaceId: string;
  hook: Webhook;
  onRotate: () => void;
  onDelete: () => void;
}) {
  const { t } = useTranslation(['alerts', 'common']);
  const [showLog, setShowLog] = useState(false);
  const patch = usePatchWebhook(workspaceId);
  const test = useTestWebhook(workspaceId);
  const tested = test.data;
  const testMessage = tested
    ? tested.status === 'delivered'
      ? t('webhooks.testOk', { status: tested.lastStatusCode })
      : t('webhooks.testFailed', {
          reason:
            tested.lastError ??
            (tested.lastStatusCode === null ? t('webhooks.noAnswer') : `HTTP ${tested.lastStatusCode}`),
        })
    : test.error
      ? t('webhooks.testFailed', { reason: test.error.message })
      : null;
  return (
    <Stack
      gap="xs"
      py="sm"
      data-testid="webhook"
      data-webhook={hook.id}
      style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
    >
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
        <Group wrap="nowrap" align="flex-start" gap="sm" style={{ flex: '1 1 240px', minWidth: 0 }}>
          <Switch
            mt={2}
            aria-label={t('webhooks.toggle', { url: hook.url })}
            checked={hook.enabled}
            onChange={(e) =>
              patch.mutate(
                { id: hook.id, patch: { version: hook.version, enabled: e.currentTarget.checked } },
                {
                  onError: (error) =>
                    notifications.show({
                      color: 'red',
                      message:
                        error instanceof ApiError && error.status === 409
                          ? t('common:state.conflict')
                          : error.message,
                    }),
                },
              )
            }
            data-testid="webhook-enabled"
          />
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }} data-testid="webhook-url-text">
              {hook.url}
            </Text>
            {hook.description && (
              <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {hook.description}
              </Text>
            )}
            {hook.lastDelivery && (
              <Group gap={6}>
                <Badge size="xs" color={STATUS_COLORS[hook.lastDelivery.status]} variant="light">
                  {t(`webhooks.deliveryStatus.${hook.lastDelivery.status}`)}
                </Badge>
                {hook.lastDelivery.statusCode !== null && (
                  <Text size="xs">{hook.lastDelivery.statusCode}</Text>
                )}
              </Group>
            )}
          </Stack>
        </Group>
        <Group gap={4} wrap="wrap">
          <Button
            size="xs"
            variant="light"
            leftSection={<IconSend size={14} />}
            loading={test.isPending}
            aria-label={t('webhooks.testLabel', { url: hook.url })}
            onClick={() => test.mutate(hook.id)}
            data-testid="webhook-test"
          >
            {t('webhooks.test')}
          </Button>
          <Button
            size="xs"
            variant={showLog ? 'filled' : 'default'}
            leftSection={<IconList size={14} />}
            aria-expanded={showLog}
            onClick={() => setShowLog((s) => !s)}
            data-testid="webhook-log-toggle"
          >
            {t('webhooks.showDeliveries')}
          </Button>
          <Tooltip label={t('webhooks.rotate')}>
            <ActionIcon
              variant="subtle"
              aria-label={t('webhooks.rotate')}
              onClick={onRotate}
              data-testid="webhook-rotate"
            >
              <IconKey size={16} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label={t('common:action.delete')}>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('webhooks.deleteLabel', { url: hook.url })}
              onClick={onDelete}
              data-testid="webhook-delete"
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
      {testMessage && (
        <Alert
          color={tested?.status === 'delivered' ? 'teal' : 'red'}
          role="status"
          py={6}
          data-testid="webhook-test-result"
        >
          {testMessage}
        </Alert>
      )}
      {(showLog || tested) && <DeliveryLog workspaceId={workspaceId} hook={hook} />}
    </Stack>
  );
}

export function Webhooks({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation(['alerts', 'common']);
  const hooks = useWebhooks(workspaceId, true);
  const [adding, setAdding] = useState(false);
  const [secret, setSecret] = useState<WebhookWithSecret | null>(null);
  const [rotating, setRotating] = useState<Webhook | null>(null);
  const [deleting, setDeleting] = useState<Webhook | null>(null);
  const rotate = useRotateSecret(workspaceId);
  const remove = useDeleteWebhook(workspaceId);
  return (
    <Card withBorder data-testid="webhooks">
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Title order={4}>{t('webhooks.title')}</Title>
        <Button
          size="xs"
          leftSection={<IconPlus size={14} />}
          onClick={() => setAdding(true)}
          data-testid="webhook-add"
        >
          {t('webhooks.add')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed" mb="xs">
        {t('webhooks.intro')}
      </Text>
      <QueryState query={hooks}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty title={t('webhooks.empty')} />
          ) : (
            <Stack gap={0}>
              {page.items.map((hook) => (
                <WebhookRow
                  key={hook.id}
                  workspaceId={workspaceId}
                  hook={hook}
                  onRotate={() => setRotating(hook)}
                  onDelete={() => setDeleting(hook)}
                />
              ))}
            </Stack>
          )
        }
      </QueryState>
      {adding && (
        <AddWebhookModal
          workspaceId={workspaceId}
          onClose={() => setAdding(false)}
          onCreated={(hook) => {
            setAdding(false);
            setSecret(hook);
          }}
        />
      )}
      {secret && (
        <Modal
          opened
          onClose={() => setSecret(null)}
          closeOnClickOutside={false}
          title={<Title order={4}>{t('webhooks.secretTitle')}</Title>}
          size="lg"
        >
          <SecretView hook={secret} onClose={() => setSecret(null)} />
        </Modal>
      )}
      {rotating && (
        <ConfirmModal
          title={t('webhooks.rotateTitle')}
          message={t('webhooks.rotateConfirm')}
          confirmLabel={t('webhooks.rotate')}
          pending={rotate.isPending}
          error={rotate.error}
          onClose={() => setRotating(null)}
          onConfirm={() =>
            rotate.mutate(rotating.id, {
              onSuccess: (hook) => {
                setRotating(null);
                setSecret(hook);
              },
            })
          }
          confirmTestId="webhook-rotate-confirm"
        />
      )}
      {deleting && (
        <ConfirmModal
          title={t('webhooks.deleteTitle')}
          message={t('common:confirmDelete', { name: deleting.url })}
          confirmLabel={t('common:action.delete')}
          pending={remove.isPending}
          error={remove.error}
          onClose={() => setDeleting(null)}
          onConfirm={() => remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}
          confirmTestId="webhook-delete-confirm"
        />
      )}
    </Card>
  );
}
