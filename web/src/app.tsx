/** Routes of the single-page app. Everything under /w/:workspaceId is one workspace. */
import { Button, Center, Stack, Title } from '@mantine/core';
import { lazy, type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import {
  createBrowserRouter,
  Link,
  Navigate,
  RouterProvider,
  useLocation,
  useRouteError,
} from 'react-router';
import { PlainLayout, WorkspaceLayout } from './components/layout';
import { ErrorState, Loading } from './components/states';
import { HomePage } from './pages/home';
import { SetupPage } from './pages/setup';
import { SignInPage } from './pages/sign-in';
import { useMe, useWorkspace } from './state/session';

// Each page is its own chunk: the sign-in page does not load the charts.
const AlertsPage = lazy(() => import('./pages/alerts').then((m) => ({ default: m.AlertsPage })));
const AuditPage = lazy(() => import('./pages/audit').then((m) => ({ default: m.AuditPage })));
const AuditsPage = lazy(() => import('./pages/audits').then((m) => ({ default: m.AuditsPage })));
const AuditWalkPage = lazy(() => import('./pages/audit-walk').then((m) => ({ default: m.AuditWalkPage })));
const ShopperPage = lazy(() => import('./pages/shopper').then((m) => ({ default: m.ShopperPage })));
const AnalyticsPage = lazy(() => import('./pages/analytics').then((m) => ({ default: m.AnalyticsPage })));
const BenchmarkPage = lazy(() => import('./pages/benchmark').then((m) => ({ default: m.BenchmarkPage })));
const BrandsPage = lazy(() => import('./pages/brands').then((m) => ({ default: m.BrandsPage })));
const ChainPage = lazy(() => import('./pages/chain').then((m) => ({ default: m.ChainPage })));
const ComplaintsPage = lazy(() => import('./pages/complaints').then((m) => ({ default: m.ComplaintsPage })));
const ChainsPage = lazy(() => import('./pages/chains').then((m) => ({ default: m.ChainsPage })));
const DataPage = lazy(() => import('./pages/data').then((m) => ({ default: m.DataPage })));
const HealthPage = lazy(() => import('./pages/health').then((m) => ({ default: m.HealthPage })));
const ReportPage = lazy(() => import('./pages/report').then((m) => ({ default: m.ReportPage })));
const JourneyMapPage = lazy(() => import('./pages/journey-map').then((m) => ({ default: m.JourneyMapPage })));
const JourneyPrintPage = lazy(() =>
  import('./pages/journey-print').then((m) => ({ default: m.JourneyPrintPage })),
);
const SharedMapPage = lazy(() => import('./pages/shared-map').then((m) => ({ default: m.SharedMapPage })));
const SharedMapPrintPage = lazy(() =>
  import('./pages/shared-map').then((m) => ({ default: m.SharedMapPrintPage })),
);
const JourneysPage = lazy(() => import('./pages/journeys').then((m) => ({ default: m.JourneysPage })));
const InvitePage = lazy(() => import('./pages/invite').then((m) => ({ default: m.InvitePage })));
const ForgotPasswordPage = lazy(() =>
  import('./pages/reset-password').then((m) => ({ default: m.ForgotPasswordPage })),
);
const ResetPasswordPage = lazy(() =>
  import('./pages/reset-password').then((m) => ({ default: m.ResetPasswordPage })),
);
const PersonasPage = lazy(() => import('./pages/personas').then((m) => ({ default: m.PersonasPage })));
const JourneyComparePage = lazy(() =>
  import('./pages/journey-compare').then((m) => ({ default: m.JourneyComparePage })),
);
const ProfilePage = lazy(() => import('./pages/profile').then((m) => ({ default: m.ProfilePage })));
const ReviewsPage = lazy(() => import('./pages/reviews').then((m) => ({ default: m.ReviewsPage })));
const SettingsPage = lazy(() => import('./pages/settings').then((m) => ({ default: m.SettingsPage })));
const SurveyPage = lazy(() => import('./pages/survey').then((m) => ({ default: m.SurveyPage })));
const SurveysPage = lazy(() => import('./pages/surveys').then((m) => ({ default: m.SurveysPage })));
const TasksPage = lazy(() => import('./pages/tasks').then((m) => ({ default: m.TasksPage })));
const TouchpointsPage = lazy(() =>
  import('./pages/touchpoints').then((m) => ({ default: m.TouchpointsPage })),
);

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

/** A page that failed while drawing: say so, and offer the way out, instead of a blank screen. */
function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  return (
    <Center mih="60vh" p="md">
      <Stack align="center" maw={560}>
        <ErrorState
          error={error instanceof Error ? error : new Error(String(error))}
          onRetry={() => location.reload()}
        />
        <Button component={Link} to="/" variant="light">
          {t('state.backHome')}
        </Button>
      </Stack>
    </Center>
  );
}

