import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createBearerAuth, equalInFixedTime } from '../src/auth.js';

describe('bearer auth', () => {
  const check = createBearerAuth(['first-key-0123', 'second-key']);

  test('accepts each accepted key, in any Bearer spelling', () => {
    for (const header of ['Bearer first-key-0123', 'bearer second-key', 'BEARER\tsecond-key ', 'Bearer  first-key-0123']) {
      assert.equal(check(header), true, header);
    }
  });

  test('refuses a missing header, other schemes, prefixes, extensions and near misses of every key', () => {
    for (const header of [
      null, '', 'Bearer', 'Bearer ', 'Basic first-key-0123', 'first-key-0123', 'Bearer first-key-012', 'Bearer first-key-01234',
      'Bearer first-key-0124', 'Bearer second-key second-key', 'Bearer Second-key', 'Bearer second-keyfirst-key-0123',
      'Bearer ond-key', 'Bearer x', 'Bearer first-key-0123é',
    ]) {
      assert.equal(check(header), false, String(header));
    }
  });

  test('no accepted key accepts nothing', () => {
    assert.equal(createBearerAuth([])('Bearer anything'), false);
  });

  test('equalInFixedTime is string equality for every pair of lengths, including a repeating prefix', () => {
    const values = ['', 'a', 'aa', 'ab', 'ba', 'abab', 'ababab', 'abc', 'abcabc', 'é', 'ée'];
    for (const a of values) for (const b of values) assert.equal(equalInFixedTime(a, b), a === b, `${a} / ${b}`);
  });
});
