import { afterEach, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { examplePath } from '@civicflow/test-support';
import { startDevServer, type DevServer } from './dev-server.js';
import { main } from './main.js';

const examples = examplePath();

interface Status {
  version: number;
  ok: boolean;
  problems: { code: string; pointer: string; line: number }[];
  failure?: { code: string };
}

/** Waits until the server pushes a version above `after` over its event stream, as the page's script does. */
async function nextVersion(url: string, after: number): Promise<number> {
  const res = await fetch(new URL('/events', url), { signal: AbortSignal.timeout(10_000) });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error('the event stream ended');
      buffer += decoder.decode(value, { stream: true });
      const versions = [...buffer.matchAll(/^data: (\d+)$/gm)].map((m) => Number(m[1]));
      const newer = versions.find((v) => v > after);
      if (newer !== undefined) return newer;
    }
  } finally {
    await reader.cancel();
  }
}

describe('civicflow dev', () => {
  let dir: string;
  let server: DevServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
    await rm(dir, { recursive: true, force: true });
  });

  const copyExample = async (name: string) => {
    dir = await mkdtemp(path.join(tmpdir(), 'cf-dev-'));
    const file = path.join(dir, 'program.json');
    await writeFile(file, await readFile(path.join(examples, name, 'program.json')));
    return file;
  };

  it('serves every form in every locale, the precompiled validators, the embed bundle and the diagram, under a CSP without eval', async () => {
    await copyExample('gemeinsam-fuer-hagen');
    server = await startDevServer({ file: 'program.json', cwd: dir, port: 0 });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await fetch(server.url);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self';");
    expect(page.headers.get('content-security-policy')).not.toContain('unsafe-eval');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await page.text();
    const program = JSON.parse(await readFile(path.join(dir, 'program.json'), 'utf8')) as { forms: object; locales: string[] };
    for (const form of Object.keys(program.forms)) for (const locale of program.locales) expect(html).toContain(`form-id="${form}" locale="${locale}"`);
    expect(html).toContain('No problems');
    expect((html.match(/<svg/g) ?? []).length).toBe(program.locales.length);
    expect(html).toContain('Erstkontakt'); // a state's German title, in the German diagram
    // Laid out to fit the page, timers in words, and each diagram's ids its own.
    for (const m of html.matchAll(/<svg [^>]*width="(\d+)"/g)) expect(Number(m[1])).toBeLessThanOrEqual(1280 - 2 * 64);
    expect(html).toContain('nach 8 Wochen');
    expect(html).not.toMatch(/>[^<]*\bP\d+[WMD]\b/);
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBe(new Set(ids).size);

    const validators = await fetch(new URL('/validators.js', server.url));
    const code = await validators.text();
    expect(code).toMatch(/export /);
    expect(code).not.toMatch(/new Function|eval\(/);
    const embed = await fetch(new URL('/cf-form.embed.js', server.url));
    expect(embed.status).toBe(200);
    const embedCode = await embed.text();
    expect(embedCode).toContain('cf-form');
    // Every file the bundle imports from beside itself (the sending code, each locale's words) is served too.
    const beside = [...embedCode.matchAll(/import\("\.\/([^"]+)"\)/g)].map((m) => m[1]!);
    expect(beside).toContain('cf-form.sending.js');
    expect(beside).toContain('cf-form.locale-ar.js');
    for (const name of beside) expect((await fetch(new URL(`/${name}`, server.url))).status, name).toBe(200);
  });

  it('serves the designer on the file (its page alone may evaluate code) and writes what it saves, refusing a program check refuses unless confirmed', async () => {
    const file = await copyExample('zukunftsbuendnis');
    const original = await readFile(file, 'utf8');
    server = await startDevServer({ file: 'program.json', cwd: dir, port: 0, locale: 'de' });
    const page = await fetch(new URL('/designer', server.url));
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self' 'unsafe-eval';");
    const html = await page.text();
    expect(html).toContain('<html lang="de">');
    expect(html).toContain(`storage-key="civicflow-designer:${file}"`);
    expect((await fetch(server.url)).headers.get('content-security-policy')).not.toContain('unsafe-eval');
    expect(await (await fetch(new URL('/designer/program.json', server.url))).text()).toBe(original);
    const bundle = await fetch(new URL('/cf-program-designer.js', server.url));
    expect(bundle.status).toBe(200);
    expect(await bundle.text()).toContain('cf-program-designer');

    const put = (body: string, headers: Record<string, string> = {}) =>
      fetch(new URL('/designer/program.json', server!.url), { method: 'PUT', headers: { 'Content-Type': 'application/json', ...headers }, body });
    const program = JSON.parse(original) as { version: string; locales: string[] };
    const broken = original.replace(`"version": "${program.version}"`, '"version": "one"');
    expect(broken).not.toBe(original);

    const refused = await put(broken);
    expect(refused.status).toBe(409);
    const answer = (await refused.json()) as { code: string; problems: { pointer: string; message: string }[] };
    expect(answer.code).toBe('PROGRAM_INVALID');
    expect(answer.problems.map((p) => p.pointer)).toContain('/version');
    expect(await readFile(file, 'utf8')).toBe(original);

    expect((await put('{ "id": ')).status).toBe(400);
    expect((await put(original, { Origin: 'https://elsewhere.example' })).status).toBe(403);
    expect((await fetch(new URL('/designer/program.json', server.url), { method: 'PUT', headers: { 'Content-Type': 'text/plain' }, body: original })).status).toBe(415);
    expect(await readFile(file, 'utf8')).toBe(original);

    expect((await put(broken, { 'X-Civicflow-Confirm': 'problems' })).status).toBe(200);
    expect(await readFile(file, 'utf8')).toBe(broken);
    const fixed = original.replace(`"version": "${program.version}"`, '"version": "9.0.0"');
    const ok = await put(fixed, { Origin: new URL(server.url).origin });
    expect(await ok.json()).toEqual({ saved: true, problems: 0 });
    expect(await readFile(file, 'utf8')).toBe(fixed);
  });

  it('lists the walks beside the program and saves one as cases/workflow-<name>.json, refusing names that leave the folder, other origins and a walk of that name unless confirmed', async () => {
    await copyExample('zweite-chance');
    server = await startDevServer({ file: 'program.json', cwd: dir, port: 0 });
    const list = async () => ((await (await fetch(new URL('/designer/walks', server!.url))).json()) as { walks: { name: string; text: string }[] }).walks;
    expect(await list()).toEqual([]);
    const walk = await readFile(path.join(examples, 'zweite-chance', 'cases', 'workflow-pause-expires.json'), 'utf8');
    const put = (name: string, body: string, headers: Record<string, string> = {}) =>
      fetch(new URL(`/designer/walks/${name}`, server!.url), { method: 'PUT', headers: { 'Content-Type': 'application/json', ...headers }, body });

    const saved = await put('pause-expires', walk, { Origin: new URL(server.url).origin });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toEqual({ saved: true, file: 'cases/workflow-pause-expires.json' });
    expect(await readFile(path.join(dir, 'cases', 'workflow-pause-expires.json'), 'utf8')).toBe(walk);
    expect(await list()).toEqual([{ name: 'pause-expires', text: walk }]);

    for (const name of ['..%2Fx', '%2E%2E%2Fx', '..%5Cx', 'Pause', 'x.json', '-x']) {
      const refused = await put(name, walk);
      expect(refused.status, name).toBe(400);
      expect(((await refused.json()) as { code: string }).code, name).toBe('WALK_NAME_REFUSED');
    }
    // A path that leaves the folder never reaches the endpoint's name at all.
    expect((await put('../x', walk)).status).toBe(404);
    await expect(readFile(path.join(dir, 'x.json'), 'utf8')).rejects.toThrow();
    await expect(readFile(path.join(dir, 'workflow-x.json'), 'utf8')).rejects.toThrow();

    expect((await put('other', walk, { Origin: 'https://elsewhere.example' })).status).toBe(403);
    expect((await fetch(new URL('/designer/walks/other', server.url), { method: 'PUT', headers: { 'Content-Type': 'text/plain' }, body: walk })).status).toBe(415);
    expect(((await (await put('other', '{ "steps": ')).json()) as { code: string }).code).toBe('NOT_JSON');
    expect(((await (await put('other', '{ "steps": [] }')).json()) as { code: string }).code).toBe('WALK_INVALID');
    expect((await list()).map((w) => w.name)).toEqual(['pause-expires']);

    const changed = walk.replace('"locale": "de"', '"locale": "en"');
    const exists = await put('pause-expires', changed);
    expect(exists.status).toBe(409);
    expect(((await exists.json()) as { code: string }).code).toBe('WALK_EXISTS');
    expect(await readFile(path.join(dir, 'cases', 'workflow-pause-expires.json'), 'utf8')).toBe(walk);
    expect((await put('pause-expires', changed, { 'X-Civicflow-Confirm': 'replace' })).status).toBe(200);
    expect(await readFile(path.join(dir, 'cases', 'workflow-pause-expires.json'), 'utf8')).toBe(changed);
  });

  it('starts on a file that does not exist yet: the designer is told so (404), and its first save creates the file', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'cf-dev-'));
    await mkdir(path.join(dir, 'neu'));
    server = await startDevServer({ file: 'neu/program.json', cwd: dir, port: 0, locale: 'en' });
    expect((await (await fetch(new URL('/status.json', server.url))).json()) as Status).toMatchObject({ ok: false, failure: { code: 'FILE_NOT_FOUND' } });
    const missing = await fetch(new URL('/designer/program.json', server.url));
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { code: string }).code).toBe('FILE_NOT_FOUND');
    expect(await (await fetch(new URL('/designer', server.url))).text()).toContain('data-file="neu/program.json"');
    // What the designer's start form makes (its templates are tested in the designer's own tests).
    const text = await readFile(path.join(examples, 'zukunftsbuendnis', 'program.json'), 'utf8');
    const saved = await fetch(new URL('/designer/program.json', server.url), { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: text });
    expect(await saved.json()).toEqual({ saved: true, problems: 0 });
    expect(await readFile(path.join(dir, 'neu/program.json'), 'utf8')).toBe(text);
    expect((await server.refresh()).program?.definition.id).toBe(JSON.parse(text).id);
  });

  it('refuses a file in a folder that does not exist, in the person\'s language, and listens on nothing', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'cf-dev-'));
    await expect(startDevServer({ file: 'neu/program.json', cwd: dir, port: 0 })).rejects.toMatchObject({ code: 'FOLDER_NOT_FOUND' });
    const out: string[] = [];
    const err: string[] = [];
    const io = { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t), cwd: dir };
    expect(await main(['dev', 'neu/program.json', '--port', '0', '--locale', 'de'], io)).toBe(2);
    expect(err.join('')).toBe('civicflow dev: neu/program.json lässt sich nicht öffnen: Den Ordner neu gibt es nicht. Legen Sie ihn zuerst an oder geben Sie eine Datei in einem vorhandenen Ordner an\n');
    err.length = 0;
    expect(await main(['dev', 'neu/program.json', '--port', '0'], io)).toBe(2);
    expect(err.join('')).toContain('the folder neu does not exist');
    expect(out).toEqual([]);
  });

  it("shows the program's notices: to whom, when, and their subject and text in every locale", async () => {
    await copyExample('wir-vielfalt');
    server = await startDevServer({ file: 'program.json', cwd: dir, port: 0 });
    const html = await (await fetch(server.url)).text();
    expect(html).toContain('<code>confirmation</code>: to the applicant (<code>contactPerson.email</code>), when a submission opens a case');
    expect(html).toContain('<code>approved</code>: to the applicant (<code>contactPerson.email</code>), when a case enters <code>approved</code>');
    expect(html).toContain('<code>arrival</code>: to the office (wir-foerderung@example.org)');
    expect(html).toContain('<strong>Ihr Antrag {reference} ist eingegangen</strong>');
    expect(html).toContain('<strong>Your application {reference} has arrived</strong>');
  });

  it('checks the file again on save and pushes the new problem list to open pages', async () => {
    const file = await copyExample('wir-vielfalt');
    server = await startDevServer({ file: 'program.json', cwd: dir, port: 0 });
    const status = async () => (await (await fetch(new URL('/status.json', server!.url))).json()) as Status;
    const first = await status();
    expect(first).toMatchObject({ ok: true, problems: [] });

    const original = await readFile(file, 'utf8');
    const broken = JSON.parse(original) as { texts: Record<string, Record<string, string>>; version: string };
    broken.version = 'soon';
    const pushed = nextVersion(server.url, first.version);
    await writeFile(file, JSON.stringify(broken, null, 2));
    const v2 = await pushed;
    const second = await status();
    expect(second.version).toBe(v2);
    expect(second.ok).toBe(false);
    expect(second.problems.map((p) => p.pointer)).toEqual(['/version']);
    const html = await (await fetch(server.url)).text();
    expect(html).toContain('<code>/version</code>');
    expect(html).not.toContain('<cf-form');

    // Another save, another list: the version is fixed, an English state title is missing.
    broken.version = '1.0.1';
    delete broken.texts.en!['workflow.states.approved.title'];
    const pushedText = nextVersion(server.url, v2);
    await writeFile(file, JSON.stringify(broken, null, 2));
    const v3 = await pushedText;
    const third = await status();
    expect(third.version).toBe(v3);
    expect(third.problems.map((p) => p.pointer)).not.toContain('/version');
    expect(JSON.stringify(third.problems)).toContain('workflow.states.approved.title');

    const pushedAgain = nextVersion(server.url, v3);
    await writeFile(file, '{ "id": ');
    await pushedAgain;
    expect((await status()).failure?.code).toBe('NOT_JSON');

    const fixed = nextVersion(server.url, (await status()).version);
    await writeFile(file, original);
    await fixed;
    expect(await status()).toMatchObject({ ok: true, problems: [] });
  });

  it('refuses a port that is not a number', async () => {
    const err: string[] = [];
    const code = await main(['dev', 'program.json', '--port', 'eighty'], { stdout: () => {}, stderr: (t) => void err.push(t), cwd: tmpdir() });
    expect(code).toBe(2);
    expect(err.join('')).toContain('--port');
    dir = await mkdtemp(path.join(tmpdir(), 'cf-dev-'));
  });
});
