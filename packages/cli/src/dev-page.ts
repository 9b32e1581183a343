import type { Program } from '@civicflow/core';
import type { Problem } from './load-program-file.js';

/** What the preview shows at one moment: the checked program, or why there is none. */
export interface DevSnapshot {
  /** Counts up with every reload of the file; the page reloads when the server's number differs from its own. */
  readonly version: number;
  readonly file: string;
  readonly program: Program | undefined;
  readonly problems: readonly Problem[];
  /** A failure before checking: the file is missing or not JSON. */
  readonly failure?: { code: string; message: string; line?: number; column?: number };
  /** The workflow diagram per locale (`toSvg`), when the program has a workflow. */
  readonly diagrams: Readonly<Record<string, string>>;
  /** Whether the elements' embed bundle is there to render the forms. */
  readonly embedAvailable: boolean;
}

// The page is in English; its one counted word follows English plural rules.
const englishPlural = new Intl.PluralRules('en');

const esc = (s: unknown) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function problemList(s: DevSnapshot): string {
  if (s.failure) {
    const at = s.failure.line === undefined ? '' : `:${s.failure.line}:${s.failure.column ?? 1}`;
    return `<ol class="problems"><li><code>${esc(s.file)}${esc(at)}</code> <strong>${esc(s.failure.code)}</strong> ${esc(s.failure.message)}</li></ol>`;
  }
  if (s.problems.length === 0) return `<p class="ok">No problems: <code>civicflow check</code> passes.</p>`;
  const items = s.problems.map(
    (p) => `<li><code>${esc(s.file)}:${p.line}:${p.column}</code> <strong>${esc(p.code)}</strong> <code>${esc(p.pointer || '(root)')}</code>: ${esc(p.message)}</li>`,
  );
  const problems = englishPlural.select(s.problems.length) === 'one' ? 'problem' : 'problems';
  return `<p>${s.problems.length} ${problems}:</p><ol class="problems">${items.join('')}</ol>`;
}

function formSections(s: DevSnapshot): string {
  const program = s.program;
  if (!program) return '<p>The forms show again once the problems above are fixed.</p>';
  if (!s.embedAvailable) return '<p>The forms need the elements\' embed bundle: run <code>npm run build</code>.</p>';
  const texts = (program.definition.texts ?? {}) as Record<string, Record<string, string> | undefined>;
  return Object.keys(program.definition.forms)
    .map((formId) => {
      const columns = program.locales
        .map(
          (l) => `<div class="locale" lang="${esc(l)}"><p class="tag">${esc(l)}</p>
<cf-form src="/validators.js?v=${s.version}" form-id="${esc(formId)}" locale="${esc(l)}" heading-level="4"></cf-form></div>`,
        )
        .join('');
      const title = texts[program.locales[0]!]?.[`forms.${formId}.title`] ?? formId;
      return `<section><h3>${esc(title)} <code>${esc(formId)}</code></h3><div class="locales">${columns}</div></section>`;
    })
    .join('');
}

function diagramSections(s: DevSnapshot): string {
  const entries = Object.entries(s.diagrams);
  if (entries.length === 0) return s.program ? '<p>This program has no workflow.</p>' : '';
  return entries.map(([l, svg]) => `<figure lang="${esc(l)}"><figcaption>${esc(l)}</figcaption><div class="diagram">${svg}</div></figure>`).join('');
}

/** The notices: to whom and when, and their subject and text in every locale, placeholders as written. */
function noticeSections(s: DevSnapshot): string {
  const program = s.program;
  const notices = program?.definition.notices;
  if (!program || !notices) return program ? '<p>This program sends no notices.</p>' : '';
  const texts = (program.definition.texts ?? {}) as Record<string, Record<string, string> | undefined>;
  return Object.entries(notices.messages)
    .map(([id, notice]) => {
      const to = notice.to === 'applicant' ? `the applicant (<code>${esc(notices.applicantAddress ?? '')}</code>)` : `the office (${esc(notices.office ?? '')})`;
      const on =
        notice.on === 'submitted'
          ? 'when a submission opens a case'
          : 'state' in notice.on
            ? `when a case enters <code>${esc(notice.on.state)}</code>`
            : `<code>${esc(notice.on.by)}</code> before the timer that sends <code>${esc(notice.on.before)}</code> is due`;
      const columns = program.locales
        .map((l) => {
          const t = texts[l] ?? {};
          const html = t[`notices.${id}.html`] === undefined ? '' : '<p><em>With an HTML version.</em></p>';
          return `<div class="locale" lang="${esc(l)}"><p class="tag">${esc(l)}</p><p><strong>${esc(t[`notices.${id}.subject`] ?? '')}</strong></p><pre class="notice">${esc(t[`notices.${id}.text`] ?? '')}</pre>${html}</div>`;
        })
        .join('');
      return `<section><h3><code>${esc(id)}</code>: to ${to}, ${on}</h3><div class="locales">${columns}</div></section>`;
    })
    .join('');
}

