import assert from 'node:assert/strict';
import { isIP } from 'node:net';
import { describe, test } from 'node:test';
import { isIpAddress } from '../src/ip-address.js';

// isIpAddress stands in for node:net's isIP (which the Edge bundle must not import): it must give isIP's answer.
const samples = [
  '0.0.0.0', '127.0.0.1', '255.255.255.255', '256.1.1.1', '1.2.3', '1.2.3.4.5', '01.2.3.4', '1.2.3.04', '1.2.3.-1',
  ' 1.2.3.4', '1.2.3.4 ', '1..3.4', '', 'localhost', 'example.com', '0x7f.0.0.1', '1e2.0.0.1',
  '::', '::1', '[::1]', '::ffff:1.2.3.4', '::ffff:1.2.3.256', '::ffff:01.2.3.4', '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8:9',
  '1::2::3', 'fe80::1%eth0', 'fe80::1%', 'fe80::1%en0.1', 'FE80::ABCD', 'fe80::g', ':::', '1:2:3:4:5:6:1.2.3.4',
  '1:2:3:4:5:6:7:1.2.3.4', '12345::1', '::1.2.3.4', '1.2.3.4%eth0', ':1', '1:', '2001:db8::/32', 'fe80::1%eth0%x',
];

describe('isIpAddress', () => {
  test('gives node:net isIP answers on addresses, near misses and host names', () => {
    for (const sample of samples) assert.equal(isIpAddress(sample), isIP(sample) !== 0, JSON.stringify(sample));
  });

  test('gives isIP answers on generated strings of address characters', () => {
    const alphabet = '0123456789abcdefABCDEF:.%g';
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 20_000; round++) {
      const length = 1 + Math.floor(next() * 16);
      let sample = '';
      for (let i = 0; i < length; i++) sample += alphabet[Math.floor(next() * alphabet.length)];
      assert.equal(isIpAddress(sample), isIP(sample) !== 0, JSON.stringify(sample));
    }
  });
});