const router = createBrowserRouter([
  { path: '/login', element: <SignInPage /> },
  { path: '/setup', element: <SetupPage /> },
  // Invitation and password-reset links, and asking for one: no sign-in needed, no app shell.
  {
    path: '/invite/:token',
    element: (
      <Suspense fallback={<Loading />}>
        <InvitePage />
      </Suspense>
    ),
  },
  {
    path: '/forgot-password',
    element: (
      <Suspense fallback={<Loading />}>
        <ForgotPasswordPage />
      </Suspense>
    ),
  },
  {
    path: '/reset-password/:token',
    element: (
      <Suspense fallback={<Loading />}>
        <ResetPasswordPage />
      </Suspense>
    ),
  },
  // The external mystery shopper's page: no sign-in, no app shell.
  {
    path: '/shopper/:token',
    element: (
      <Suspense fallback={<Loading />}>
        <ShopperPage />
      </Suspense>
    ),
  },
  // A journey map's read-only link: no sign-in, no app shell; and its print view.
  {
    path: '/m/:token',
    element: (
      <Suspense fallback={<Loading />}>
        <SharedMapPage />
      </Suspense>
    ),
  },
  {
    path: '/m/:token/print/:size',
    element: (
      <Suspense fallback={<Loading />}>
        <SharedMapPrintPage />
      </Suspense>
    ),
  },
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
          <Suspense fallback={<Loading />}>
            <ProfilePage />
          </Suspense>
        </PlainLayout>
      </SignedIn>
    ),
  },
  // A member's walk of an audit, phone-sized: outside the shell, so no navigation bar takes the width.
  {
    path: '/w/:workspaceId/audits/:auditId/walk',
    errorElement: <RouteError />,
    element: (
      <SignedIn>
        <Suspense fallback={<Loading />}>
          <AuditWalkPage />
        </Suspense>
      </SignedIn>
    ),
  },
  // A map's print view: outside the shell, so that only its sheets are printed.
  {
    path: '/w/:workspaceId/journeys/:journeyId/print/:size',
    errorElement: <RouteError />,
    element: (
      <SignedIn>
        <Suspense fallback={<Loading />}>
          <JourneyPrintPage />
        </Suspense>
      </SignedIn>
    ),
  },
  {
    path: '/w/:workspaceId',
    errorElement: <RouteError />,
    element: (
      <SignedIn>
        <InWorkspace />
      </SignedIn>
    ),
    children: [
      {
        errorElement: <RouteError />,
        children: [
          { index: true, element: <Navigate to="touchpoints" replace /> },
          { path: 'touchpoints', element: <TouchpointsPage /> },
          { path: 'journeys', element: <JourneysPage /> },
          { path: 'journeys/personas', element: <PersonasPage /> },
          { path: 'journeys/compare', element: <JourneyComparePage /> },
          { path: 'journeys/:journeyId', element: <JourneyMapPage /> },
          { path: 'chains', element: <ChainsPage /> },
          { path: 'chains/:chainId', element: <ChainPage /> },
          { path: 'analytics', element: <AnalyticsPage /> },
          { path: 'analytics/:analysis', element: <AnalyticsPage /> },
          { path: 'tasks', element: <TasksPage /> },
          { path: 'complaints', element: <ComplaintsPage /> },
          { path: 'surveys', element: <SurveysPage /> },
          { path: 'surveys/:surveyId', element: <SurveyPage /> },
          { path: 'reviews', element: <ReviewsPage /> },
          { path: 'benchmark', element: <BenchmarkPage /> },
          { path: 'brands', element: <BrandsPage /> },
          { path: 'audits', element: <AuditsPage /> },
          { path: 'audits/:auditId', element: <AuditPage /> },
          { path: 'alerts', element: <AlertsPage /> },
          { path: 'health', element: <HealthPage /> },
          { path: 'report', element: <ReportPage /> },
          { path: 'data', element: <DataPage /> },
          { path: 'settings', element: <SettingsPage /> },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
  { path: '*', element: <NotFound /> },
]);

export function App() {
  return <RouterProvider router={router} />;
}
