/** Placeholder until the page is built. */
export function JourneysPage() {
  return <div data-testid="page-journeys" />;
}
