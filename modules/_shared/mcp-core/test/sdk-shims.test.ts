import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { build } from 'esbuild';

const packageDir = fileURLToPath(new URL('../../', import.meta.url));

test("a module bundle with the SDK's shims aliased to mcp-core's validates JSON Schema through the SDK's Ajv", async () => {
  // The alias of the module template's `bundle` and `build:edge` scripts; the package name carries the workspace's scope.
  const { name } = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8')) as { name: string };
  const alias = { '@modelcontextprotocol/server/_shims': `${name}/sdk-shims` };

  // fromJsonSchema without a validator uses the shims' DefaultJsonSchemaValidator, as McpServer does for elicitation answers.
  const entry = `
    import { fromJsonSchema } from '@modelcontextprotocol/server';
    const schema = fromJsonSchema({ type: 'object', properties: { n: { type: 'integer', minimum: 1 } }, required: ['n'] });
    export const valid = await schema['~standard'].validate({ n: 2 });
    export const invalid = await schema['~standard'].validate({ n: 0 });
  `;
  const dir = await mkdtemp(join(tmpdir(), 'mcp-core-shims-'));
  try {
    const outfile = join(dir, 'bundle.mjs');
    const result = await build({
      stdin: { contents: entry, resolveDir: packageDir, loader: 'js' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      alias,
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    assert.ok(inputs.some((input) => input.endsWith('dist/src/sdk-shims.js')), 'the bundle holds mcp-core/sdk-shims');
    assert.ok(!inputs.some((input) => /@modelcontextprotocol\/server\/dist\/shimsNode\./.test(input)), "the bundle holds no SDK shim");
    await writeFile(outfile, result.outputFiles[0]!.contents);
    const bundle = (await import(pathToFileURL(outfile).href)) as { valid: { value?: unknown; issues?: unknown[] }; invalid: { issues?: { message: string }[] } };
    assert.deepEqual(bundle.valid, { value: { n: 2 } });
    assert.equal(bundle.invalid.issues?.length, 1);
    assert.match(bundle.invalid.issues[0]!.message, />= 1/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
