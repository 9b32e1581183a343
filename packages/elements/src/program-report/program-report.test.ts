import { expect } from '@esm-bundle/chai';
import './define.js';
import type { CfProgramReport } from './program-report.js';
import type { ProgramReport, ReportDefinition } from './report-charts.js';
import { executeServerCommand } from '@web/test-runner-commands';
import { CfErrorEvent } from '../events/error.js';
import { axeViolations } from '@civicflow/test-support/browser';

// Reports recorded from `npm start` after `npm run seed` (GET /v1/programs/{id}/report, de and en).
const here = '/packages/elements/src/program-report/fixtures';
const recorded = async (program: string, locale: string) => (await (await fetch(`${here}/${program}.report.${locale}.json`)).json()) as ProgramReport;
const definitionOf = async (program: string) => (await (await fetch(`/examples/${program}/program.json`)).json()) as ReportDefinition;

async function mount(props: Partial<CfProgramReport>): Promise<CfProgramReport> {
  const el = document.createElement('cf-program-report');
  Object.assign(el, props);
  document.body.append(el);
  await el.updateComplete;
  return el;
}

/** The recorded report with the amount granted, as the server adds it for `workflow.sums.granted`. */
function withGranted(report: ProgramReport, locale: string): ProgramReport {
  const perMonth = [
    { month: '2020-02', count: 3, amount: 56000 },
    { month: '2020-04', count: 2, amount: 36000 },
  ];
  const title = locale === 'de' ? 'Förderung bewilligt' : 'Grant approved';
  return { ...report, sums: [{ name: 'granted', outcome: 'granted', title, budget: 200000, currency: 'EUR', count: 5, total: 92000, perMonth }] };
}

/** A congress report as the server answers it for Zukunftsbündnis: 118 of 120 places taken, 5 guests waiting. */
function congressReport(locale: string): ProgramReport {
  const title = locale === 'de' ? 'Plätze beim Kongress' : 'Congress places';
  return {
    program: 'zukunftsbuendnis',
    generatedAt: '2025-05-02T09:00:00.000Z',
    places: [{ name: 'congress', title, count: 120, held: 118, free: 2, waiting: 5 }],
    casesPerState: [],
    openedPerMonth: [],
    outcomesPerMonth: [],
    deadlines: [],
    sums: [],
  };
}

const root = (el: CfProgramReport) => el.shadowRoot!;
const rows = (table: Element) => [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent!.trim()));

