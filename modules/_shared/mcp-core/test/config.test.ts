import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ConfigError, loadConfig, type SecretFileReader } from '../src/index.js';

const readSecretFile: SecretFileReader = (path) => readFileSync(path, 'utf8');

describe('loadConfig', () => {
  test('applies the documented defaults', () => {
    const config = loadConfig({ MCP_AUTH_TOKEN: 't' });
    assert.equal(config.port, 8080);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.basePath, '');
    assert.equal(config.logLevel, 'info');
    assert.equal(config.shutdownTimeoutMs, 8000);
    assert.equal(config.maxBodyBytes, 1024 * 1024);
    assert.equal(config.sseKeepAliveMs, 15_000);
    assert.deepEqual(config.allowedOrigins, []);
  });

  test('a module default port applies when PORT is unset', () => {
    assert.equal(loadConfig({ MCP_AUTH_TOKEN: 't' }, { port: 8091 }).port, 8091);
    assert.equal(loadConfig({ MCP_AUTH_TOKEN: 't', PORT: '9000' }, { port: 8091 }).port, 9000);
  });

  test('refuses to run without a token, naming both variables', () => {
    assert.throws(
      () => loadConfig({}),
      (error: unknown) =>
        error instanceof ConfigError &&
        error.message.includes('MCP_AUTH_TOKEN') &&
        error.message.includes('MCP_AUTH_DISABLED=true'),
    );
  });

  test('MCP_AUTH_TOKEN_FILE reads the token from a mounted secret file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mcp-core-')), 'token');
    writeFileSync(file, 's3cret-from-file\n');
    assert.equal(loadConfig({ MCP_AUTH_TOKEN_FILE: file }, {}, readSecretFile).authToken, 's3cret-from-file');
  });

  test('MCP_AUTH_TOKEN_FILE that is missing, empty or combined with MCP_AUTH_TOKEN is refused', () => {
    const folder = mkdtempSync(join(tmpdir(), 'mcp-core-'));
    const empty = join(folder, 'empty');
    writeFileSync(empty, '  \n');
    const cases: Array<[Record<string, string>, string]> = [
      [{ MCP_AUTH_TOKEN_FILE: join(folder, 'absent') }, 'cannot be read (ENOENT)'],
      [{ MCP_AUTH_TOKEN_FILE: empty }, 'is empty'],
      [{ MCP_AUTH_TOKEN_FILE: empty, MCP_AUTH_TOKEN: 't' }, 'both set'],
    ];
    for (const [env, expected] of cases) {
      assert.throws(() => loadConfig(env, {}, readSecretFile), (error: unknown) => error instanceof ConfigError && error.message.includes(expected));
    }
  });

  test('MCP_AUTH_TOKEN_FILE on a runtime that reads no files (the Edge) is refused, naming MCP_AUTH_TOKEN', () => {
    assert.throws(
      () => loadConfig({ MCP_AUTH_TOKEN_FILE: '/run/secrets/token' }),
      (error: unknown) => error instanceof ConfigError && error.message.includes('set MCP_AUTH_TOKEN instead'),
    );
  });

  test('HOST must be an IP address or localhost', () => {
    for (const host of ['0.0.0.0', '127.0.0.1', '::', '[::1]', 'fe80::1%eth0', 'localhost', 'LOCALHOST']) {
      assert.equal(loadConfig({ MCP_AUTH_TOKEN: 't', HOST: host }).host, host);
    }
    for (const host of ['example.com', '127.0.0.01', '1.2.3', '::g', '[::1']) {
      assert.throws(() => loadConfig({ MCP_AUTH_TOKEN: 't', HOST: host }), (error: unknown) => error instanceof ConfigError && error.message.includes('HOST must be an IP address'));
    }
  });

  test('MCP_AUTH_DISABLED=true allows running without a token and ignores one', () => {
    const config = loadConfig({ MCP_AUTH_DISABLED: 'true', MCP_AUTH_TOKEN: 'ignored' });
    assert.equal(config.authDisabled, true);
    assert.equal(config.authToken, undefined);
  });

  test('reports every invalid variable at once', () => {
    assert.throws(
      () => loadConfig({ MCP_AUTH_TOKEN: 't', PORT: 'http', LOG_LEVEL: 'loud', MCP_BASE_PATH: 'no-slash', MCP_AUTH_DISABLED: 'yes' }),
      (error: unknown) => error instanceof ConfigError && error.problems.length === 4,
    );
  });

  test('normalizes lists and base path', () => {
    const config = loadConfig({
      MCP_AUTH_TOKEN: 't',
      MCP_ALLOWED_ORIGINS: ' https://App.example.com , http://localhost:3000/ ',
      MCP_ALLOWED_HOSTS: 'API.example.com:443,internal',
      MCP_BASE_PATH: '/billing/',
    });
    assert.deepEqual(config.allowedOrigins, ['https://app.example.com', 'http://localhost:3000']);
    assert.deepEqual(config.allowedHosts, ['api.example.com', 'internal']);
    assert.equal(config.basePath, '/billing');
  });

  test('rejects an origin with a path', () => {
    assert.throws(() => loadConfig({ MCP_AUTH_TOKEN: 't', MCP_ALLOWED_ORIGINS: 'https://a.example/x' }), ConfigError);
  });
});
