import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { build } from 'esbuild';

// The Edge entry is bundled for Deno; one `node:` import there makes Deno 2.9 start its Node compatibility layer
// on every cold start (~35 ms of the function's start-up, docs/benchmarks.md). Bundled as a module's
// `build:edge` bundles it (the workspace's esbuild, the same shims alias), its output must import nothing of Node's.
const dist = (file: string) => fileURLToPath(new URL(`../src/${file}`, import.meta.url));

async function nodeImports(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [dist(entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
    alias: { '@modelcontextprotocol/server/_shims': dist('sdk-shims.js') },
    outfile: 'bundle.js',
  });
  return Object.values(result.metafile.outputs).flatMap((output) => output.imports.filter((item) => item.external).map((item) => item.path));
}

describe('Edge bundle', () => {
  test('the Edge entry, bundled with everything it reaches, imports no Node.js module', async () => {
    assert.deepEqual(await nodeImports('edge.js'), []);
  });

  test('the Node entry bundled the same way does (the check sees Node imports)', async () => {
    const imports = await nodeImports('index.js');
    assert.ok(imports.includes('node:http') && imports.includes('node:fs'), imports.join(', '));
  });
});
