/** The app shell: navigation, workspace switcher, language picker and user menu around each page. */
import {
  Anchor,
  AppShell,
  Avatar,
  Burger,
  Group,
  Menu,
  NavLink,
  ScrollArea,
  Select,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure, useHotkeys, useMediaQuery } from '@mantine/hooks';
import {
  IconActivityHeartbeat,
  IconBell,
  IconBuildingStore,
  IconChartBar,
  IconChartSankey,
  IconClipboardCheck,
  IconDatabase,
  IconLink,
  IconListCheck,
  IconLogout,
  IconMap2,
  IconMapPins,
  IconMessageDots,
  IconMessageReport,
  IconReport,
  IconSettings,
  IconStar,
  IconUser,
} from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { api } from '../api/client';
import { LANGUAGES, type Language, setLanguage } from '../i18n';
import { ME_KEY, useMe, useWorkspaceId } from '../state/session';
import { NotificationBell } from './alerts/notification-bell';
import { Loading } from './states';

/** True below Mantine's `sm` breakpoint (48em): the phone layout, navigation in a burger drawer. */
export function usePhone(): boolean {
  return useMediaQuery('(max-width: 47.99em)') ?? false;
}

/** Switches the interface language, and keeps it in the profile when signed in. */
function useChangeLanguage(): (value: string | null) => Promise<void> {
  const queryClient = useQueryClient();
  const me = useMe().data;
  return async (value) => {
    if (!value) return;
    await setLanguage(value as Language);
    if (me) {
      await api.patch('/me', { locale: value });
      await queryClient.invalidateQueries({ queryKey: ME_KEY });
    }
  };
}

/** The language select of the header (wide screens; on phones the user menu offers the languages). */
function LanguagePicker() {
  const { t, i18n } = useTranslation();
  const changeLanguage = useChangeLanguage();
  return (
    <Select
      aria-label={t('nav.language')}
      data-testid="language-picker"
      size="xs"
      w={130}
      visibleFrom="sm"
      allowDeselect={false}
      value={i18n.language}
      data={LANGUAGES.map((l) => ({ value: l.code, label: l.name }))}
      onChange={changeLanguage}
    />
  );
}

function WorkspaceSwitcher() {
  const { t } = useTranslation();
  const workspaceId = useWorkspaceId();
  const navigate = useNavigate();
  const location = useLocation();
  const workspaces = useMe().data?.workspaces ?? [];
  return (
    <Select
      aria-label={t('nav.workspace')}
      data-testid="workspace-switcher"
      size="xs"
      w={220}
      miw={0}
      style={{ flexShrink: 1 }}
      allowDeselect={false}
      value={workspaceId}
      data={workspaces.map((w) => ({ value: w.id, label: w.name }))}
      onChange={(value) => {
        if (!value) return;
        // Stay on the same kind of page in the other workspace (not on an object of the old one).
        const section = location.pathname.split('/')[3] ?? 'touchpoints';
        navigate(`/w/${value}/${section}`);
      }}
    />
  );
}

