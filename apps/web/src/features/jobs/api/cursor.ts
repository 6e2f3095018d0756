/**
 * The `cursor` query parameter of a `next` link, or `undefined` at the end of the list.
 * ⚠️ The link is absolute (built by the server); only its cursor is reused, so the request
 * stays same-origin behind any proxy.
 */
export function cursorFromLink(link: string | null | undefined): string | undefined {
  if (!link) return undefined;
  try {
    return new URL(link, "http://localhost").searchParams.get("cursor") ?? undefined;
  } catch {
    return undefined;
  }
}
