/** Placeholder until the page is built. */
export function ChainsPage() {
  return <div data-testid="page-chains" />;
}
