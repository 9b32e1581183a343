// `npm start`: the example programs on 127.0.0.1, on the embedded store (PGlite in .cf-data/):
//   /            a preview for program designers — forms, fields, texts, and a box to try data
//   /site/       a municipal host page embedding the <cf-form> intake widget, with the validators of its form
//                from /programs/<id>/browser/ (code per form, words per language: see docs/embedding.md)
//   /v1/...      the civicflow HTTP API (see /openapi.json), with the demo tokens of examples/demo-tokens.json
//   /mail/       the e-mails the programs' notices would send (the demo sends none)
import { createServer } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import {
  createApp,
  createApplicantTokens,
  createNoticeLinks,
  createOutboxWorker,
  EMAIL,
  noticesOnChange,
  createPgliteCaseStore,
  createProgramRegistry,
  createScheduler,
  createTokenAuthenticator,
  loadPrograms,
  readTokenFile,
} from '@civicflow/server';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formLayout, textKeys } from '@civicflow/core';
import { buildBrowserFiles, buildValidatorsModule } from '@civicflow/build';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';

// CIVICFLOW_DEMO_AT runs the demo at another date: the server's clock starts at that moment and then runs on, so a
// visitor can walk a program at its own time (WIR's call of autumn 2019, the congress registration of spring 2025).
// The widget asks the server's clock, so it shows a form open or closed by the same date.
const demoAt = process.env.CIVICFLOW_DEMO_AT ? Date.parse(process.env.CIVICFLOW_DEMO_AT) : undefined;
if (Number.isNaN(demoAt)) {
  console.error(`civicflow demo: CIVICFLOW_DEMO_AT="${process.env.CIVICFLOW_DEMO_AT}" is not a date and time, such as 2019-11-20T10:00:00+01:00`);
  process.exit(1);
}
const startedAt = Date.now();
const clock = () => (demoAt === undefined ? new Date() : new Date(demoAt + (Date.now() - startedAt)));

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const programs = new Map();
for (const program of loadPrograms([path.join(root, 'examples')])) {
  programs.set(program.id, { program, module: await buildValidatorsModule(program), browser: browserFiles(program) });
}
// The demo's accounts (examples/demo-tokens.json), read once.
const demoTokens = readTokenFile(path.join(root, 'examples/demo-tokens.json'));

// The files a web page uses (/programs/<id>/browser/<id>-<form>.validators.js, <id>-<form>.<locale>.json beside it):
// per form, because a page shows one form, and the words apart from the code, one JSON per language, so a
// German page loads German words only. Built in the background after start; a request waits for them.
function browserFiles(program) {
  const files = (async () => {
    const all = new Map();
    for (const form of Object.keys(program.definition.forms)) {
      for (const [name, content] of Object.entries(await buildBrowserFiles(program, { forms: [form], name: `${program.id}-${form}` }))) all.set(name, content);
    }
    return all;
  })();
  files.catch((e) => console.error(`civicflow demo: the browser files of ${program.id} failed: ${e.message}`));
  return files;
}

/** A program's title for the English pages: the English one, else its first language's, marked with that `lang`. */
function englishTitle(def) {
  const lang = def.title.en !== undefined ? 'en' : Object.keys(def.title)[0];
  const text = esc(def.title[lang]);
  return lang === 'en' ? text : `<span lang="${esc(lang)}">${text}</span>`;
}

function page(title, body) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><link rel="stylesheet" href="/preview/preview.css"></head><body><main>${body}</main></body></html>`;
}

function programPage({ program }) {
  const def = program.definition;
  const texts = def.texts ?? {};
  const sections = Object.entries(def.forms).map(([formId, form]) => {
    const layout = formLayout(form);
    const rows = layout.fields
      .map((f) => {
        const labels = program.locales.map((l) => `<td lang="${esc(l)}">${esc(texts[l]?.[textKeys.fieldLabel(formId, f.path)] ?? '')}</td>`).join('');
        const type = f.schema.type ?? (f.schema.enum ? 'choice' : '');
        return `<tr><td><code>${esc(f.path)}</code></td>${labels}<td>${esc(Array.isArray(type) ? type.join('|') : type)}</td><td>${f.required ? 'yes' : ''}</td><td>${f.personal ? esc(f.retention ?? 'yes') + (f.retentionBasis ? `, kept by law: ${esc(f.retentionBasis)}` : '') : ''}</td></tr>`;
      })
      .join('');
    const heads = program.locales.map((l) => `<th>${esc(l)}</th>`).join('');
    // The designer's words in the program's first language, marked as such on this English page.
    const first = esc(program.locales[0]);
    const pages = layout.pages.map((p) => `<li><span lang="${first}">${esc(texts[program.locales[0]]?.[textKeys.pageTitle(formId, p.id)] ?? p.id)}</span>${p.condition !== undefined ? ' (conditional)' : ''}</li>`).join('');
    return `<section><h2><span lang="${first}">${esc(texts[program.locales[0]]?.[textKeys.formTitle(formId)] ?? formId)}</span> <code>${esc(formId)}</code></h2>
