// One build for every package: each entry point of a package's `exports` map (its `source` file) becomes
// an ES module in that package's dist/. Dependencies stay external; types come from `tsc -b`. Private
// packages (the tests' own, @civicflow/test-support) are never published and only run from source, so they
// are not built.
import esbuild from 'rollup-plugin-esbuild';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';

const packagesDir = 'packages';

function configFor(dir) {
  const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const input = {};
  for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
    if (typeof target !== 'object' || !target.source) continue;
    const name = subpath === '.' ? 'index' : subpath.slice(2);
    input[name] = path.join(dir, target.source);
  }
  for (const [name, target] of Object.entries(pkg.civicflowBuild?.extraEntries ?? {})) input[name] = path.join(dir, target);
  const deps = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})];
  return {
    input,
    external: (id) => id.startsWith('node:') || deps.some((d) => id === d || id.startsWith(d + '/')),
    plugins: [esbuild({ target: 'es2022', tsconfig: path.join(dir, 'tsconfig.json') })],
    output: { dir: path.join(dir, 'dist'), format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', sourcemap: true },
    onwarn(warning, warn) {
      if (warning.code === 'CIRCULAR_DEPENDENCY') return;
      warn(warning);
    },
  };
}

const isPublished = (dir) => !JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).private;

export default readdirSync(packagesDir)
  .map((name) => path.join(packagesDir, name))
  .filter((dir) => existsSync(path.join(dir, 'package.json')) && isPublished(dir))
  .map(configFor);
