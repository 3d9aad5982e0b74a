/** Placeholder until the page is built. */
export function ProfilePage() {
  return <div data-testid="page-profile" />;
}
