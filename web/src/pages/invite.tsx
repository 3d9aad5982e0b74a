/**
 * An invitation link: shows the workspace and role; a new e-mail chooses a name and password and
 * is signed in, an existing account signs in (and comes back here) and joins.
 */
import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, api } from '../api/client';
import { acceptInvitation, linkProblem, useInvitationView } from '../api/invitations';
import { AuthCard } from '../components/auth-card';
import { ErrorState, Loading } from '../components/states';
import { ME_KEY, useMe } from '../state/session';

const GONE = ['accepted', 'revoked', 'expired'] as const;

export function InvitePage() {
  const { t } = useTranslation('invitations');
  const { t: ts } = useTranslation('settings');
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const view = useInvitationView(token);
  const me = useMe();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const accept = useMutation({
    mutationFn: (input: { name?: string; password?: string }) => acceptInvitation(token, input),
    onSuccess: async (answer) => {
      await queryClient.resetQueries({ queryKey: ME_KEY });
      notifications.show({
        color: 'green',
        message: t('accept.joined', { workspace: view.data?.workspaceName }),
      });
      navigate(`/w/${answer.workspaceId}`);
    },
  });
  const signOut = useMutation({
    mutationFn: () => api.post('/auth/logout'),
    onSettled: () => queryClient.resetQueries({ queryKey: ME_KEY }),
  });

  if (view.isPending || me.isPending) return <Loading />;
  if (view.isError) {
    const problem = linkProblem(view.error);
    if (!problem) return <ErrorState error={view.error} onRetry={() => void view.refetch()} />;
    const gone = (GONE as readonly string[]).includes(problem) ? (problem as (typeof GONE)[number]) : null;
    return (
      <AuthCard>
        <Stack>
          <Title order={3}>{t('accept.unusable')}</Title>
          <Alert color="yellow" role="alert" data-testid="invite-problem">
            {gone ? t(`accept.gone.${gone}`) : t('accept.notFound')}
          </Alert>
          <Button component={Link} to="/login" variant="light">
            {t('accept.toSignIn')}
          </Button>
        </Stack>
      </AuthCard>
    );
  }
  const invitation = view.data;
  const role = ts(`members.roles.${invitation.role}`);
  const current = me.data?.user;
  const errors = accept.error instanceof ApiError ? accept.error.fieldErrors() : {};
  const general = accept.isError && !errors.password && !errors.name ? accept.error.message : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    accept.mutate(invitation.hasAccount ? {} : { name: name.trim() || undefined, password });
  };
  return (
    <AuthCard onSubmit={submit}>
      <Stack>
        <Title order={3} style={{ overflowWrap: 'anywhere' }}>
          {t('accept.title', { workspace: invitation.workspaceName })}
        </Title>
        <Text size="sm" data-testid="invite-summary">
          {invitation.inviterName
            ? t('accept.invitedBy', { name: invitation.inviterName, role })
            : t('accept.invited', { role })}
        </Text>
        <TextInput label={t('accept.email')} value={invitation.email} readOnly />
        {general && (
          <Alert color="red" role="alert">
            {general}
          </Alert>
        )}
        {!invitation.hasAccount ? (
          <>
            <TextInput
              label={t('accept.name')}
              autoComplete="name"
              value={name}
              error={errors.name}
              onChange={(e) => setName(e.currentTarget.value)}
            />
            <PasswordInput
              label={t('accept.password')}
              autoComplete="new-password"
              required
              value={password}
              error={errors.password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            <Button type="submit" loading={accept.isPending} data-testid="invite-accept">
              {t('accept.create')}
            </Button>
          </>
        ) : current?.email === invitation.email ? (
          <Button type="submit" loading={accept.isPending} data-testid="invite-accept">
            {t('accept.join')}
          </Button>
        ) : current ? (
          <>
            <Alert color="yellow">
              {t('accept.otherAccount', { current: current.email, email: invitation.email })}
            </Alert>
            <Button variant="light" onClick={() => signOut.mutate()} loading={signOut.isPending}>
              {t('accept.signOut')}
            </Button>
          </>
        ) : (
          <>
            <Text size="sm">{t('accept.hasAccount', { email: invitation.email })}</Text>
            <Button
              component={Link}
              to="/login"
              state={{ from: `/invite/${token}`, email: invitation.email }}
              data-testid="invite-sign-in"
            >
              {t('accept.signInToJoin')}
            </Button>
            <Anchor component={Link} to="/forgot-password" size="sm" ta="center">
              {t('reset.forgot')}
            </Anchor>
          </>
        )}
      </Stack>
    </AuthCard>
  );
}
