// Prints a YAML file as JSON, so tests can assert on workflow structure:
//   node to-json.mjs <file.yml>
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';

const [file] = process.argv.slice(2);
if (!file) {
  console.error('usage: to-json.mjs <file.yml>');
  process.exit(2);
}
console.log(JSON.stringify(parse(await readFile(file, 'utf8'), { strict: true, uniqueKeys: true })));
