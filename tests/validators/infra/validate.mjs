#!/usr/bin/env node
// Validators for the infra templates, called by tests/McpOps.Templates.Tests/Infra.
//   node validate.mjs to-json <file.yaml>                 all YAML documents of a file, as a JSON array
//   node validate.mjs schema <schema.json> <file.yaml>... each file against a JSON Schema (ajv, draft-07)
//   node validate.mjs k8s <rendered.yaml>                 every object against kubernetes-models
// Prints one line per problem and exits 1 when there is any; exits 2 on bad usage or unreadable input.
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parseAllDocuments } from 'yaml';

const [command, ...args] = process.argv.slice(2);

function readYamlDocuments(file) {
  const documents = parseAllDocuments(readFileSync(file, 'utf8'), { uniqueKeys: true });
  const values = [];
  for (const document of documents) {
    if (document.errors.length > 0) {
      throw new Error(`${file}: ${document.errors.map((e) => e.message).join('; ')}`);
    }
    const value = document.toJS({ maxAliasCount: 100 });
    if (value !== null && value !== undefined) values.push(value);
  }
  return values;
}

function schemaCommand([schemaFile, ...files]) {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
  // The Compose Specification declares draft-07 by its https URL, which ajv registers as http.
  if (typeof schema.$schema === 'string' && /^https?:\/\/json-schema\.org\/draft-07\/schema#?$/.test(schema.$schema)) {
    delete schema.$schema;
  }
  const validate = ajv.compile(schema);
  let problems = 0;
  for (const file of files) {
    for (const document of readYamlDocuments(file)) {
      if (!validate(document)) {
        for (const error of validate.errors) {
          const where = error.instancePath === '' ? '(root)' : error.instancePath;
          const detail = error.params && Object.keys(error.params).length > 0 ? ` ${JSON.stringify(error.params)}` : '';
          console.log(`${file}: ${where} ${error.message}${detail}`);
          problems += 1;
        }
      }
    }
  }
  return problems;
}

// apiVersion -> module exporting the kind's model class.
function modelModule(apiVersion) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  if (group === 'external-secrets.io') return `@kubernetes-models/external-secrets/external-secrets.io/${version}`;
  return group === '' ? `kubernetes-models/${version}` : `kubernetes-models/${group}/${version}`;
}

async function k8sCommand([file]) {
  let problems = 0;
  const objects = readYamlDocuments(file);
  for (const object of objects) {
    const id = `${object.kind}/${object.metadata?.name ?? '?'}`;
    let Model;
    try {
      Model = (await import(modelModule(object.apiVersion)))[object.kind];
    } catch {
      Model = undefined;
    }
    if (typeof Model !== 'function') {
      console.log(`${id}: no kubernetes-models model for ${object.apiVersion} ${object.kind}`);
      problems += 1;
      continue;
    }
    try {
      new Model(object).validate();
    } catch (error) {
      console.log(`${id}: ${error.message}`);
      problems += 1;
    }
  }
  console.error(`${objects.length} object(s) validated`);
  return problems;
}

try {
  let problems;
  switch (command) {
    case 'to-json':
      process.stdout.write(JSON.stringify(readYamlDocuments(args[0])));
      problems = 0;
      break;
    case 'schema':
      problems = schemaCommand(args);
      break;
    case 'k8s':
      problems = await k8sCommand(args);
      break;
    default:
      console.error('usage: validate.mjs to-json FILE | schema SCHEMA FILE... | k8s FILE');
      process.exit(2);
  }
  process.exit(problems > 0 ? 1 : 0);
} catch (error) {
  console.error(error.message);
  process.exit(2);
}
