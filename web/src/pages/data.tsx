/** Placeholder until the page is built. */
export function DataPage() {
  return <div data-testid="page-data" />;
}
