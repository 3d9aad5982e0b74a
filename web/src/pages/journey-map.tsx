/** Placeholder until the page is built. */
export function JourneyMapPage() {
  return <div data-testid="page-journey-map" />;
}
