/** First run: the owner account from the one-time setup link the server printed. */
import { Alert, Button, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError, api } from '../api/client';
import { useSetupState } from '../api/invitations';
import { AuthCard } from '../components/auth-card';
import { Loading } from '../components/states';
import { ME_KEY } from '../state/session';

export function SetupPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { t: ti } = useTranslation('invitations');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const state = useSetupState(token);
  const [form, setForm] = useState({
    name: '',
    email: '',
    password: '',
    workspaceName: t('setup.workspaceDefault'),
  });
  const setup = useMutation({
    mutationFn: () => api.post('/setup', { ...form, name: form.name || undefined, token }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ME_KEY });
      navigate('/');
    },
  });
  const errors = setup.error instanceof ApiError ? setup.error.fieldErrors() : {};
  const field = (name: keyof typeof form) => ({
    value: form[name],
    error: errors[name],
    onChange: (e: { currentTarget: { value: string } }) =>
      setForm({ ...form, [name]: e.currentTarget.value }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setup.mutate();
  };
  if (state.isPending) return <Loading />;
  // An account exists: the link has done its work; sign-in says so.
  if (state.data === 'done' && !setup.isSuccess)
    return <Navigate to="/login" replace state={{ notice: 'setupDone' }} />;
  const usable = state.data === 'open' || state.isError;
  return (
    <AuthCard width={440} onSubmit={submit}>
      <Stack>
        <Title order={3}>{t('setup.title')}</Title>
        <Text size="sm">{t('setup.intro')}</Text>
        {!usable && (
          <Alert color="yellow" role="alert" data-testid="setup-unusable">
            {token ? ti('setup.invalid') : t('setup.missingToken')}
          </Alert>
        )}
        {setup.isError && !Object.keys(errors).length && (
          <Alert color="red" role="alert">
            {setup.error.message}
          </Alert>
        )}
        {usable && (
          <>
            <TextInput label={t('setup.name')} autoComplete="name" {...field('name')} />
            <TextInput
              label={t('setup.email')}
              type="email"
              required
              autoComplete="email"
              {...field('email')}
            />
            <PasswordInput
              label={t('setup.password')}
              required
              autoComplete="new-password"
              {...field('password')}
            />
            <TextInput label={t('setup.workspaceName')} required {...field('workspaceName')} />
            <Button type="submit" loading={setup.isPending} disabled={!token}>
              {t('setup.submit')}
            </Button>
          </>
        )}
      </Stack>
    </AuthCard>
  );
}
