import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './styles.css';
import './i18n';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, StrictMode, useMemo } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api/client';
import { App } from './app';
import { SkipLink } from './components/skip-link';
import { buildTheme, cssVariablesResolver } from './theme';

// The nonce the server gave this page for its <style> elements (the Content-Security-Policy allows
// no others); the browser hides the attribute, the property keeps it.
const styleNonce = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce ?? '';

/** Mantine with the theme of the current language (the widgets' own names are translated). */
function ThemedProvider({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation('a11y');
  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuilt when the language changes
  const theme = useMemo(() => buildTheme(t), [t, i18n.language]);
  return (
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      getStyleNonce={() => styleNonce}
    >
      {children}
    </MantineProvider>
  );
}

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      // A 4xx will not get better by asking again.
      retry: (count, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});

const root = document.getElementById('root');
if (!root) throw new Error('no #root element');
createRoot(root).render(
  <StrictMode>
    <ThemedProvider>
      <SkipLink />
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </ThemedProvider>
  </StrictMode>,
);