describe('cf-program-report', function () {
  this.timeout(60_000);
  afterEach(() => document.querySelectorAll('cf-program-report').forEach((e) => e.remove()));

  it('draws the cases per state in the order of the workflow, with a table of the same counts', async () => {
    const report = await recorded('gemeinsam-fuer-hagen', 'en');
    const definition = await definitionOf('gemeinsam-fuer-hagen');
    const el = await mount({ report, definition, locale: 'en' });
    const funnel = root(el).querySelector('[part~="funnel"]')!;
    const table = rows(funnel.querySelector('table')!);
    expect(table.map((r) => r[0])).to.deep.equal(Object.keys(definition.workflow!.states!).map((s) => report.casesPerState.find((r) => r.state === s)?.title ?? (definition.texts!.en![`workflow.states.${s}.title`] as string)));
    for (const r of report.casesPerState) expect(table.find((row) => row[0] === r.title)![1]).to.equal(String(r.count));
    const bars = [...funnel.querySelectorAll('.hbars .bar')];
    expect(bars.length).to.equal(table.length);
    // The longest bar belongs to the state with the most cases, and every bar starts at the same line.
    const boxes = bars.map((b) => b.getBoundingClientRect());
    const widths = boxes.map((b) => b.width);
    const most = Math.max(...report.casesPerState.map((r) => r.count));
    expect(table[widths.indexOf(Math.max(...widths))]![1]).to.equal(String(most));
    for (const box of boxes) expect(box.left).to.be.closeTo(boxes[0]!.left, 0.5);
    // Each bar says its number beside it, as text.
    expect([...funnel.querySelectorAll('.hbars .value')].map((v) => v.textContent)).to.deep.equal(table.map((r) => r[1]));
    const label = funnel.querySelector('[part="drawing"]')!.getAttribute('aria-label')!;
    expect(label).to.contain('Cases per state');
    for (const r of report.casesPerState) expect(label).to.contain(`${r.title}: ${r.count}`);
  });

  it("shows Hagen's outcomes per month: every kind the workflow records, with the months between them", async () => {
    const report = await recorded('gemeinsam-fuer-hagen', 'de');
    const el = await mount({ report, definition: await definitionOf('gemeinsam-fuer-hagen'), locale: 'de' });
    const chart = root(el).querySelector('[part~="outcomes"]')!;
    const legend = [...chart.querySelectorAll('[part="legend"] li')].map((li) => li.textContent!.trim());
    expect(legend).to.have.length(5);
    for (const title of ['Sprachkurs', 'Minijob']) expect(legend.some((l) => l.startsWith(title))).to.equal(true, legend.join(' | '));
    expect(legend.join(' ')).not.to.contain('socialInsuranceJob');
    const months = [...new Set([...report.outcomesPerMonth, ...report.openedPerMonth!].map((r) => r.month))].sort();
    const [fy, fm] = months[0]!.split('-').map(Number) as [number, number];
    const [ly, lm] = months[months.length - 1]!.split('-').map(Number) as [number, number];
    const span = (ly - fy) * 12 + (lm - fm) + 1;
    const table = chart.querySelector('table')!;
    expect(table.querySelectorAll('tbody tr')).to.have.length(span);
    const sum = [...table.querySelectorAll('tfoot td')].reduce((n, td) => n + Number(td.textContent), 0);
    expect(sum).to.equal(report.outcomesPerMonth.reduce((n, r) => n + r.count, 0));
    expect(chart.querySelectorAll('.seg').length).to.equal(report.outcomesPerMonth.length);
    expect(chart.querySelectorAll('.col').length).to.equal(span);
  });

  it("keeps every month's label of the bar charts inside the drawing, the last one too, in German and English, also at 320 px", async () => {
    for (const locale of ['de', 'en']) {
      for (const width of ['', '288px']) {
        const el = await mount({ report: await recorded('gemeinsam-fuer-hagen', locale), definition: await definitionOf('gemeinsam-fuer-hagen'), locale });
        el.style.width = width;
        await el.updateComplete;
        for (const chart of root(el).querySelectorAll('[part~="opened"], [part~="outcomes"]')) {
          const drawing = chart.querySelector('[part="drawing"]')!.getBoundingClientRect();
          const labels = [...chart.querySelectorAll('.tick')];
          expect(labels.length).to.be.greaterThan(1);
          for (const label of labels) {
            const box = label.getBoundingClientRect();
            expect(box.left, `${locale} ${label.textContent}`).to.be.at.least(drawing.left - 0.5);
            expect(box.right, `${locale} ${label.textContent}`).to.be.at.most(drawing.right + 0.5);
            // No label runs into the next one.
            const text = [...label.querySelectorAll('span')].map((sp) => sp.getBoundingClientRect());
            for (const line of text) expect(line.right, `${locale} ${label.textContent}`).to.be.at.most(box.right + 0.5);
          }
          // Every column stands on the one baseline: the bottom of the plot.
          const plot = chart.querySelector('.plot')!.getBoundingClientRect();
          for (const seg of chart.querySelectorAll('.col > .seg:first-child')) expect(seg.getBoundingClientRect().bottom).to.be.closeTo(plot.bottom - 2, 1);
        }
        el.remove();
      }
    }
  });

  it("shows WIR's applications per month beside its approvals, on the same months", async () => {
    const report = await recorded('wir-vielfalt', 'en');
    const el = await mount({ report, definition: await definitionOf('wir-vielfalt'), locale: 'en' });
    const opened = root(el).querySelector('[part~="opened"]')!;
    const outcomes = root(el).querySelector('[part~="outcomes"]')!;
    expect(opened.querySelector('figcaption')!.textContent).to.equal('Cases opened per month');
    const total = report.openedPerMonth!.reduce((n, r) => n + r.count, 0);
    expect(total).to.equal(report.casesPerState.reduce((n, r) => n + r.count, 0));
    expect(opened.querySelector('tfoot td')!.textContent).to.equal(String(total));
    expect(opened.querySelectorAll('tbody tr').length).to.equal(outcomes.querySelectorAll('tbody tr').length);
    const september = [...opened.querySelectorAll('tbody tr')].find((tr) => tr.firstElementChild!.textContent === 'September 2019')!;
    expect(september.lastElementChild!.textContent).to.equal(String(report.openedPerMonth!.find((r) => r.month === '2019-09')!.count));
  });

  it("draws WIR's amount granted against the budget, with the months in a table, in German and English", async () => {
    const euros = (locale: string, n: number) => new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR', minimumFractionDigits: 0, maximumFractionDigits: 2 }).format(n);
    for (const locale of ['de', 'en']) {
      const el = await mount({ report: withGranted(await recorded('wir-vielfalt', locale), locale), definition: await definitionOf('wir-vielfalt'), locale });
      const figure = root(el).querySelector('[part~="sum"]')!;
      expect(figure.getAttribute('data-sum')).to.equal('granted');
      expect(figure.querySelector('figcaption')!.textContent).to.equal(locale === 'de' ? 'Förderung bewilligt: Betrag gegen das Budget' : 'Grant approved: amount against the budget');
      const label = figure.querySelector('[part="drawing"]')!.getAttribute('aria-label')!;
      expect(label).to.contain(locale === 'de' ? `${euros('de', 92000)} von ${euros('de', 200000)}` : `${euros('en', 92000)} of ${euros('en', 200000)}`);
      expect(label).to.contain(euros(locale, 108000));
      expect(figure.querySelector('[part="drawing"]')!.getAttribute('role')).to.equal('img');
      // The bar fills the part of the budget's track that has been granted, from the track's start.
      const track = figure.querySelector('.meter')!;
      const bar = figure.querySelector('.meter .bar')!.getBoundingClientRect();
      expect(bar.width / track.clientWidth).to.be.closeTo(0.46, 0.01);
      expect(bar.left).to.be.closeTo(track.getBoundingClientRect().left + 1, 0.5);
      const table = rows(figure.querySelector('table')!);
      expect(table.map((r) => r[0])).to.deep.equal(locale === 'de' ? ['Februar 2020', 'März 2020', 'April 2020'] : ['February 2020', 'March 2020', 'April 2020']);
      expect(table.map((r) => r[1])).to.deep.equal(['3', '0', '2']);
      expect(table.map((r) => r[3])).to.deep.equal([euros(locale, 56000), euros(locale, 56000), euros(locale, 92000)]);
      const foot = [...figure.querySelectorAll('tfoot tr')].map((tr) => [...tr.children].map((c) => c.textContent!.trim()));
      expect(foot.map((r) => r[2])).to.deep.equal([euros(locale, 92000), euros(locale, 200000), euros(locale, 108000)]);
      el.remove();
    }
  });

  it('says by how much a sum exceeds its budget, and shows a sum without a budget on its own', async () => {
    const report = withGranted(await recorded('wir-vielfalt', 'en'), 'en');
    const over = { ...report, sums: [{ ...report.sums![0]!, budget: 80000 }] };
    let el = await mount({ report: over, definition: await definitionOf('wir-vielfalt'), locale: 'en' });
    let figure = root(el).querySelector('[part~="sum"]')!;
    expect(figure.querySelector('[part="drawing"]')!.getAttribute('aria-label')).to.contain('€12,000 more than the budget of €80,000');
    // The track runs to the sum; the budget's mark stands at 80,000 of 92,000, and the part beyond it has a pattern of its own.
    const track = figure.querySelector('.meter')!;
    const start = track.getBoundingClientRect().left + 1;
    const [within, beyond] = [...figure.querySelectorAll('.meter .bar')].map((b) => b.getBoundingClientRect());
    expect(within!.width / track.clientWidth).to.be.closeTo(80 / 92, 0.01);
    expect(beyond!.width / track.clientWidth).to.be.closeTo(12 / 92, 0.01);
    expect(figure.querySelector('.budget-mark')!.getBoundingClientRect().left - start).to.be.closeTo((80 / 92) * (track.clientWidth - 3), 1);
    expect(getComputedStyle(figure.querySelector('.bar.over')!).backgroundImage).not.to.equal(getComputedStyle(figure.querySelector('.bar:not(.over)')!).backgroundImage);
    el.remove();
    const { budget: _unused, ...open } = report.sums![0]!;
    el = await mount({ report: { ...report, sums: [open] }, definition: await definitionOf('wir-vielfalt'), locale: 'en' });
    figure = root(el).querySelector('[part~="sum"]')!;
    expect(figure.querySelector('[part="drawing"]')!.getAttribute('aria-label')).to.contain('€92,000 in 5 cases.');
    expect(figure.querySelectorAll('tfoot tr')).to.have.length(1);
  });

  it('speaks German or English, wording and titles alike', async () => {
    for (const locale of ['de', 'en']) {
      const report = await recorded('wir-vielfalt', locale);
      const el = await mount({ report, definition: await definitionOf('wir-vielfalt'), locale });
      const base = root(el).querySelector('[part="base"]')!;
      expect(base.getAttribute('lang')).to.equal(locale);
      expect(base.textContent).to.contain(locale === 'de' ? 'Fälle je Status' : 'Cases per state');
      expect(base.textContent).to.contain(locale === 'de' ? 'Als Tabelle zeigen' : 'Show as a table');
      const granted = report.outcomesPerMonth.find((r) => r.outcome === 'granted')!.title!;
      expect(granted).to.equal(locale === 'de' ? 'Förderung bewilligt' : 'Grant approved');
      expect(root(el).querySelector('[part~="outcomes"] [part="legend"]')!.textContent).to.contain(granted);
      expect(root(el).querySelector('[part~="outcomes"] [part="drawing"]')!.getAttribute('aria-label')).to.contain(locale === 'de' ? 'Ergebnisse je Monat. September 2019 bis' : 'Outcomes per month. September 2019 to');
      el.remove();
    }
  });

  it('fetches the report with the bearer token and the language, and says so when it is refused', async () => {
    const original = window.fetch;
    const seen: { url: string; headers: Record<string, string> }[] = [];
    const report = await recorded('wir-vielfalt', 'en');
    const definition = await definitionOf('wir-vielfalt');
    let refuse = false;
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      seen.push({ url, headers: (init?.headers ?? {}) as Record<string, string> });
      if (url.endsWith('/report')) return refuse ? new Response('{"code":"FORBIDDEN"}', { status: 403 }) : Response.json(report);
      return Response.json({ id: 'wir-vielfalt', definition });
    };
    try {
      const el = await mount({ api: '/api/v1/', program: 'wir-vielfalt', locale: 'en', token: 'secret-demo' });
      for (let i = 0; i < 20 && !root(el).querySelector('[part~="funnel"]'); i++) await new Promise((r) => setTimeout(r, 20));
      expect(seen.map((s) => s.url).sort()).to.deep.equal(['/api/v1/programs/wir-vielfalt', '/api/v1/programs/wir-vielfalt/report']);
      const call = seen.find((s) => s.url.endsWith('/report'))!;
      expect(call.headers.Authorization).to.equal('Bearer secret-demo');
      expect(call.headers['Accept-Language']).to.equal('en');
      expect(seen.find((s) => !s.url.endsWith('/report'))!.headers.Authorization).to.equal(undefined);
      expect(root(el).textContent).to.contain('WIR grant');

      refuse = true;
      const errors: CfErrorEvent[] = [];
      el.addEventListener('cf-error', (e) => errors.push(e));
      el.token = 'not-a-caseworker';
      for (let i = 0; i < 20 && errors.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      await el.updateComplete;
      expect(errors).to.have.length(1);
      expect(errors[0]).to.be.instanceOf(CfErrorEvent);
      expect(errors[0]!.detail).to.include({ kind: 'load', status: 403, willRetry: false });
      expect(root(el).querySelector('[role="alert"]')!.textContent).to.contain('could not be loaded');
    } finally {
      window.fetch = original;
    }
  });

  it('shows the places of the congress taken, free and waiting, in words, as a bar and as a table, in German and English', async () => {
    const definition = await definitionOf('zukunftsbuendnis');
    const en = await mount({ report: congressReport('en'), definition, locale: 'en' });
    const figure = root(en).querySelector('[part~="places"]')!;
    expect(figure.querySelector('figcaption')!.textContent).to.equal('Congress places: places taken');
    expect(figure.querySelector('.sum-summary')!.textContent).to.equal('118 of 120 places taken, 2 free; 5 on the waiting list.');
    expect(figure.querySelector('[part="drawing"]')!.getAttribute('aria-label')).to.equal('Congress places: places taken. 118 of 120 places taken, 2 free; 5 on the waiting list.');
    const track = figure.querySelector('.meter')!;
    expect(figure.querySelector('.meter .bar')!.getBoundingClientRect().width / track.clientWidth).to.be.closeTo(118 / 120, 0.01);
    expect(rows(figure.querySelector('table')!)).to.deep.equal([['Places', '120'], ['Taken', '118'], ['Free', '2'], ['On the waiting list', '5']]);
    en.remove();
    const de = await mount({ report: congressReport('de'), definition, locale: 'de' });
    expect(root(de).querySelector('[part~="places"] .sum-summary')!.textContent).to.equal('118 von 120 Plätzen belegt, 2 frei; 5 auf der Warteliste.');
    expect(await axeViolations(de, 'zukunftsbuendnis/de')).to.deep.equal([]);
  });

  it('shows participant monitoring: each indicator by gender at the latest reporting date as bars, every date in the table, and how many lack data', async () => {
    const count = (date: string, women: number, men: number, nonBinary: number, noAnswer: number) => ({ date, women, men, nonBinary, noAnswer, total: women + men + nonBinary + noAnswer });
    const monitoring = {
      dates: ['2024-12-31', '2025-12-31'],
      participants: 130,
      countable: 127,
      reentries: 4,
      indicators: [
        { id: 'participants', title: 'Teilnehmende insgesamt', moment: 'entry' as const, counts: [count('2024-12-31', 40, 35, 2, 1), count('2025-12-31', 66, 57, 3, 1)] },
        { id: 'languageCourseOnLeaving', title: 'Beim Austritt im Sprachkurs', moment: 'leaving' as const, counts: [count('2024-12-31', 8, 4, 0, 0), count('2025-12-31', 17, 12, 0, 0)] },
      ],
      incomplete: [{ caseId: 'a', reference: 'CF-AAAA-AAAA', missing: ['Geschlecht'] }, { caseId: 'b', reference: 'CF-BBBB-BBBB', missing: ['Höchster Bildungsabschluss'] }, { caseId: 'c', reference: 'CF-CCCC-CCCC', missing: ['Situation beim Austritt'] }],
    };
    const el = await mount({ report: await recorded('gemeinsam-fuer-hagen', 'de'), definition: await definitionOf('gemeinsam-fuer-hagen'), monitoring, locale: 'de' });
    const figure = root(el).querySelector('[part~="monitoring"]')!;
    expect(figure.querySelector('figcaption')!.textContent).to.equal('Teilnehmende nach Indikator und Geschlecht, Stand 31. Dezember 2025');
    const bars = figure.querySelectorAll('[data-indicator="languageCourseOnLeaving"] .bar');
    expect(bars.length, 'women and men only: no empty parts').to.equal(2);
    const label = figure.querySelector('[part="drawing"]')!.getAttribute('aria-label')!;
    expect(label).to.contain('127 von 130 Teilnehmenden können gezählt werden.');
    expect(label).to.contain('Beim Austritt im Sprachkurs: 29 (Frauen 17, Männer 12, Nicht-binär 0, Keine Angabe 0)');
    expect(rows(figure.querySelector('table')!)).to.deep.equal([
      ['Teilnehmende insgesamt', '31. Dezember 2024', '40', '35', '2', '1', '78'],
      ['Teilnehmende insgesamt', '31. Dezember 2025', '66', '57', '3', '1', '127'],
      ['Beim Austritt im Sprachkurs', '31. Dezember 2024', '8', '4', '0', '0', '12'],
      ['Beim Austritt im Sprachkurs', '31. Dezember 2025', '17', '12', '0', '0', '29'],
    ]);
    expect(figure.querySelector('[part~="notice"]')!.textContent).to.contain('3 Teilnehmende können noch nicht gezählt werden');
    expect(await axeViolations(el, 'monitoring/de')).to.deep.equal([]);
  });

  it('tells the outcome series apart by colour and by pattern, with the Okabe–Ito colours by default', async () => {
    const el = await mount({ report: await recorded('gemeinsam-fuer-hagen', 'en'), definition: await definitionOf('gemeinsam-fuer-hagen'), locale: 'en' });
    const swatches = [...root(el).querySelectorAll('[part~="outcomes"] .legend .swatch')].map((sw) => getComputedStyle(sw));
    expect(swatches).to.have.length(5);
    expect(new Set(swatches.map((sw) => sw.backgroundColor)).size, 'colours').to.equal(5);
    expect(new Set(swatches.map((sw) => sw.backgroundImage)).size, 'patterns').to.equal(5);
    expect(swatches.map((sw) => sw.backgroundColor)).to.deep.equal(['rgb(0, 114, 178)', 'rgb(230, 159, 0)', 'rgb(0, 158, 115)', 'rgb(204, 121, 167)', 'rgb(86, 180, 233)']);
    // Each bar has an outline in the text colour, so a light colour still has an edge against the page.
    const seg = getComputedStyle(root(el).querySelector('[part~="outcomes"] .seg')!);
    expect([seg.outlineStyle, seg.outlineWidth, seg.outlineColor]).to.deep.equal(['solid', '1px', 'rgb(27, 27, 27)']);
    // A bar's pattern is the same as its legend's.
    for (const bar of root(el).querySelectorAll('[part~="outcomes"] .seg')) {
      const k = Number(/\bc(\d)\b/.exec(bar.className)![1]);
      expect(getComputedStyle(bar).backgroundImage).to.equal(swatches[k]!.backgroundImage);
      expect(getComputedStyle(bar).backgroundColor).to.equal(swatches[k]!.backgroundColor);
    }
  });

  /** Every text the reader sees in the report: not hidden, not clipped away, with its size and colours. */
  const seenTexts = (el: CfProgramReport) => {
    const out: { text: string; size: number; color: string; node: Element }[] = [];
    const walker = document.createTreeWalker(root(el), NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement!;
      if (!n.textContent!.trim() || parent.closest('details:not([open]) > :not(summary), .vh, style')) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      const box = range.getBoundingClientRect();
      if (box.width < 1 || box.height < 1) continue;
      const style = getComputedStyle(parent);
      out.push({ text: n.textContent!.trim(), size: parseFloat(style.fontSize), color: style.color, node: parent });
    }
    return out;
  };

  for (const width of ['288px', '358px', '']) {
    it(`reads at ${width || 'full width'}: nothing wider than the report, no text under 12 px, table headers whole words`, async () => {
      for (const program of ['gemeinsam-fuer-hagen', 'wir-vielfalt']) {
        const report = await recorded(program, 'de');
        const el = await mount({ report: program === 'wir-vielfalt' ? withGranted(report, 'de') : report, definition: await definitionOf(program), locale: 'de' });
        el.style.width = width;
        el.style.display = 'block';
        root(el).querySelectorAll('details').forEach((d) => (d.open = true));
        await el.updateComplete;
        const base = root(el).querySelector('[part="base"]')!;
        expect(base.scrollWidth, `${program} at ${width}`).to.be.at.most(base.clientWidth);
        const small = seenTexts(el).filter((t) => t.size < 12).map((t) => `${t.text} ${t.size}px`);
        expect(small, small.join(', ')).to.deep.equal([]);
        // A header that is too narrow scrolls its table sideways (in its own region), but never breaks inside a word.
        for (const th of root(el).querySelectorAll('th')) {
          for (const word of th.textContent!.trim().split(/\s+/).filter((w) => w.length > 3)) {
            const text = th.firstChild?.nodeType === Node.TEXT_NODE ? th.firstChild : undefined;
            if (!text) continue;
            const at = text.textContent!.indexOf(word);
            const range = document.createRange();
            range.setStart(text, at);
            range.setEnd(text, at + word.length);
            expect(range.getClientRects().length, `"${word}" in a header at ${width}`).to.equal(1);
          }
        }
        // The report's heading fits, whole words too.
        const title = root(el).querySelector('[part="title"]')!;
        expect(title.scrollWidth).to.be.at.most(title.clientWidth);
        el.remove();
      }
    });
  }

  it('keeps every label and number in forced colours, in the system colours, and the series their patterns', async () => {
    const el = await mount({ report: withGranted(await recorded('wir-vielfalt', 'en'), 'en'), definition: await definitionOf('wir-vielfalt'), locale: 'en' });
    el.style.width = '288px';
    await el.updateComplete;
    const before = seenTexts(el).map((t) => t.text);
    try {
      await executeServerCommand('cf-forced-colors', { active: true });
      expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const after = seenTexts(el);
      expect(after.map((t) => t.text)).to.deep.equal(before);
      for (const label of ['€92,000', '€200,000', 'Cases per state', 'Grant approved']) expect(after.some((t) => t.text === label), label).to.equal(true);
      const base = getComputedStyle(root(el).querySelector('[part="base"]')!);
      const canvas = base.color;
      // Every word in a system colour that is not the background's (in Chromium's emulation: black or link blue on white).
      for (const t of after) {
        expect(t.color, t.text).not.to.equal(base.backgroundColor);
        expect(t.color, t.text).to.match(/^rgb\(/);
      }
      for (const t of after.filter((x) => x.node.closest('[part="drawing"]'))) expect(t.color, t.text).to.equal(canvas);
      // The bars are drawn in the text colour, the series still by their own patterns.
      const swatches = [...root(el).querySelectorAll('[part~="outcomes"] .swatch')].map((sw) => getComputedStyle(sw));
      for (const sw of swatches) expect(sw.backgroundColor).to.equal(canvas);
      expect(new Set(swatches.map((sw) => sw.backgroundImage)).size).to.equal(swatches.length);
      expect(getComputedStyle(root(el).querySelector('.meter .bar')!).backgroundColor).to.equal(canvas);
    } finally {
      await executeServerCommand('cf-forced-colors', { active: false });
    }
  });

  it('asks for the months chosen in its period form, and says what is wrong with a period before asking', async () => {
    const original = window.fetch;
    const seen: string[] = [];
    const report = await recorded('wir-vielfalt', 'de');
    const definition = await definitionOf('wir-vielfalt');
    window.fetch = async (input: RequestInfo | URL) => {
      seen.push(String(input));
      return String(input).includes('/report') ? Response.json(report) : Response.json({ id: 'wir-vielfalt', definition });
    };
    try {
      const el = await mount({ program: 'wir-vielfalt', locale: 'de' });
      const settled = async () => {
        for (let i = 0; i < 50 && !root(el).querySelector('[part~="funnel"]'); i++) await new Promise((r) => setTimeout(r, 20));
        await el.updateComplete;
      };
      await settled();
      expect(seen.filter((u) => u.includes('/report'))).to.deep.equal(['/v1/programs/wir-vielfalt/report']);
      const form = root(el).querySelector<HTMLFormElement>('form[part="period"]')!;
      const from = form.querySelector<HTMLInputElement>('input[name="from"]')!;
      const to = form.querySelector<HTMLInputElement>('input[name="to"]')!;
      expect(from.labels![0]!.textContent).to.contain('Von Monat');
      from.value = '2019-12';
      to.value = '2019-09';
      form.requestSubmit();
      await el.updateComplete;
      expect(root(el).querySelector('.period [role="alert"]')!.textContent).to.equal('Der erste Monat darf nicht nach dem letzten liegen.');
      expect(from.getAttribute('aria-invalid')).to.equal('true');
      expect(seen.filter((u) => u.includes('/report'))).to.have.length(1);
      from.value = '2019-09';
      to.value = '2019-12';
      form.requestSubmit();
      await el.updateComplete;
      await settled();
      expect(seen.filter((u) => u.includes('/report')).pop()).to.equal('/v1/programs/wir-vielfalt/report?from=2019-09&to=2019-12');
      expect(el.getAttribute('from')).to.equal('2019-09');
      expect(root(el).querySelector('.period [role="alert"]')).to.equal(null);
      expect(root(el).querySelector('[part="meta"]')!.textContent).to.contain('von September 2019 bis Dezember 2019');
      // Only one end: open at the other.
      el.removeAttribute('from');
      await settled();
      expect(seen.filter((u) => u.includes('/report')).pop()).to.equal('/v1/programs/wir-vielfalt/report?to=2019-12');
      expect(await axeViolations(el, 'period form')).to.deep.equal([]);
    } finally {
      window.fetch = original;
    }
  });

  it('has no axe-core violations in German and English, with its tables open, also at 320 px', async () => {
    const found: string[] = [];
    for (const program of ['gemeinsam-fuer-hagen', 'wir-vielfalt']) {
      for (const locale of ['de', 'en']) {
        for (const width of ['', '320px']) {
          const report = await recorded(program, locale);
          const el = await mount({ report: program === 'wir-vielfalt' ? withGranted(report, locale) : report, definition: await definitionOf(program), locale });
          el.style.width = width;
          root(el).querySelectorAll('details').forEach((d) => (d.open = true));
          found.push(...(await axeViolations(el, `${program}/${locale}/${width || 'full'}`)));
          el.remove();
        }
      }
    }
    expect(found, found.join('\n')).to.deep.equal([]);
  });
});
