/** Placeholder until the page is built. */
export function TouchpointsPage() {
  return <div data-testid="page-touchpoints" />;
}
