// What each part of the embed bundle costs: `node scripts/embed-parts.mjs` builds cf-form.embed.js (and the files
// beside it) into a temporary folder, has rollup-plugin-visualizer attribute the minified code to its source
// modules through the source map, and prints per part and per module the minified bytes and an estimate of the
// gzip bytes (the module's share of the minified file times the file's real gzip size; gzip packs across module
// borders, so no module has a size of its own). `--modules` lists every module, not only the parts.
import { visualizer } from 'rollup-plugin-visualizer';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle } from './build-embed.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** The part a module belongs to, by its path. */
const parts = [
  ['Lit', /node_modules[\\/](lit|lit-html|lit-element|@lit)[\\/]/],
  ['core: validation messages (de, en)', /core[\\/]src[\\/]messages[\\/](de|en)\.ts$/],
  ['core: messages, other', /core[\\/]src[\\/]messages[\\/]/],
  ['core: runtime', /core[\\/]src[\\/]/],
  ['elements: words (de, en)', /elements[\\/]src[\\/]internal[\\/]strings[\\/]/],
  ['elements: styles', /\.styles\.ts$/],
  ['elements: sending', /elements[\\/]src[\\/](form[\\/]form-sending|internal[\\/]submission-controller)/],
  ['elements: <cf-field>', /elements[\\/]src[\\/]field[\\/]/],
  ['elements: <cf-form>', /elements[\\/]src[\\/]form[\\/]/],
  ['elements: other elements and helpers', /elements[\\/]src[\\/]/],
];
const partOf = (id) => parts.find(([, re]) => re.test(id))?.[0] ?? 'other';

export async function embedParts() {
  const dir = await mkdtemp(path.join(tmpdir(), 'cf-embed-parts-'));
  try {
    const stats = path.join(dir, 'stats.json');
    const file = path.join(dir, 'cf-form.embed.js');
    await bundle({
      input: path.join(root, 'packages/elements/src/embed.ts'),
      file,
      plugins: [visualizer({ template: 'raw-data', filename: stats, sourcemap: true })],
    });
    const data = JSON.parse(await readFile(stats, 'utf8'));
    const files = {};
    for (const part of Object.values(data.nodeParts)) {
      const meta = data.nodeMetas[part.metaUid];
      for (const chunk of Object.keys(meta.moduleParts)) {
        (files[chunk] ??= []).push({ id: meta.id.replace(/^\//, ''), part: partOf(meta.id), minified: part.renderedLength });
      }
    }
    const out = {};
    for (const [chunk, modules] of Object.entries(files)) {
      // The other locales' files are loaded only by a page in that locale; German and English are shown.
      if (chunk.includes('locale-') && !/\.locale-(de|en)\.js$/.test(chunk)) continue;
      const code = await readFile(path.join(dir, chunk), 'utf8');
      out[chunk] = { minified: code.length, gzip: gzipSync(code, { level: 9 }).length, modules };
    }
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const all = process.argv.includes('--modules');
  const kb = (b) => (b / 1024).toFixed(1).padStart(6);
  for (const [chunk, { minified, gzip, modules }] of Object.entries(await embedParts())) {
    const mapped = modules.reduce((sum, m) => sum + m.minified, 0);
    const est = (bytes) => (bytes / mapped) * gzip;
    console.log(`\n${chunk}: ${kb(minified)} KB minified, ${kb(gzip)} KB gzip`);
    const byPart = new Map();
    for (const m of modules) byPart.set(m.part, (byPart.get(m.part) ?? 0) + m.minified);
    console.log(`${'part'.padEnd(40)} ${'min KB'.padStart(6)} ${'~gz KB'.padStart(6)}`);
    for (const [part, bytes] of [...byPart].sort((a, b) => b[1] - a[1])) console.log(`${part.padEnd(40)} ${kb(bytes)} ${kb(est(bytes))}`);
    if (all) {
      console.log('');
      for (const m of [...modules].sort((a, b) => b.minified - a.minified)) console.log(`${m.id.padEnd(60)} ${kb(m.minified)} ${kb(est(m.minified))}`);
    }
  }
}
