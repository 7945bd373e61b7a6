import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { ConfigError, loadConfig, type McpConfig } from '../src/index.js';

/**
 * The parser against the one definition of the environment contract (modules/_shared/environment.json,
 * shared with the C# runtime and docs/environment.md): every variable's default, bounds and bad values.
 */
interface Variable {
  readonly name: string;
  readonly type: string;
  readonly min?: number;
  readonly max?: number;
  readonly values?: readonly string[];
  readonly default: unknown;
  readonly invalid: readonly string[];
  readonly runtimes: Readonly<Record<string, string | null>>;
  readonly refusedBy?: Readonly<Record<string, string>>;
}

const contract = JSON.parse(readFileSync(new URL('../../../environment.json', import.meta.url), 'utf8')) as { variables: Variable[] };
const honoured = contract.variables.filter((variable) => 'typescript' in variable.runtimes);
const BASE = { MCP_AUTH_TOKEN: 'contract-token' };

function refusal(env: Record<string, string>): string | undefined {
  try {
    loadConfig(env);
    return undefined;
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return error.message;
  }
}

function field(config: McpConfig, name: string): unknown {
  return (config as unknown as Record<string, unknown>)[name];
}

describe('environment contract (environment.json)', () => {
  test('every variable the parser reads is defined, and every definition is read', () => {
    const source = readFileSync(new URL('../../src/config.ts', import.meta.url), 'utf8');
    const read = new Set([...source.matchAll(/['"]((?:MCP|GOOGLE)_[A-Z_]+|PORT|HOST|LOG_LEVEL)['"]/g)].map((match) => match[1]));
    assert.deepEqual([...read].sort(), honoured.map((variable) => variable.name).sort());
  });

  for (const variable of honoured) {
    const name = variable.runtimes.typescript;
    if (name !== null && name !== undefined && variable.type !== 'secret') {
      test(`${variable.name} defaults to ${JSON.stringify(variable.default)}`, () => {
        assert.deepEqual(field(loadConfig(BASE), name), variable.default);
      });
    }

    if (variable.type === 'integer' && name) {
      test(`${variable.name} accepts ${variable.min} and ${variable.max}, refuses one beyond each`, () => {
        assert.equal(field(loadConfig({ ...BASE, [variable.name]: String(variable.min) }), name), variable.min);
        assert.equal(field(loadConfig({ ...BASE, [variable.name]: String(variable.max) }), name), variable.max);
        assert.match(refusal({ ...BASE, [variable.name]: String(variable.max! + 1) }) ?? '', new RegExp(variable.name));
        if (variable.min! > 0) assert.match(refusal({ ...BASE, [variable.name]: String(variable.min! - 1) }) ?? '', new RegExp(variable.name));
      });
    }

    if (variable.type === 'enum' && name) {
      test(`${variable.name} accepts each of ${variable.values!.join(', ')}`, () => {
        for (const value of variable.values!) assert.equal(field(loadConfig({ ...BASE, [variable.name]: value }), name), value);
      });
    }

    for (const bad of variable.invalid) {
      test(`${variable.name}=${JSON.stringify(bad)} is refused, naming the variable`, () => {
        assert.match(refusal({ ...BASE, [variable.name]: bad }) ?? 'accepted', new RegExp(variable.name));
      });
    }
  }
});
