/** Sign-in (with the TOTP code when the account has two-factor authentication). */
import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { ApiError, api } from '../api/client';
import type { User } from '../api/types';
import { AuthCard } from '../components/auth-card';
import { isLanguage, setLanguage } from '../i18n';
import { ME_KEY } from '../state/session';

/** What other pages hand to sign-in: where to go back to, the e-mail to fill in, a notice to show. */
interface SignInState {
  from?: string;
  email?: string;
  notice?: 'setupDone';
}

export function SignInPage() {
  const { t } = useTranslation();
  const { t: ti } = useTranslation('invitations');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const state = (useLocation().state ?? {}) as SignInState;
  // Only a path of this app: never an address elsewhere.
  const back = state.from?.startsWith('/') && !state.from.startsWith('//') ? state.from : '/';
  const [email, setEmail] = useState(state.email ?? '');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [needsTotp, setNeedsTotp] = useState(false);
  const signIn = useMutation({
    mutationFn: () => api.post<{ user: User }>('/auth/login', { email, password, ...(totp ? { totp } : {}) }),
    onSuccess: async (answer) => {
      if (answer?.user && isLanguage(answer.user.locale) && !localStorage.getItem('touchpoints.language')) {
        await setLanguage(answer.user.locale);
      }
      // Reset, not just invalidate: a "signed out" answer cached before would send "/" back here.
      await queryClient.resetQueries({ queryKey: ME_KEY });
      navigate(back);
    },
    onError: (error) => {
      if (error instanceof ApiError && /code|totp|two-factor/i.test(error.message)) setNeedsTotp(true);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate();
  };
  const errors = signIn.error instanceof ApiError ? signIn.error.fieldErrors() : {};
  return (
    <AuthCard width={400} onSubmit={submit}>
      <Stack>
        <Title order={3}>{t('signIn.title')}</Title>
        {state.notice === 'setupDone' && (
          <Alert color="blue" role="status" data-testid="sign-in-notice">
            {ti('notice.setupDone')}
          </Alert>
        )}
        {signIn.isError && (
          <Alert color="red" title={t('signIn.failed')} role="alert">
            {signIn.error.message}
          </Alert>
        )}
        <TextInput
          label={t('signIn.email')}
          type="email"
          autoComplete="email"
          required
          value={email}
          error={errors.email}
          onChange={(e) => setEmail(e.currentTarget.value)}
        />
        <PasswordInput
          label={t('signIn.password')}
          autoComplete="current-password"
          required
          value={password}
          error={errors.password}
          onChange={(e) => setPassword(e.currentTarget.value)}
        />
        {needsTotp && (
          <TextInput
            label={t('signIn.totp')}
            inputMode="numeric"
            autoComplete="one-time-code"
            value={totp}
            error={errors.totp}
            onChange={(e) => setTotp(e.currentTarget.value)}
          />
        )}
        <Button type="submit" loading={signIn.isPending}>
          {t('signIn.submit')}
        </Button>
        <Anchor component={Link} to="/forgot-password" size="sm" ta="center" data-testid="forgot-password">
          {ti('reset.forgot')}
        </Anchor>
        <Text size="xs" c="dimmed">
          {t('signIn.firstRunHint')}
        </Text>
      </Stack>
    </AuthCard>
  );
}
