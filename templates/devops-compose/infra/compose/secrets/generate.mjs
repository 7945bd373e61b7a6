#!/usr/bin/env node
// Creates every missing secret file the compose setup references, with 32 random bytes (hex).
// Existing files are never changed. Prints the names of the files it wrote, never the values.
//   node infra/compose/secrets/generate.mjs
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const secretsDir = dirname(fileURLToPath(import.meta.url));
const composeDir = dirname(secretsDir);
const workspaceRoot = resolve(composeDir, '..', '..');

const composeFiles = [join(composeDir, 'docker-compose.yml')];
const modulesDir = join(workspaceRoot, 'modules');
if (existsSync(modulesDir)) {
  for (const entry of readdirSync(modulesDir, { withFileTypes: true })) {
    const fragment = join(modulesDir, entry.name, 'mcp', 'deploy', 'compose.yaml');
    if (entry.isDirectory() && !entry.name.startsWith('_') && existsSync(fragment)) composeFiles.push(fragment);
  }
}

// `file:` entries of top-level secrets; every one must point into this folder.
const secretFiles = new Set();
for (const file of composeFiles) {
  for (const match of readFileSync(file, 'utf8').matchAll(/^\s+file:\s*["']?([^"'\s#]+)["']?\s*$/gm)) {
    const target = resolve(dirname(file), match[1]);
    if (dirname(target) !== secretsDir) {
      console.error(`${relative(workspaceRoot, file)}: secret file ${match[1]} is outside infra/compose/secrets/`);
      process.exit(1);
    }
    secretFiles.add(target);
  }
}

mkdirSync(secretsDir, { recursive: true });
chmodSync(secretsDir, 0o700);
let created = 0;
for (const target of [...secretFiles].sort()) {
  if (existsSync(target)) continue;
  writeFileSync(target, randomBytes(32).toString('hex') + '\n', { mode: 0o644, flag: 'wx' });
  console.log(`created ${relative(workspaceRoot, target)}`);
  created += 1;
}
console.log(`${created} secret file(s) created, ${secretFiles.size - created} kept`);
