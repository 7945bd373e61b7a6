// @actions/workflow-parser's dist imports its JSON schemas without import attributes
// (`import Schema from "../workflow-v1.0.min.json"`), which Node 20 refuses. This hook
// serves .json files as ES modules with a default export, so the parser runs unchanged.
import { readFile } from 'node:fs/promises';

export async function load(url, context, nextLoad) {
  if (url.startsWith('file:') && url.endsWith('.json')) {
    const text = await readFile(new URL(url), 'utf8');
    return { format: 'module', source: `export default ${text};`, shortCircuit: true };
  }
  return nextLoad(url, context);
}
