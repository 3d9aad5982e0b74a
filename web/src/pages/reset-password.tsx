/** Password reset: asking for a link by e-mail, and the link's page that sets the new password. */
import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../api/client';
import {
  completePasswordReset,
  linkProblem,
  requestPasswordReset,
  usePasswordResetView,
} from '../api/invitations';
import { AuthCard } from '../components/auth-card';
import { ErrorState, Loading } from '../components/states';
import { ME_KEY } from '../state/session';

export function ForgotPasswordPage() {
  const { t } = useTranslation('invitations');
  const [email, setEmail] = useState('');
  const request = useMutation({ mutationFn: () => requestPasswordReset(email) });
  const errors = request.error instanceof ApiError ? request.error.fieldErrors() : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    request.mutate();
  };
  return (
    <AuthCard onSubmit={submit}>
      <Stack>
        <Title order={3}>{t('reset.requestTitle')}</Title>
        {request.isSuccess ? (
          <Alert color="green" role="status" data-testid="reset-requested">
            {t('reset.requested')}
          </Alert>
        ) : (
          <>
            <Text size="sm">{t('reset.requestIntro')}</Text>
            {request.isError && !errors.email && (
              <Alert color="red" role="alert">
                {request.error.message}
              </Alert>
            )}
            <TextInput
              label={t('reset.email')}
              type="email"
              autoComplete="email"
              required
              value={email}
              error={errors.email}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            <Button type="submit" loading={request.isPending}>
              {t('reset.requestSubmit')}
            </Button>
          </>
        )}
        <Anchor component={Link} to="/login" size="sm" ta="center">
          {t('reset.backToSignIn')}
        </Anchor>
      </Stack>
    </AuthCard>
  );
}

export function ResetPasswordPage() {
  const { t } = useTranslation('invitations');
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const view = usePasswordResetView(token);
  const [password, setPassword] = useState('');
  const reset = useMutation({
    mutationFn: () => completePasswordReset(token, password),
    onSuccess: async () => {
      await queryClient.resetQueries({ queryKey: ME_KEY });
      notifications.show({ color: 'green', message: t('reset.done') });
      navigate('/');
    },
  });
  if (view.isPending) return <Loading />;
  if (view.isError) {
    const problem = linkProblem(view.error);
    if (!problem) return <ErrorState error={view.error} onRetry={() => void view.refetch()} />;
    return (
      <AuthCard>
        <Stack>
          <Title order={3}>{t('reset.unusable')}</Title>
          <Alert color="yellow" role="alert" data-testid="reset-problem">
            {problem === 'used' || problem === 'expired' ? t(`reset.gone.${problem}`) : t('reset.notFound')}
          </Alert>
          <Button component={Link} to="/forgot-password" variant="light">
            {t('reset.again')}
          </Button>
        </Stack>
      </AuthCard>
    );
  }
  const errors = reset.error instanceof ApiError ? reset.error.fieldErrors() : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    reset.mutate();
  };
  return (
    <AuthCard onSubmit={submit}>
      <Stack>
        <Title order={3}>{t('reset.title')}</Title>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {t('reset.forEmail', { email: view.data.email })}
        </Text>
        {reset.isError && !errors.password && (
          <Alert color="red" role="alert">
            {reset.error.message}
          </Alert>
        )}
        <PasswordInput
          label={t('reset.password')}
          autoComplete="new-password"
          required
          value={password}
          error={errors.password}
          onChange={(e) => setPassword(e.currentTarget.value)}
        />
        <Button type="submit" loading={reset.isPending} data-testid="reset-submit">
          {t('reset.submit')}
        </Button>
      </Stack>
    </AuthCard>
  );
}
