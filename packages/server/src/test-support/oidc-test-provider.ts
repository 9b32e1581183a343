// A real OpenID Connect provider for tests: oidc-provider (certified) on 127.0.0.1, with its own signing key, a
// confidential web client for civicflow, a service client for the client credentials grant, and a small interaction
// in place of a login page: it signs in whoever `provider.user` names and grants what the client asked for.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';

export interface TestAccount {
  name: string;
  groups: string[];
}

export interface TestProvider {
  issuer: string;
  /** Who the next sign-in at this provider is. */
  user: string;
  close(): Promise<void>;
}

export const CIVICFLOW_CLIENT = { id: 'civicflow', secret: 'civicflow-test-secret-0123456789' };
export const SERVICE_CLIENT = { id: 'reporting-service', secret: 'reporting-service-secret-012345' };
/** The audience (resource indicator) of access tokens for the civicflow API. */
export const API_AUDIENCE = 'https://civicflow.test/api';

export interface TestProviderOptions {
  accounts: Record<string, TestAccount>;
  /** The civicflow server's `/auth/callback`. */
  redirectUri: string;
  /** Where civicflow sends people after signing out. */
  postLogoutRedirectUri: string;
  /** The groups the service client's tokens carry. */
  serviceGroups?: string[];
}

export async function startTestProvider(options: TestProviderOptions): Promise<TestProvider> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: `test-${Math.random().toString(36).slice(2)}` };
  // Set once the port, and so the issuer, is known; the interaction handler reads it per request.
  let provider!: Provider; // eslint-disable-line prefer-const
  const state = { user: Object.keys(options.accounts)[0]! };

  async function interaction(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name === 'login') {
      await provider.interactionFinished(req, res, { login: { accountId: state.user } }, { mergeWithLastSubmission: false });
      return;
    }
    const accountId = details.session!.accountId;
    const clientId = String(details.params.client_id);
    const grant = details.grantId ? (await provider.Grant.find(details.grantId))! : new provider.Grant({ accountId, clientId });
    const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(resource, scopes.join(' '));
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }

  const server = createServer((req, res) => {
    if (req.url?.startsWith('/interaction/')) {
      interaction(req, res).catch((err: Error) => {
        res.statusCode = 500;
        res.end(err.message);
      });
      return;
    }
    provider.callback()(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  provider = new Provider(issuer, {
    clients: [
      {
        client_id: CIVICFLOW_CLIENT.id,
        client_secret: CIVICFLOW_CLIENT.secret,
        redirect_uris: [options.redirectUri],
        post_logout_redirect_uris: [options.postLogoutRedirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
      {
        client_id: SERVICE_CLIENT.id,
        client_secret: SERVICE_CLIENT.secret,
        redirect_uris: [],
        grant_types: ['client_credentials'],
        response_types: [],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: ['test-cookie-key-0123456789'] },
    scopes: ['openid', 'profile', 'groups'],
    claims: { openid: ['sub'], profile: ['name'], groups: ['groups'] },
    pkce: { required: () => true },
    findAccount: (_ctx, sub) => {
      const account = options.accounts[sub];
      return account ? { accountId: sub, claims: () => ({ sub, name: account.name, groups: account.groups }) } : undefined;
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        // Only the service asks for the API: the web client's access token stays an opaque one for userinfo.
        defaultResource: (ctx) => (ctx.oidc.client?.clientId === SERVICE_CLIENT.id ? API_AUDIENCE : undefined),
        getResourceServerInfo: () => ({ scope: 'cases', audience: API_AUDIENCE, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } }),
        useGrantedResource: () => true,
      },
    },
    extraTokenClaims: (_ctx, token) => (token.kind === 'ClientCredentials' ? { groups: options.serviceGroups ?? [] } : undefined),
  });
  return {
    issuer,
    get user() {
      return state.user;
    },
    set user(sub: string) {
      state.user = sub;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * A browser's part in a sign-in, done with fetch: follows redirects one at a time, keeps cookies per origin, and
 * hands requests for `appOrigin` to the app instead of the network.
 */
export function createTestBrowser(appOrigin: string, app: { fetch: (request: Request) => Response | Promise<Response> }) {
  const jars = new Map<string, Map<string, string>>();
  const jar = (origin: string) => jars.get(origin) ?? jars.set(origin, new Map()).get(origin)!;
  async function send(url: string, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url);
    const headers = new Headers(init.headers);
    const cookies = [...jar(target.origin)].map(([k, v]) => `${k}=${v}`).join('; ');
    if (cookies) headers.set('cookie', cookies);
    const request = new Request(target, { ...init, headers, redirect: 'manual' });
    const response = target.origin === appOrigin ? await app.fetch(request) : await fetch(request);
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const gone = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]!) < Date.now()));
      if (gone || value === '') jar(target.origin).delete(name);
      else jar(target.origin).set(name, value);
    }
    return response;
  }
  return {
    send,
    /** Goes to `url` and follows redirects until an answer that is not one; returns it and the URLs passed. */
    async navigate(url: string, init: RequestInit = {}): Promise<{ response: Response; visited: string[] }> {
      const visited = [url];
      let response = await send(url, init);
      while ([301, 302, 303, 307, 308].includes(response.status) && visited.length < 20) {
        const next = new URL(response.headers.get('location')!, visited.at(-1)).href;
        visited.push(next);
        response = await send(next);
      }
      return { response, visited };
    },
    cookie: (origin: string, name: string) => jar(origin).get(name),
    setCookie: (origin: string, name: string, value: string) => jar(origin).set(name, value),
  };
}
