import { describe, expect, it } from 'vitest';
import { classifyAddress } from './address-policy.js';
import { createAllowList } from './allow-list.js';

// Classification only: nothing here opens a connection.
const refused: Array<[string, string]> = [
  ['127.0.0.1', 'loopback'],
  ['127.1', 'loopback'],
  ['0x7f000001', 'loopback'],
  ['2130706433', 'loopback'],
  ['017700000001', 'loopback'],
  ['0177.0.0.1', 'loopback'],
  ['0x7f.1', 'loopback'],
  ['10.0.0.1', 'private'],
  ['172.16.5.4', 'private'],
  ['192.168.1.1', 'private'],
  ['0xc0a80101', 'private'],
  ['169.254.169.254', 'metadata'],
  ['169.254.1.1', 'linkLocal'],
  ['100.64.0.1', 'carrierGradeNat'],
  ['100.100.100.200', 'metadata'],
  ['224.0.0.1', 'multicast'],
  ['255.255.255.255', 'broadcast'],
  ['0.0.0.0', 'unspecified'],
  ['0', 'unspecified'],
  ['240.0.0.1', 'reserved'],
  ['192.0.2.1', 'reserved'],
  ['::1', 'loopback'],
  ['[::1]', 'loopback'],
  ['::', 'unspecified'],
  ['fe80::1', 'linkLocal'],
  ['fc00::1', 'uniqueLocal'],
  ['fd00:ec2::254', 'metadata'],
  ['ff02::1', 'multicast'],
  ['::ffff:127.0.0.1', 'loopback'],
  ['::ffff:7f00:1', 'loopback'],
  ['::ffff:169.254.169.254', 'metadata'],
  ['::ffff:10.0.0.1', 'private'],
  ['::7f00:1', 'loopback'],
  ['64:ff9b::10.0.0.1', 'private'],
  ['64:ff9b::7f00:1', 'loopback'],
  ['64:ff9b:1::1', 'nat64Local'],
  ['2002:7f00:1::', 'loopback'],
  ['2001:db8::1', 'reserved'],
];

describe('classifyAddress', () => {
  it.each(refused)('refuses %s as %s', (address, category) => {
    const verdict = classifyAddress(address);
    expect(verdict.allowed).toBe(false);
    if (!verdict.allowed) expect(verdict.category).toBe(category);
  });

  it.each(['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808'])(
    'allows the public address %s',
    (address) => {
      expect(classifyAddress(address).allowed).toBe(true);
    },
  );

  it('says which address and why, naming the normalised form of an odd spelling', () => {
    const verdict = classifyAddress('2130706433');
    expect(verdict).toMatchObject({ allowed: false, address: '127.0.0.1' });
    if (!verdict.allowed)
      expect(verdict.reason).toBe('2130706433 (= 127.0.0.1) is a loopback address (this machine itself)');
  });

  it('explains an embedded IPv4 address', () => {
    const verdict = classifyAddress('::ffff:10.1.2.3');
    if (verdict.allowed) throw new Error('expected a refusal');
    expect(verdict.reason).toContain('IPv4-mapped IPv6 form of 10.1.2.3');
  });

  it('refuses text that is not an address', () => {
    expect(classifyAddress('example.com').allowed).toBe(false);
  });
});

describe('createAllowList', () => {
  const list = createAllowList(['10.20.0.0/16', 'api.corp.example', '*.intranet.example', '::1', '127.0.0.1']);

  it('matches CIDR ranges, single addresses and their mapped IPv6 forms', () => {
    expect(list.allowsAddress('10.20.3.4')).toBe(true);
    expect(list.allowsAddress('10.21.0.1')).toBe(false);
    expect(list.allowsAddress('::ffff:10.20.0.9')).toBe(true);
    expect(list.allowsAddress('::1')).toBe(true);
    expect(list.allowsAddress('127.0.0.2')).toBe(false);
  });

  it('matches exact host names and wildcard suffixes', () => {
    expect(list.allowsHost('API.corp.example')).toBe(true);
    expect(list.allowsHost('x.intranet.example')).toBe(true);
    expect(list.allowsHost('intranet.example.evil.com')).toBe(false);
    expect(list.allowsHost('corp.example')).toBe(false);
  });

  it('rejects entries it cannot understand, saying which', () => {
    expect(() => createAllowList(['10.0.0.0/99'])).toThrow('"10.0.0.0/99"');
    expect(() => createAllowList(['http://x'])).toThrow('"http://x"');
  });
});
