/** Placeholder until the page is built. */
export function HealthPage() {
  return <div data-testid="page-health" />;
}
