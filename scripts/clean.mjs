// Removes build output, so no stale chunk of an earlier build is ever served or measured.
import { rmSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';

for (const name of readdirSync('packages')) {
  const dist = path.join('packages', name, 'dist');
  if (existsSync(dist)) rmSync(dist, { recursive: true, force: true });
}