<h3>Pages</h3><ol>${pages}</ol>
<h3>Fields</h3><div class="scroll"><table><thead><tr><th>path</th>${heads}<th>type</th><th>required</th><th>personal data (retention)</th></tr></thead><tbody>${rows}</tbody></table></div>
<h3>Try data</h3>
<form class="try" data-program="${esc(program.id)}" data-form="${esc(formId)}">
<label for="data-${esc(formId)}">Form data (JSON)</label><textarea id="data-${esc(formId)}" rows="8">{}</textarea>
<label for="locale-${esc(formId)}">Language</label><select id="locale-${esc(formId)}">${program.locales.map((l) => `<option>${esc(l)}</option>`).join('')}</select>
<button type="submit">Validate</button><output aria-live="polite"></output></form></section>`;
  });
  return page(def.title.en ?? def.title[program.locales[0]], `<p><a href="/">All programs</a></p><h1>${englishTitle(def)}</h1>
<p>${esc(program.ref)} · hash <code>${esc(program.hash.slice(0, 12))}</code> · locales ${esc(program.locales.join(', '))}</p>${sections.join('')}
<script type="module" src="/preview/try.js"></script>`);
}

function indexPage() {
  const items = [...programs.values()]
    .map(({ program }) => `<li><a href="/programs/${esc(program.id)}">${englishTitle(program.definition)}</a> <code>${esc(program.ref)}</code></li>`)
    .join('');
  return page(
    'civicflow examples',
    `<h1>civicflow example programs</h1>${demoAt === undefined ? '' : `<p><strong>The demo runs at another date:</strong> its clock started at ${esc(new Date(demoAt).toISOString())} (<code>CIVICFLOW_DEMO_AT</code>) and says ${esc(clock().toISOString())} now.</p>`}<ul>${items}</ul>
<h2>Demo</h2><ul><li><a href="/site/">A municipal website embedding the Zweite Chance intake widget</a> (for citizens)</li>
<li><a href="/status/">Case status</a> (for applicants: the link after sending carries their token)</li>
<li><a href="/caseworker/">Caseworker inbox</a> (sign in with a demo role)</li>
<li><a href="/mail/">E-mails the notices would send</a> (the demo shows them instead of sending them)</li>
<li><a href="/reports/">Program reports</a> (fill the store first with <code>npm run seed</code> while the demo is stopped)</li>
<li><a href="/openapi.json">The HTTP API (OpenAPI 3.1)</a>; demo bearer tokens per role are in <code>examples/demo-tokens.json</code></li></ul>`,
  );
}

const dataDir = process.env.CIVICFLOW_DATA ?? path.join(root, '.cf-data');
const store = await createPgliteCaseStore({ dir: dataDir });
const registry = createProgramRegistry([...programs.values()].map((e) => e.program));
// The applicant's status page of the demo; notices link to it with the applicant's token in the fragment.
const statusUrl = `http://${host}:${port}/status/#token={token}`;
const app = await createApp({
  store,
  programs: registry,
  authenticate: createTokenAuthenticator(demoTokens),
  clock,
  statusUrl,
});
const api = getRequestListener(app.fetch);
const noticeLinks = createNoticeLinks(createApplicantTokens(await store.secret('applicant-token')), statusUrl);
createScheduler({ store, programs: registry, clock, outboxOf: noticesOnChange((ref) => registry.byRef(ref), noticeLinks) }).start();

