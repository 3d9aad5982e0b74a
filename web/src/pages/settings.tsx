/** Placeholder until the page is built. */
export function SettingsPage() {
  return <div data-testid="page-settings" />;
}
