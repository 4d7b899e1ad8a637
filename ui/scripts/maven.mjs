// What the Maven build asks of the UI, without redoing work that is already done:
//   node scripts/maven.mjs deps   -> `npm ci` when package-lock.json changed since the last install
//   node scripts/maven.mjs build  -> `npm run build` when a source of the bundle changed since the last build
// Each step keeps a SHA-256 of its inputs beside its output (node_modules/.stackgate-inputs, dist/.stackgate-inputs).
import { createHash } from 'node:crypto';
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const here = new URL('..', import.meta.url).pathname;

function files(path) {
  const full = join(here, path);
  if (!existsSync(full)) {
    return [];
  }
  if (statSync(full).isFile()) {
    return [path];
  }
  return readdirSync(full).sort().flatMap(name => files(join(path, name)));
}

function digest(paths) {
  const hash = createHash('sha256');
  for (const path of paths.flatMap(files)) {
    hash.update(path).update('\0').update(readFileSync(join(here, path))).update('\0');
  }
  hash.update(process.version);
  return hash.digest('hex');
}

function step(name, inputs, marker, command) {
  const want = digest(inputs);
  const stamp = join(here, marker);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) {
    console.log(`ui: ${name} is up to date`);
    return;
  }
  console.log(`ui: ${command}`);
  execSync(command, { cwd: here, stdio: 'inherit' });
  writeFileSync(stamp, want);
}

const what = process.argv[2];
if (what === 'deps') {
  step('dependencies', ['package.json', 'package-lock.json'], 'node_modules/.stackgate-inputs',
    'npm ci --prefer-offline --no-audit --no-fund');
} else if (what === 'build') {
  step('bundle', ['package-lock.json', 'openapi.json', 'index.html', 'vite.config.ts', 'tsconfig.json', 'public', 'src'],
    'dist/.stackgate-inputs', 'npm run build');
} else {
  console.error('usage: node scripts/maven.mjs deps|build');
  process.exit(2);
}