// The demo sends no e-mail: the outbox's worker hands each one to this mailbox, which /mail/ shows (newest first, the
// last 50, gone when the demo stops) and the console announces.
const mailbox = [];
const demoMailbox = async (m) => {
  mailbox.unshift({ id: m.id, at: clock().toISOString(), ...m.payload });
  mailbox.length = Math.min(mailbox.length, 50);
  console.log(`civicflow demo: e-mail to ${m.payload.to}: "${m.payload.subject}" (not sent; see http://${host}:${port}/mail/)`);
};
createOutboxWorker({ outbox: store.outbox, deliverers: { [EMAIL]: demoMailbox }, intervalMs: 1000, clock }).start();

function mailPage() {
  const mails = mailbox
    .map((m) => `<article><h2>${esc(m.subject)}</h2><p>To <strong>${esc(m.to)}</strong>, ${esc(m.at)}, in ${esc(m.locale)}${m.html ? ' (with an HTML version)' : ''}</p><pre>${esc(m.text)}</pre></article>`)
    .join('');
  return page(
    'civicflow demo: e-mails',
    `<h1>E-mails the notices would send</h1><p>The demo sends no e-mail; what the programs' notices send appears here instead. WIR-Vielfalt declares notices (a confirmation to the applicant and a notice to the office on submission, and one on approval): start the demo in its call, <code>CIVICFLOW_DEMO_AT=2019-11-20T10:00:00+01:00 npm start</code>, and send an application.</p>${mails || '<p>No e-mail yet.</p>'}`,
  );
}

// The demo's pages are never framed (frame-ancestors for today's browsers, X-Frame-Options for older ones), and
// the status page's address carries the applicant's token: no Referer leaves them.
const headers = {
  'Content-Security-Policy': "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
};

