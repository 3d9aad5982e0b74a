/** Placeholder until the page is built. */
export function ChainPage() {
  return <div data-testid="page-chain" />;
}
