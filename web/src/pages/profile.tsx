/** The signed-in user's profile: name, language, password, two-factor authentication, sessions. */
import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  Group,
  Image,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconShieldCheck, IconShieldOff } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import QRCode from 'qrcode';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../api/client';
import type { User } from '../api/types';
import { SESSIONS_KEY, Sessions } from '../components/profile/sessions';
import { Loading } from '../components/states';
import { isLanguage, LANGUAGES, setLanguage } from '../i18n';
import { ME_KEY, useMe } from '../state/session';

function Details({ user }: { user: User }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState(user.name);
  const save = useMutation({
    mutationFn: (patch: { name?: string; locale?: string }) => api.patch<User>('/me', patch),
    onSuccess: async (_user, patch) => {
      if (patch.name !== undefined) notifications.show({ color: 'green', message: t('state.saved') });
      await queryClient.invalidateQueries({ queryKey: ME_KEY });
    },
  });
  const error = save.error instanceof ApiError ? save.error : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ name });
  };
  return (
    <Card withBorder>
      <Stack component="form" onSubmit={submit}>
        <Title order={4}>{t('profile.details')}</Title>
        <TextInput label={t('signIn.email')} value={user.email} readOnly />
        <TextInput
          label={t('profile.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={error?.fieldMessage('name')}
        />
        <Select
          label={t('profile.language')}
          data-testid="profile-language"
          allowDeselect={false}
          maw={240}
          value={i18n.language}
          data={LANGUAGES.map((l) => ({ value: l.code, label: l.name }))}
          onChange={async (value) => {
            if (!isLanguage(value)) return;
            await setLanguage(value);
            save.mutate({ locale: value });
          }}
          error={error?.fieldMessage('locale')}
        />
        {save.isError && !error?.body.issues?.length && (
          <Alert color="red" role="alert">
            {save.error.message}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={save.isPending} disabled={name === user.name}>
            {t('action.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function PasswordChange() {
  const { t } = useTranslation();
  const { t: ta } = useTranslation('account');
  const queryClient = useQueryClient();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const change = useMutation({
    mutationFn: () => api.post('/me/password', { currentPassword, newPassword }),
    onSuccess: async () => {
      // The server ended every other session.
      notifications.show({ color: 'green', message: ta('passwordChanged') });
      setCurrent('');
      setNew('');
      await queryClient.invalidateQueries({ queryKey: SESSIONS_KEY });
    },
  });
  const error = change.error instanceof ApiError ? change.error : null;
  const fieldErrors = error?.fieldErrors() ?? {};
  const general =
    change.isError && !fieldErrors.currentPassword && !fieldErrors.newPassword ? change.error.message : null;
  return (
    <Card withBorder>
      <Stack
        component="form"
        onSubmit={(e) => {
          e.preventDefault();
          change.mutate();
        }}
      >
        <Title order={4}>{t('profile.password')}</Title>
        <PasswordInput
          label={t('profile.currentPassword')}
          autoComplete="current-password"
          required
          value={currentPassword}
          onChange={(e) => setCurrent(e.currentTarget.value)}
          error={fieldErrors.currentPassword}
        />
        <PasswordInput
          label={t('profile.newPassword')}
          autoComplete="new-password"
          required
          value={newPassword}
          onChange={(e) => setNew(e.currentTarget.value)}
          error={fieldErrors.newPassword}
        />
        {general && (
          <Alert color="red" role="alert">
            {general}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={change.isPending}>
            {t('profile.password')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

interface Enrolment {
  secret: string;
  uri: string;
  qr: string;
}

function TwoFactor({ user }: { user: User }) {
  const { t } = useTranslation();
  const { t: ta } = useTranslation('account');
  const queryClient = useQueryClient();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [code, setCode] = useState('');
  const begin = useMutation({
    mutationFn: async (): Promise<Enrolment> => {
      const answer = await api.post<{ secret: string; uri: string }>('/me/totp');
      return { ...answer, qr: await QRCode.toDataURL(answer.uri, { width: 220, margin: 1 }) };
    },
    onSuccess: (answer) => {
      setEnrolment(answer);
      setCode('');
    },
  });
  const finish = async (message: string) => {
    notifications.show({ color: 'green', message });
    setEnrolment(null);
    setCode('');
    await queryClient.invalidateQueries({ queryKey: ME_KEY });
    await queryClient.invalidateQueries({ queryKey: SESSIONS_KEY });
  };
  const enable = useMutation({
    mutationFn: () => api.post('/me/totp/enable', { code: code.trim() }),
    // The server ended every other session.
    onSuccess: () => finish(ta('totpEnabled')),
  });
  const disable = useMutation({
    mutationFn: () => api.post('/me/totp/disable', { code: code.trim() }),
    onSuccess: () => finish(t('profile.totpDisabled')),
  });
  const pending = user.totpEnabled ? disable : enable;
  const codeError =
    pending.error instanceof ApiError
      ? (pending.error.fieldMessage('code') ?? pending.error.message)
      : pending.error?.message;
  const codeInput = (
    <TextInput
      label={t('profile.totpCode')}
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={12}
      maw={200}
      value={code}
      onChange={(e) => setCode(e.currentTarget.value)}
      error={codeError}
      data-testid="totp-code"
    />
  );
  return (
    <Card withBorder>
      <Stack>
        <Group justify="space-between">
          <Title order={4}>{t('profile.totpTitle')}</Title>
          <Badge
            color={user.totpEnabled ? 'green' : 'gray'}
            variant="light"
            leftSection={user.totpEnabled ? <IconShieldCheck size={14} /> : <IconShieldOff size={14} />}
            data-testid="totp-status"
          >
            {user.totpEnabled ? t('profile.totpOn') : t('profile.totpOff')}
          </Badge>
        </Group>
        {user.totpEnabled ? (
          <Stack
            component="form"
            onSubmit={(e) => {
              e.preventDefault();
              disable.mutate();
            }}
          >
            <Text size="sm" c="dimmed">
              {t('profile.totpDisableHint')}
            </Text>
            {codeInput}
            <Group>
              <Button type="submit" color="red" variant="light" loading={disable.isPending}>
                {t('profile.totpDisable')}
              </Button>
            </Group>
          </Stack>
        ) : enrolment ? (
          <Stack
            component="form"
            onSubmit={(e) => {
              e.preventDefault();
              enable.mutate();
            }}
          >
            <Text size="sm">{t('profile.totpScan')}</Text>
            <Group align="start" gap="xl">
              <Image src={enrolment.qr} alt={t('profile.qrAlt')} w={220} h={220} data-testid="totp-qr" />
              <Stack gap={4} maw={320}>
                <Text size="sm" c="dimmed">
                  {t('profile.totpSecret')}
                </Text>
                <Code data-testid="totp-secret" style={{ wordBreak: 'break-all' }}>
                  {enrolment.secret}
                </Code>
              </Stack>
            </Group>
            {codeInput}
            <Group>
              <Button type="submit" loading={enable.isPending} data-testid="totp-confirm">
                {t('profile.totpConfirm')}
              </Button>
              <Button variant="default" onClick={() => setEnrolment(null)}>
                {t('action.cancel')}
              </Button>
            </Group>
          </Stack>
        ) : (
          <Group>
            <Button onClick={() => begin.mutate()} loading={begin.isPending} data-testid="totp-start">
              {t('profile.totpStart')}
            </Button>
            {begin.isError && (
              <Text c="red" size="sm" role="alert">
                {begin.error.message}
              </Text>
            )}
          </Group>
        )}
      </Stack>
    </Card>
  );
}

export function ProfilePage() {
  const { t } = useTranslation();
  const me = useMe().data;
  if (!me) return <Loading />;
  return (
    <Stack maw={1100} mx="auto" data-testid="page-profile">
      <Title order={2}>{t('profile.title')}</Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Stack>
          <Details user={me.user} />
          <PasswordChange />
        </Stack>
        <TwoFactor user={me.user} />
      </SimpleGrid>
      <Sessions />
    </Stack>
  );
}
