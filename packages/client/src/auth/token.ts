/** Where the bearer token comes from: a fixed string, or a function asked before every request. */
export type TokenSource =
  | { token?: string | undefined; getToken?: undefined }
  | { token?: undefined; getToken: () => string | undefined | Promise<string | undefined> };

/**
 * The `Authorization` value for the next request, or undefined when no token is configured (the
 * server then answers 401, which is what a conformance check for missing auth wants to see).
 */
export async function authorizationHeader(source: TokenSource): Promise<string | undefined> {
  const token = source.getToken ? await source.getToken() : source.token;
  return token ? `Bearer ${token}` : undefined;
}
