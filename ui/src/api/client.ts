import createClient, { type Middleware } from 'openapi-fetch';

import type { paths } from './schema';

/** The access token of the signed-in user, set by the auth layer (kept outside React so the client can read it). */
let accessToken: string | undefined;

export function setAccessToken(token: string | undefined): void {
  accessToken = token;
}

const bearer: Middleware = {
  async onRequest({ request }) {
    if (accessToken) {
      request.headers.set('Authorization', `Bearer ${accessToken}`);
    }
    request.headers.set('Accept', 'application/json, application/problem+json');
    return request;
  },
};

/** The typed client of the app's API: its types are generated from ui/openapi.json, the app's /v3/api-docs. */
export const api = createClient<paths>({ baseUrl: '' });
api.use(bearer);

/** The same-origin URL of an API path, with the token as header (for downloads and streams use fetch with this). */
export function authHeaders(): Record<string, string> {
  return accessToken ? { Authorization: `Bearer ${accessToken}` } : {};
}
