// An app over a real store for HTTP tests, with a settable clock, captured log lines and inline tokens.
import type { Hono } from 'hono';
import { afterAll, beforeAll } from 'vitest';
import type { Program } from '@civicflow/core';
import type { CaseStore } from '../store/case-store.js';
import type { AppEnv } from '../http/http-context.js';
import type { StoreKind } from './stores.js';
import { createApp, type AppOptions } from '../http/create-app.js';
import { createProgramRegistry } from '../programs/program-registry.js';
import { createTokenAuthenticator } from '../auth/token-authenticator.js';
import { loadExample } from '@civicflow/test-support';
import { loadCasework } from './fixtures.js';

export const TOKENS = {
  coach: 'test-token-coach-0000000000',
  zcCoach: 'test-token-zc-coach-00000000',
  officer: 'test-token-officer-000000000',
  dpo: 'test-token-dpo-00000000000000',
  hagenAdvisor: 'test-token-hagen-advisor-0000',
  hagenCoordinator: 'test-token-hagen-coordinator-0',
  admin: 'test-token-admin-00000000000000',
  assistant: 'test-token-assistant-000000000',
  coach2: 'test-token-coach-two-000000000',
  publisher: 'test-token-publisher-000000000',
};

export interface TestApp {
  app: Hono<AppEnv>;
  store: CaseStore;
  programs: Program[];
  logs: string[];
  clock: { now: Date };
  request(path: string, init?: RequestInit & { json?: unknown; token?: string; locale?: string }): Promise<Response>;
  close(): Promise<void>;
}

let loaded: Program[] | undefined;
/** The casework program and every example, loaded once per test file. */
export const examplePrograms = () => (loaded ??= [loadCasework(), ...['zweite-chance', 'gemeinsam-fuer-hagen', 'wir-vielfalt', 'zukunftsbuendnis'].map(loadExample)]);

/** Time for a hook that starts a store (PGlite runs initdb) and loads the programs, on a busy machine. */
export const SETUP_TIMEOUT = 180_000;

/**
 * The test app of a `describeEachStore` block: created before its tests and closed, with its store, after them. The
 * object is filled in by the set-up, so read its fields inside tests, not at the top of the block.
 */
export function useTestApp(kind: StoreKind, options: Partial<AppOptions> = {}): TestApp {
  const t = {} as TestApp;
  beforeAll(async () => {
    Object.assign(t, await createTestApp(kind, options));
  }, SETUP_TIMEOUT);
  afterAll(async () => {
    await t.close?.();
    await kind.cleanup();
  });
  return t;
}

export async function createTestApp(kind: StoreKind, options: Partial<AppOptions> = {}): Promise<TestApp> {
  const store = await kind.create();
  const programs = examplePrograms();
  const logs: string[] = [];
  const clock = { now: new Date('2025-03-01T09:00:00Z') };
  const app = await createApp({
    store,
    programs: createProgramRegistry(programs),
    authenticate: createTokenAuthenticator([
      { token: TOKENS.coach, actor: 'coach-1', roles: ['casework:coach'] },
      { token: TOKENS.zcCoach, actor: 'coach-zc', name: 'Anna Becker', roles: ['zweite-chance:coach'] },
      { token: TOKENS.officer, actor: 'officer-1', roles: ['wir-vielfalt:officer'] },
      { token: TOKENS.dpo, actor: 'dpo-1', roles: ['casework:dataProtection', 'zweite-chance:dataProtection', 'gemeinsam-fuer-hagen:dataProtection'] },
      { token: TOKENS.hagenAdvisor, actor: 'advisor-1', roles: ['gemeinsam-fuer-hagen:advisor'] },
      { token: TOKENS.hagenCoordinator, actor: 'coordinator-1', roles: ['gemeinsam-fuer-hagen:coordinator'] },
      { token: TOKENS.admin, actor: 'admin-1', roles: ['wir-vielfalt:admin', 'casework:admin'] },
      { token: TOKENS.assistant, actor: 'assistant-1', name: 'Ali Assistent', roles: ['casework:assistant'] },
      { token: TOKENS.coach2, actor: 'coach-2', name: 'Bea Berater', roles: ['casework:coach'] },
      { token: TOKENS.publisher, actor: 'designer-1', roles: ['casework:publish'] },
    ]),
    rateLimit: false,
    logger: { log: (e) => logs.push(JSON.stringify(e)) },
    clock: () => clock.now,
    ...options,
  });
  return {
    app,
    store,
    programs,
    logs,
    clock,
    request(path, init = {}) {
      const { json, token, locale, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (json !== undefined) {
        headers.set('content-type', 'application/json');
        rest.body = JSON.stringify(json);
        rest.method ??= 'POST';
      }
      if (token) headers.set('authorization', `Bearer ${token}`);
      if (locale) headers.set('accept-language', locale);
      return Promise.resolve(app.request(path, { ...rest, headers }));
    },
    close: () => store.close(),
  };
}
