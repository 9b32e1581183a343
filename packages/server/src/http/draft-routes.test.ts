import { expect, it } from 'vitest';
import { loadProgram } from '@civicflow/core';
import { describeEachStore } from '../test-support/stores.js';
import { useTestApp, TOKENS } from '../test-support/test-app.js';
import { caseworkIntake, loadCasework } from '../test-support/fixtures.js';
import { caseworkNextDefinition } from '../test-support/casework-next.js';
import { createTokenAuthenticator } from '../auth/token-authenticator.js';
import { createProgramRegistry } from '../programs/program-registry.js';
import { createMigrationWorker } from '../migrations-of-cases/run-migrations.js';

const DESIGNER_A = 'test-token-designer-a-000000000';
const DESIGNER_B = 'test-token-designer-b-000000000';
const PUBLISHER = 'test-token-publisher-0000000000';
const authenticate = createTokenAuthenticator([
  { token: DESIGNER_A, actor: 'designer-a', name: 'Dora Designer', roles: ['casework:design'] },
  { token: DESIGNER_B, actor: 'designer-b', name: 'Ben Builder', roles: ['casework:design'] },
  { token: PUBLISHER, actor: 'publisher-1', name: 'Paula Publisher', roles: ['casework:publish'] },
  { token: TOKENS.coach, actor: 'coach-1', roles: ['casework:coach'] },
]);

/** A draft's text as a designer's editor might leave it: tabs, keys in its own order, an escaped umlaut, no final newline. */
function oddlyWritten(definition: Record<string, unknown>): string {
  const { id, version, ...rest } = definition;
  return JSON.stringify({ version, id, ...rest }, null, '\t').replace('"Fallarbeit', '"\\u0046allarbeit');
}