function UserMenu() {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const phone = usePhone();
  const changeLanguage = useChangeLanguage();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const signOut = useMutation({
    mutationFn: () => api.post('/auth/logout'),
    onSettled: () => {
      queryClient.clear();
      navigate('/login');
    },
  });
  if (!me) return null;
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        {/* Named by the user's name shown in it; where that is hidden (phones), by the title. */}
        <UnstyledButton title={t('nav.profile')} data-testid="user-menu">
          <Group gap={6}>
            <Avatar size="sm" radius="xl" color="blue" aria-hidden>
              {(me.user.name || me.user.email).slice(0, 1).toUpperCase()}
            </Avatar>
            <Text size="sm" visibleFrom="sm">
              {me.user.name || me.user.email}
            </Text>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item leftSection={<IconUser size={16} />} component={Link} to="/profile">
          {t('nav.profile')}
        </Menu.Item>
        <Menu.Item component="a" href="/docs" target="_blank">
          {t('nav.apiDocs')}
        </Menu.Item>
        <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => signOut.mutate()}>
          {t('nav.signOut')}
        </Menu.Item>
        {phone && (
          <>
            <Menu.Divider />
            <Menu.Label>{t('nav.language')}</Menu.Label>
            <Menu.RadioGroup value={i18n.language} onChange={changeLanguage}>
              {LANGUAGES.map((l) => (
                <Menu.RadioItem
                  key={l.code}
                  value={l.code}
                  lang={l.code}
                  data-testid={`menu-language-${l.code}`}
                >
                  {l.name}
                </Menu.RadioItem>
              ))}
            </Menu.RadioGroup>
          </>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}

const SECTIONS = [
  { path: 'touchpoints', icon: IconMapPins, key: 'nav.touchpoints' },
  { path: 'journeys', icon: IconMap2, key: 'nav.journeys' },
  { path: 'chains', icon: IconLink, key: 'nav.chains' },
  { path: 'analytics', icon: IconChartSankey, key: 'nav.analytics' },
  { path: 'tasks', icon: IconListCheck, key: 'nav.tasks' },
  { path: 'complaints', icon: IconMessageReport, key: 'complaints:nav' },
  { path: 'surveys', icon: IconMessageDots, key: 'surveys:nav' },
  { path: 'reviews', icon: IconStar, key: 'reviews:nav' },
  { path: 'benchmark', icon: IconChartBar, key: 'nav.benchmark' },
  { path: 'brands', icon: IconBuildingStore, key: 'nav.brands' },
  { path: 'audits', icon: IconClipboardCheck, key: 'nav.audits' },
  { path: 'alerts', icon: IconBell, key: 'nav.alerts' },
  { path: 'health', icon: IconActivityHeartbeat, key: 'nav.health' },
  { path: 'report', icon: IconReport, key: 'nav.report' },
  { path: 'data', icon: IconDatabase, key: 'nav.data' },
  { path: 'settings', icon: IconSettings, key: 'nav.settings' },
] as const;

/** Shell of the pages inside a workspace. */
export function WorkspaceLayout() {
  // The areas that carry their own navigation label (`surveys:nav`) are listed after `common`.
  const { t } = useTranslation(['common', 'complaints', 'surveys', 'reviews', 'a11y']);
  const workspaceId = useWorkspaceId();
  const location = useLocation();
  const section = location.pathname.split('/')[3];
  // The navigation on phones: a drawer behind the burger, closed again when a page is chosen.
  const [navOpened, nav] = useDisclosure(false);
  const phone = usePhone();
  useHotkeys([['Escape', nav.close]]);
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding={{ base: 'sm', sm: 'md' }}
    >
      <AppShell.Header className="no-print">
        <Group h="100%" px={{ base: 'sm', sm: 'md' }} justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Burger
              opened={navOpened}
              onClick={nav.toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={navOpened ? t('nav.closeNavigation') : t('nav.openNavigation')}
              aria-controls="app-navigation"
              aria-expanded={navOpened}
              data-testid="nav-burger"
            />
            <Anchor
              component={Link}
              to={`/w/${workspaceId}/touchpoints`}
              onClick={nav.close}
              fw={700}
              size="lg"
              underline="never"
              style={{ flexShrink: 0 }}
            >
              {t('appName')}
            </Anchor>
            <WorkspaceSwitcher />
          </Group>
          <Group gap="sm" wrap="nowrap" style={{ flexShrink: 0 }}>
            <NotificationBell />
            <LanguagePicker />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar
        p="xs"
        className="no-print"
        aria-label={t('a11y:mainNavigation')}
        id="app-navigation"
        // Off-screen while collapsed on a phone: out of the tab order and the accessibility tree.
        inert={phone && !navOpened}
      >
        <ScrollArea>
          {SECTIONS.map(({ path, icon: Icon, key }) => (
            <NavLink
              key={path}
              component={Link}
              to={`/w/${workspaceId}/${path}`}
              label={t(key)}
              leftSection={<Icon size={18} stroke={1.6} />}
              active={section === path}
              onClick={nav.close}
              data-testid={`nav-${path}`}
            />
          ))}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}

/** Shell of pages outside a workspace (profile, workspace choice). */
export function PlainLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const first = me?.workspaces[0];
  return (
    <AppShell header={{ height: 56 }} padding={{ base: 'sm', sm: 'md' }}>
      <AppShell.Header>
        <Group h="100%" px={{ base: 'sm', sm: 'md' }} justify="space-between" wrap="nowrap">
          <Anchor
            component={Link}
            to={first ? `/w/${first.id}/touchpoints` : '/'}
            fw={700}
            size="lg"
            underline="never"
          >
            {t('appName')}
          </Anchor>
          <Group gap="md">
            <LanguagePicker />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main>{children}</AppShell.Main>
    </AppShell>
  );
}

/** Title row of a page: heading on the left, actions on the right (below it when the screen is narrow). */
export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Group justify="space-between" mb="md" wrap="wrap" gap="sm">
      <Title order={2} miw={0} style={{ overflowWrap: 'anywhere' }}>
        {title}
      </Title>
      <Group gap="sm" data-testid="page-actions">
        {children}
      </Group>
    </Group>
  );
}