/** The preview page: problems first (what a designer fixes next), then the forms in every locale, the workflow and the notices. */
export function devPage(s: DevSnapshot): string {
  const title = s.program ? (s.program.definition.title[s.program.locales[0]!] ?? s.program.id) : s.file;
  const meta = s.program ? `<p><code>${esc(s.program.ref)}</code> · hash <code>${esc(s.program.hash.slice(0, 12))}</code> · ${esc(s.program.locales.join(', '))}</p>` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="cf-dev-version" content="${s.version}"><title>${esc(title)} — civicflow dev</title><link rel="stylesheet" href="/dev.css">
<script type="module" src="/dev.js"></script>${s.program && s.embedAvailable ? '<script type="module" src="/cf-form.embed.js"></script>' : ''}</head>
<body><main><h1>${esc(title)}</h1><p><code>${esc(s.file)}</code> — this page reloads when the file is saved. <a href="/designer">Open the designer</a> to edit it.</p>${meta}
<section aria-labelledby="problems-title"><h2 id="problems-title">Problems</h2><div role="status">${problemList(s)}</div></section>
<section aria-labelledby="forms-title"><h2 id="forms-title">Forms</h2>${formSections(s)}</section>
<section aria-labelledby="workflow-title"><h2 id="workflow-title">Workflow</h2>${diagramSections(s)}</section>
<section aria-labelledby="notices-title"><h2 id="notices-title">Notices</h2>${noticeSections(s)}</section></main></body></html>`;
}

/**
 * The designer's page: `<cf-program-designer>` on the file, in the locale of `civicflow dev --locale` (German or
 * English). Its working copy is kept in the browser under a key of the file's absolute path.
 */
export function designerPage(file: string, locale: string, absolute: string): string {
  const lang = locale.toLowerCase().startsWith('de') ? 'de' : 'en';
  const title = lang === 'de' ? 'Programm gestalten' : 'Design a program';
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(file)} — ${title}</title><link rel="stylesheet" href="/dev.css">
<script type="module" src="/cf-program-designer.js"></script><script type="module" src="/designer-page.js"></script></head>
<body><main><h1>${title}: <code>${esc(file)}</code></h1><p id="save-state" role="status"></p>
<cf-program-designer locale="${lang}" data-file="${esc(file)}" storage-key="${esc(`civicflow-designer:${absolute}`)}"></cf-program-designer></main></body></html>`;
}

/**
 * Loads the file into the designer and writes it back on save (PUT): a program `civicflow check` refuses only
 * when the designer confirmed it, which the element asks before it saves.
 */
export const designerScript = `const designer = document.querySelector('cf-program-designer');
const state = document.getElementById('save-state');
const de = document.documentElement.lang === 'de';
const say = (text) => { state.textContent = text; };
fetch('/designer/program.json').then(async (r) => {
  // A file that does not exist yet: the designer offers to start a program, and Save creates the file.
  if (r.status === 404) {
    await r.body?.cancel();
    designer.newFile = designer.dataset.file;
    return;
  }
  if (!r.ok) return say(de ? 'Die Datei kann nicht gelesen werden.' : 'The file cannot be read.');
  designer.text = await r.text();
});
const loadWalks = () => fetch('/designer/walks').then(async (r) => { if (r.ok) designer.walks = (await r.json()).walks; }).catch(() => undefined);
loadWalks();
designer.addEventListener('cf-walk-save', async (e) => {
  const { name, text, replace } = e.detail;
  const headers = { 'Content-Type': 'application/json' };
  if (replace) headers['X-Civicflow-Confirm'] = 'replace';
  try {
    const r = await fetch('/designer/walks/' + encodeURIComponent(name), { method: 'PUT', headers, body: text });
    const answer = await r.json();
    if (r.ok) {
      await loadWalks();
      say(de ? 'Testfall gesichert.' : 'Test case saved.');
    } else say((de ? 'Testfall nicht gesichert: ' : 'Test case not saved: ') + answer.message);
  } catch {
    say(de ? 'Testfall nicht gesichert: der Server antwortet nicht.' : 'Test case not saved: the server does not answer.');
  }
});
designer.addEventListener('cf-designer-save', async (e) => {
  const { text, confirmed } = e.detail;
  const headers = { 'Content-Type': 'application/json' };
  if (confirmed) headers['X-Civicflow-Confirm'] = 'problems';
  try {
    const r = await fetch('/designer/program.json', { method: 'PUT', headers, body: text });
    const answer = await r.json();
    if (r.ok) {
      designer.markSaved(text);
      say(de ? 'Gespeichert.' : 'Saved.');
    } else say((de ? 'Nicht gespeichert: ' : 'Not saved: ') + answer.message);
  } catch {
    say(de ? 'Nicht gespeichert: der Server antwortet nicht. Ihre Arbeit bleibt in diesem Browser.' : 'Not saved: the server does not answer. Your work stays in this browser.');
  }
});
`;

/** Reloads the page when the server reports another version (over Server-Sent Events; they reconnect by themselves). */
export const devScript = `const mine = document.querySelector('meta[name="cf-dev-version"]').content;
const events = new EventSource('/events');
events.onmessage = (e) => { if (e.data !== mine) location.reload(); };
`;

export const devStyles = `body{font-family:system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fff;line-height:1.5}
main{max-width:90rem;margin:0 auto;padding:1rem}
.problems li{margin:.25rem 0}.ok{color:#1e6b35}
.locales{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,24rem),1fr));gap:1rem}
.locale{border:1px solid #5c5c5c;border-radius:.25rem;padding:.75rem}.tag{margin:0;font-weight:700;text-transform:uppercase}
.diagram{overflow-x:auto}.diagram svg{max-width:none}
.notice{white-space:pre-wrap;font-family:inherit}
h1 code{overflow-wrap:anywhere}
`;