// ——— /status/ and /caseworker/ (helpers): the pages' element bundles, built from source on first request ———
// One file each, served as one: the status page's step forms (<cf-form>) and its words in every language are inside.
const caseworkBundles = new Map();
function caseworkBundle(name) {
  const input = { 'cf-case-status.js': 'src/case-status/define.ts', 'cf-case-inbox.js': 'src/case-inbox/define.ts' }[name];
  if (!input) return undefined;
  if (!caseworkBundles.has(name)) caseworkBundles.set(name, import('./build-embed.mjs').then(({ bundle }) => bundle({ input: path.join(root, 'packages/elements', input), splitLocales: false })));
  return caseworkBundles.get(name);
}
function caseworkPage(lang, title, body, script) {
  const switcher = ['de', 'en'].map((l) => `<button type="button" data-lang="${l}" lang="${l}" aria-pressed="${l === lang}">${l === 'de' ? 'Deutsch' : 'English'}</button>`).join(' ');
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><link rel="stylesheet" href="/casework/casework.css">
<script type="module" src="/casework/${script}"></script><script type="module" src="/casework/${script === 'status.js' ? 'cf-case-status.js' : 'cf-case-inbox.js'}"></script></head>
<body><header><a href="/">civicflow</a><div class="languages" role="group" aria-label="Sprache / Language">${switcher}</div></header><main>${body}</main></body></html>`;
}
// ——— end of /status/ and /caseworker/ (helpers) ———

// As the server's own `startServer`: slow clients are cut off within seconds, not minutes.
createServer({ headersTimeout: 10_000, requestTimeout: 30_000, connectionsCheckingInterval: 1_000 }, (req, res) => {
  if (req.url === '/openapi.json' || req.url?.startsWith('/v1/')) return api(req, res);
  const url = new URL(req.url ?? '/', 'http://localhost');
  const send = (status, type, body) => {
    res.writeHead(status, { ...headers, 'Content-Type': type });
    res.end(body);
  };
  const parts = url.pathname.split('/').filter(Boolean);
  if (url.pathname === '/') return send(200, 'text/html; charset=utf-8', indexPage());
  if (url.pathname === '/mail') return res.writeHead(301, { Location: '/mail/' }).end();
  if (url.pathname === '/mail/') return send(200, 'text/html; charset=utf-8', mailPage());
  if (parts[0] === 'programs' && programs.has(parts[1])) {
    const entry = programs.get(parts[1]);
    if (parts.length === 2) return send(200, 'text/html; charset=utf-8', programPage(entry));
    if (parts[2] === 'validators.js') return send(200, 'text/javascript; charset=utf-8', entry.module);
    if (parts[2] === 'program.json') return send(200, 'application/json', JSON.stringify(entry.program.definition));
    if (parts[2] === 'browser' && parts.length === 4) {
      // Only names in the built set: nothing is read from disk, so no path can reach past it.
      entry.browser.then(
        (files) => {
          const file = files.get(parts[3]);
          if (file === undefined) return send(404, 'text/plain; charset=utf-8', 'Not found');
          send(200, parts[3].endsWith('.js') ? 'text/javascript; charset=utf-8' : 'application/json', file);
        },
        (e) => send(500, 'text/plain; charset=utf-8', `build failed: ${e.message}`),
      );
      return;
    }
  }
  if (parts[0] === 'preview' && ['preview.css', 'try.js'].includes(parts[1])) {
    return send(200, parts[1].endsWith('.css') ? 'text/css' : 'text/javascript', readFileSync(path.join(root, 'scripts/preview', parts[1])));
  }
  if (parts[0] === 'core' && parts.slice(1).every((p) => /^[\w.-]+$/.test(p) && p !== '..') && url.pathname.endsWith('.js')) {
    const file = path.join(root, 'packages/core/dist', ...parts.slice(1));
    if (existsSync(file)) return send(200, 'text/javascript; charset=utf-8', readFileSync(file));
  }
  // ——— examples/site: a municipal host page embedding <cf-form> (elements; see examples/site/README.md) ———
  // The bundle, and what it imports from beside itself: its words in each language, the code that checks and sends,
  // drafts, the language switch and what a form with periods needs.
  if (/^\/elements\/cf-form\.[a-z-]+\.js$/.test(url.pathname)) {
    const file = path.join(root, 'packages/elements/dist', url.pathname.slice('/elements/'.length));
    if (existsSync(file)) return send(200, 'text/javascript; charset=utf-8', readFileSync(file));
  }
  if (parts[0] === 'site' && parts.length <= 2) {
    const name = parts[1] ?? 'index.html';
    const types = { html: 'text/html; charset=utf-8', css: 'text/css; charset=utf-8', js: 'text/javascript; charset=utf-8' };
    const type = types[name.split('.').pop()];
    if (url.pathname === '/site') return res.writeHead(301, { Location: '/site/' }).end();
    if (type && /^[\w-]+\.\w+$/.test(name) && existsSync(path.join(root, 'examples/site', name))) return send(200, type, readFileSync(path.join(root, 'examples/site', name)));
  }
  // ——— end of examples/site ———
  // ——— /reports/: <cf-program-report> per program, signed in with the demo lead's token (examples/demo-tokens.json) ———
  if (parts[0] === 'reports') {
    const demoToken = demoTokens.find((t) => t.actor === 'demo-lead')?.token ?? '';
    const lang = url.searchParams.get('lang') === 'en' ? 'en' : 'de';
    if (url.pathname === '/reports') return res.writeHead(301, { Location: '/reports/' }).end();
    if (parts[1] === 'reports.js') {
      return send(200, 'text/javascript; charset=utf-8', "for (const r of document.querySelectorAll('cf-program-report')) r.token = document.querySelector('meta[name=cf-demo-token]').content;");
    }
    if (parts[1] === 'cf-program-report.embed.js') {
      const file = path.join(root, 'packages/elements/dist/cf-program-report.embed.js');
      if (existsSync(file)) return send(200, 'text/javascript; charset=utf-8', readFileSync(file));
    }
    const links = [...programs.values()].map(({ program: p }) => `<li><a href="/reports/${esc(p.id)}?lang=${lang}">${esc(p.definition.title[lang] ?? p.id)}</a></li>`).join('');
    const other = lang === 'de' ? 'en' : 'de';
    const nav = `<nav aria-label="${lang === 'de' ? 'Berichte' : 'Reports'}"><ul>${links}</ul><p><a href="?lang=${other}" hreflang="${other}" lang="${other}">${other === 'en' ? 'English' : 'Deutsch'}</a></p></nav>`;
    if (parts.length === 1 || programs.has(parts[1])) {
      const report = programs.has(parts[1]) ? `<cf-program-report program="${esc(parts[1])}" locale="${lang}"></cf-program-report>` : '';
      return send(200, 'text/html; charset=utf-8', `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="cf-demo-token" content="${esc(demoToken)}"><title>${lang === 'de' ? 'Programmberichte' : 'Program reports'}</title><link rel="stylesheet" href="/preview/preview.css">
<script type="module" src="/reports/reports.js"></script><script type="module" src="/reports/cf-program-report.embed.js"></script></head>
<body><main><p><a href="/">civicflow</a></p><h1>${lang === 'de' ? 'Programmberichte' : 'Program reports'}</h1>${nav}${report}</main></body></html>`);
    }
  }
  // ——— end of /reports/ ———
  // ——— /status/ (the applicant's <cf-case-status>) and /caseworker/ (<cf-case-inbox>, demo accounts) ———
  if (parts[0] === 'casework' && parts.length === 2) {
    if (['status.js', 'caseworker.js', 'languages.js', 'casework.css'].includes(parts[1])) {
      return send(200, parts[1].endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8', readFileSync(path.join(root, 'scripts/casework', parts[1])));
    }
    const built = caseworkBundle(parts[1]);
    if (built) {
      built.then((code) => send(200, 'text/javascript; charset=utf-8', code), (e) => send(500, 'text/plain; charset=utf-8', `bundle failed: ${e.message}`));
      return;
    }
  }
  if ((parts[0] === 'status' || parts[0] === 'caseworker') && parts.length === 1 && !url.pathname.endsWith('/')) return res.writeHead(301, { Location: `/${parts[0]}/` }).end();
  const lang = url.searchParams.get('lang') === 'en' ? 'en' : 'de';
  if (parts[0] === 'status' && parts.length === 1) {
    const title = lang === 'de' ? 'Stand Ihrer Anmeldung' : 'Where your application stands';
    return send(200, 'text/html; charset=utf-8', caseworkPage(lang, title, `<cf-case-status locale="${lang}" heading-level="1"></cf-case-status>`, 'status.js'));
  }
  if (parts[0] === 'caseworker' && parts[1] === 'demo-accounts.json') {
    // "Anna Becker (Coach von Zweite Chance)": each role in the words of its program, as a caseworker knows it.
    // One program: its word for the role. Several: the role's common word, if all roles share one, and how many
    // programs (a list of four programs' names made the select 1089 px wide, wider than any phone).
    const common = { dataProtection: { de: 'Datenschutz', en: 'data protection' } };
    const roleWords = (scoped) => {
      const [id, role] = scoped.split(':');
      const def = programs.get(id)?.program.definition;
      const texts = def?.texts?.[lang] ?? def?.texts?.[def?.locales[0]] ?? {};
      return texts[`workflow.roles.${role}`] ?? common[role]?.[lang] ?? role;
    };
    const label = (t) => {
      const name = t.name ?? t.actor;
      if (t.roles.length === 1) return `${name} (${roleWords(t.roles[0])})`;
      const roles = [...new Set(t.roles.map((r) => r.split(':')[1]))];
      const what = roles.length === 1 && common[roles[0]] ? `${common[roles[0]][lang]}, ` : '';
      return `${name} (${what}${t.roles.length} ${lang === 'de' ? 'Programme' : 'programs'})`;
    };
    const accounts = demoTokens.map((t) => ({ label: label(t), token: t.token }));
    return send(200, 'application/json', JSON.stringify(accounts));
  }
  if (parts[0] === 'caseworker' && parts.length === 1) {
    const note = lang === 'de' ? 'Nur zur Vorführung: Die Demo-Zugänge stehen in examples/demo-tokens.json.' : 'Demo only: the demo accounts come from examples/demo-tokens.json.';
    const title = lang === 'de' ? 'Fallbearbeitung' : 'Casework';
    return send(200, 'text/html; charset=utf-8', caseworkPage(lang, title, `<h1>${title}</h1><p class="demo-note">${note}</p><cf-case-inbox locale="${lang}" heading-level="2"></cf-case-inbox>`, 'caseworker.js'));
  }
  // ——— end of /status/ and /caseworker/ ———
  send(404, 'text/plain; charset=utf-8', 'Not found');
}).listen(port, host, () => {
  console.log(`civicflow demo: http://${host}:${port}/ (${programs.size} programs: ${[...programs.keys()].join(', ')})`);
  if (demoAt !== undefined) console.log(`  the demo's clock started at ${new Date(demoAt).toISOString()} (CIVICFLOW_DEMO_AT)`);
  console.log(`  municipal site: http://${host}:${port}/site/   API: http://${host}:${port}/openapi.json   data: ${dataDir.startsWith(root + path.sep) ? path.relative(root, dataDir) : dataDir}/`);
});
