/**
 * The bearer token the person pasted, kept for this tab only (sessionStorage: gone when the tab
 * closes, never sent anywhere but in the `Authorization` header of the page's own API calls).
 * The upload page and the API reference share it, so a token pasted on one works on the other.
 */
const KEY = 'temp-contents.token';

export function readToken(): string | undefined {
  const value = sessionStorage.getItem(KEY)?.trim();
  return value ? value : undefined;
}

export function saveToken(token: string): void {
  sessionStorage.setItem(KEY, token.trim());
}

export function forgetToken(): void {
  sessionStorage.removeItem(KEY);
}