describeEachStore('drafts and publishing them', (kind) => {
  const t = useTestApp(kind, { authenticate });
  const draft = (token?: string, locale = 'en') => t.request('/v1/programs/casework/draft', { ...(token ? { token } : {}), locale });
  const save = (text: string, ifMatch: string | undefined, token = DESIGNER_A, locale = 'en') =>
    t.request('/v1/programs/casework/draft', {
      method: 'PUT',
      body: text,
      token,
      locale,
      headers: { 'content-type': 'application/json', ...(ifMatch === undefined ? {} : { 'if-match': ifMatch }) },
    });
  const publish = (body: unknown, ifMatch: string, token = PUBLISHER, locale = 'en') =>
    t.request('/v1/programs/casework/draft/publish', { json: body, token, locale, headers: { 'if-match': ifMatch } });

  it('lets only designers and publishers of the program read and save its draft', async () => {
    expect((await draft()).status).toBe(401);
    const coach = await draft(TOKENS.coach);
    expect(coach.status).toBe(403);
    expect(await coach.json()).toMatchObject({ code: 'FORBIDDEN', details: { role: 'casework:design' } });
    expect((await t.request('/v1/programs/zweite-chance/draft', { token: DESIGNER_A })).status).toBe(403);
    expect((await draft(PUBLISHER)).status).toBe(200);
    expect((await save('{}', '"0"', TOKENS.coach)).status).toBe(403);
    expect((await t.request('/v1/programs/casework/draft/changes', { token: TOKENS.coach })).status).toBe(403);
    // Designing is not publishing.
    const designer = await publish({}, '"0"', DESIGNER_A);
    expect(designer.status).toBe(403);
    expect(await designer.json()).toMatchObject({ details: { role: 'casework:publish' } });
  });

  it('starts a new draft from the live version, keeps a saved draft byte for byte, and needs If-Match to save', async () => {
    const first = await draft(DESIGNER_A);
    expect(first.headers.get('etag')).toBe('"0"');
    expect(JSON.parse(await first.text())).toEqual(JSON.parse(JSON.stringify(loadCasework().definition)));

    const text = oddlyWritten(caseworkNextDefinition('recompute'));
    expect(text).toContain('\\u0046allarbeit');
    const missing = await save(text, undefined, DESIGNER_A, 'de');
    expect(missing.status).toBe(428);
    expect(await missing.json()).toMatchObject({ code: 'DRAFT_VERSION_REQUIRED', message: expect.stringContaining('If-Match') });
    expect((await save('[1]', '"0"')).status).toBe(400);
    const otherProgram = await save(JSON.stringify({ id: 'zweite-chance' }), '"0"');
    expect(otherProgram.status).toBe(400);
    expect(await otherProgram.json()).toMatchObject({ code: 'PARAMETER_INVALID' });

    const saved = await save(text, '"0"');
    expect(saved.status).toBe(200);
    expect(saved.headers.get('etag')).toBe('"1"');
    expect(await saved.json()).toEqual({ version: 1, savedBy: 'designer-a', savedAt: t.clock.now.toISOString() });
    const back = await draft(DESIGNER_B);
    expect(back.headers.get('etag')).toBe('"1"');
    expect(await back.text()).toBe(text);
  });

  it('refuses the save of a designer who loaded an older version (412), naming who saved, and keeps the other\'s text', async () => {
    const base = caseworkNextDefinition('recompute');
    const textA = oddlyWritten({ ...base, title: { de: 'Fallarbeit A', en: 'Casework A' } });
    const textB = oddlyWritten({ ...base, title: { de: 'Fallarbeit B', en: 'Casework B' } });
    // Both loaded version 1; A saves first.
    expect((await save(textA, '"1"', DESIGNER_A)).status).toBe(200);
    const stale = await save(textB, '"1"', DESIGNER_B, 'de');
    expect(stale.status).toBe(412);
    const body = await stale.json();
    expect(body).toMatchObject({ code: 'DRAFT_CONFLICT', details: { expected: 1, current: 2, savedBy: 'designer-a', savedByName: 'Dora Designer' } });
    expect(body.message).toContain('Jemand anderes hat diesen Entwurf inzwischen gespeichert (jetzt Version 2)');
    expect(await (await draft(DESIGNER_B)).text()).toBe(textA);

    // Two saves over the same version at once: exactly one takes.
    const both = await Promise.all([save(textA, '2', DESIGNER_A), save(textB, 'W/"2"', DESIGNER_B)]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 412]);
    const winner = both[0]!.status === 200 ? textA : textB;
    const after = await draft(DESIGNER_A);
    expect(after.headers.get('etag')).toBe('"3"');
    expect(await after.text()).toBe(winner);
    // Back to the plain next version for what follows.
    expect((await save(oddlyWritten(base), '"3"')).status).toBe(200);
  });

  it('lists what the draft changes against the live version', async () => {
    const res = await t.request('/v1/programs/casework/draft/changes', { token: DESIGNER_B });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ draft: 4, live: { version: '1.0.0', hash: loadCasework().hash }, problems: [] });
    // What the person may do, so that the page offers Publish only to those who may publish.
    expect(body.rights).toEqual(['design']);
    expect((await (await t.request('/v1/programs/casework/draft/changes', { token: PUBLISHER })).json()).rights).toEqual(['design', 'publish']);
    const { changes } = body;
    expect(changes.version).toEqual({ before: '1.0.0', after: '1.1.0' });
    expect(changes.fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ form: 'intake', field: 'phone', kind: 'removed' }),
        expect.objectContaining({ form: 'intake', field: 'telephone', kind: 'added' }),
        expect.objectContaining({ form: 'plan', field: 'hours', kind: 'changed', what: ['required'], before: expect.objectContaining({ required: false }), after: expect.objectContaining({ required: true }) }),
      ]),
    );
    expect(changes.states).toEqual(expect.arrayContaining([{ state: 'overdue', kind: 'removed' }, { state: 'late', kind: 'added' }]));
    expect(changes.timers).toEqual(expect.arrayContaining([expect.objectContaining({ state: 'received', kind: 'changed', before: 'P14D', after: 'P7D' })]));
    expect(changes.texts).toEqual(expect.arrayContaining([expect.objectContaining({ locale: 'de', key: 'forms.intake.fields.telephone.label', kind: 'added' })]));
    expect(changes.other).toEqual([{ part: 'versions', kind: 'added' }]);
  });

  it('publishes the draft: checks it, shows the plan, publishes with an audit entry, and migrates the open cases of the old version', async () => {
    const opened = await t.request('/v1/programs/casework/versions/1.0.0/submissions', { json: caseworkIntake() });
    expect(opened.status).toBe(201);
    const caseId = ((await opened.json()) as { caseId: string }).caseId;

    expect((await publish({}, '"3"')).status).toBe(412);
    expect((await publish({ dryRun: 'yes' }, '"4"')).status).toBe(400);
    const plan = await publish({ dryRun: true }, '"4"');
    expect(plan.status).toBe(200);
    const planned = await plan.json();
    expect(planned).toMatchObject({ version: '1.1.0', hash: loadProgram(caseworkNextDefinition('recompute')).hash });
    expect(planned.plans).toEqual([expect.objectContaining({ from: 'casework@1.0.0', to: 'casework@1.1.0', total: 1, migrating: 1, failing: 0, states: [{ from: 'received', to: 'received', cases: 1 }] })]);
    // A plan changes nothing.
    expect((await (await t.request('/v1/programs/casework/versions')).json()).items.map((v: { version: string }) => v.version)).toEqual(['1.0.0']);

    t.clock.now = new Date('2025-03-05T10:00:00Z');
    const res = await publish({ migrate: true }, '"4"');
    expect(res.status).toBe(201);
    const published = await res.json();
    expect(published).toMatchObject({ created: true, version: { ref: 'casework@1.1.0', current: true, publishedAt: '2025-03-05T10:00:00.000Z' } });
    expect(published.migrations).toEqual([expect.objectContaining({ from: '1.0.0', to: '1.1.0', total: 1, startedBy: 'publisher-1' })]);
    expect((await t.store.programVersions.get('casework', '1.1.0'))!.definition).toBe(await (await draft(DESIGNER_A)).text());
    const audit = await t.store.officeAudit('casework', 50);
    expect(audit.filter((e) => e.action === 'publish')).toEqual([
      expect.objectContaining({ actor: 'publisher-1', at: '2025-03-05T10:00:00.000Z', detail: { version: '1.1.0', hash: published.version.hash, draft: 4 } }),
    ]);

    const worker = createMigrationWorker({ store: t.store, programs: createProgramRegistry([...t.programs, loadProgram(caseworkNextDefinition('recompute'))]), clock: () => t.clock.now });
    expect(await worker.runOnce()).toEqual({ migrated: 1, failed: 0 });
    const moved = (await t.store.getCase(caseId))!;
    expect(moved.program).toBe('casework@1.1.0');
    expect(moved.data).toMatchObject({ telephone: expect.any(String) });
    expect(moved.data).not.toHaveProperty('phone');
  });

  it('refuses to publish a draft whose version is not newer, or which has problems, in the caller\'s language', async () => {
    const same = await save(oddlyWritten(caseworkNextDefinition('recompute')), '"4"');
    expect(same.status).toBe(200);
    const again = await publish({}, '"5"', PUBLISHER, 'de');
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'DRAFT_VERSION_NOT_NEWER', details: { version: '1.1.0', current: '1.1.0' }, message: expect.stringContaining('höhere Versionsnummer') });

    const broken = caseworkNextDefinition('recompute', '1.2.0');
    broken.versions = { acceptPreviousFor: 'two weeks' };
    expect((await save(JSON.stringify(broken), '"5"')).status).toBe(200);
    const invalid = await publish({}, '"6"', PUBLISHER, 'de');
    expect(invalid.status).toBe(422);
    const body = await invalid.json();
    expect(body).toMatchObject({ code: 'PROGRAM_INVALID' });
    expect(body.problems).toEqual([expect.objectContaining({ code: 'VERSIONS_DURATION_INVALID', pointer: '/versions/acceptPreviousFor' })]);
    // The designer sees the same problems beside the changes.
    const changes = await (await t.request('/v1/programs/casework/draft/changes', { token: DESIGNER_A })).json();
    expect(changes.problems).toEqual([expect.objectContaining({ code: 'VERSIONS_DURATION_INVALID' })]);

    const misfit = caseworkNextDefinition('recompute', '1.2.0');
    misfit.versions.migrations[0].from = '1.1.0';
    misfit.versions.migrations[0].states = { nowhere: 'late' };
    expect((await save(JSON.stringify(misfit), '"6"')).status).toBe(200);
    const unfit = await publish({ dryRun: true }, '"7"');
    expect(unfit.status).toBe(422);
    expect(await unfit.json()).toMatchObject({ code: 'MIGRATION_INVALID', problems: expect.arrayContaining([expect.objectContaining({ pointer: '/versions/migrations/0/states/nowhere' })]) });
  });
});

