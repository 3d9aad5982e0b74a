/** Placeholder until the page is built. */
export function AnalyticsPage() {
  return <div data-testid="page-analytics" />;
}
