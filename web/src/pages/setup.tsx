/** First run: the owner account from the one-time setup link the server printed. */
import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError, api } from '../api/client';
import { ME_KEY } from '../state/session';

export function SetupPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const navigate = useNavigate();
  const queryClient = useQueryClient();
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
  return (
    <Center mih="100vh" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" w={440} component="form" onSubmit={submit}>
        <Stack>
          <Title order={3}>{t('setup.title')}</Title>
          <Text size="sm">{t('setup.intro')}</Text>
          {!token && (
            <Alert color="yellow" role="alert">
              {t('setup.missingToken')}
            </Alert>
          )}
          {setup.isError && !Object.keys(errors).length && (
            <Alert color="red" role="alert">
              {setup.error.message}
            </Alert>
          )}
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
        </Stack>
      </Paper>
    </Center>
  );
}
