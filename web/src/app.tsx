/** Routes of the single-page app. Everything under /w/:workspaceId is one workspace. */
import { Button, Center, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Link, Navigate, RouterProvider, useLocation } from 'react-router';
import { PlainLayout, WorkspaceLayout } from './components/layout';
import { ErrorState, Loading } from './components/states';
import { AnalyticsPage } from './pages/analytics';
import { ChainPage } from './pages/chain';
import { ChainsPage } from './pages/chains';
import { DataPage } from './pages/data';
import { HealthPage } from './pages/health';
import { HomePage } from './pages/home';
import { JourneyMapPage } from './pages/journey-map';
import { JourneysPage } from './pages/journeys';
import { ProfilePage } from './pages/profile';
import { SettingsPage } from './pages/settings';
import { SetupPage } from './pages/setup';
import { SignInPage } from './pages/sign-in';
import { TouchpointsPage } from './pages/touchpoints';
import { useMe, useWorkspace } from './state/session';

/** Pages for signed-in users only: others go to the sign-in page. */
function SignedIn({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return <>{children}</>;
}

/** A workspace the caller is not a member of (or that is gone) gets a clear page, not a blank one. */
function InWorkspace() {
  const workspace = useWorkspace();
  if (!workspace) return <NotFound />;
  return <WorkspaceLayout />;
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <Center mih="60vh">
      <Stack align="center">
        <Title order={3}>{t('state.notFound')}</Title>
        <Button component={Link} to="/">
          {t('state.backHome')}
        </Button>
      </Stack>
    </Center>
  );
}

const router = createBrowserRouter([
  { path: '/login', element: <SignInPage /> },
  { path: '/setup', element: <SetupPage /> },
  {
    path: '/',
    element: (
      <SignedIn>
        <HomePage />
      </SignedIn>
    ),
  },
  {
    path: '/profile',
    element: (
      <SignedIn>
        <PlainLayout>
          <ProfilePage />
        </PlainLayout>
      </SignedIn>
    ),
  },
  {
    path: '/w/:workspaceId',
    element: (
      <SignedIn>
        <InWorkspace />
      </SignedIn>
    ),
    children: [
      { index: true, element: <Navigate to="touchpoints" replace /> },
      { path: 'touchpoints', element: <TouchpointsPage /> },
      { path: 'journeys', element: <JourneysPage /> },
      { path: 'journeys/:journeyId', element: <JourneyMapPage /> },
      { path: 'chains', element: <ChainsPage /> },
      { path: 'chains/:chainId', element: <ChainPage /> },
      { path: 'analytics', element: <AnalyticsPage /> },
      { path: 'analytics/:analysis', element: <AnalyticsPage /> },
      { path: 'health', element: <HealthPage /> },
      { path: 'data', element: <DataPage /> },
      { path: 'settings', element: <SettingsPage /> },
      { path: '*', element: <NotFound /> },
    ],
  },
  { path: '*', element: <NotFound /> },
]);

export function App() {
  return <RouterProvider router={router} />;
}
