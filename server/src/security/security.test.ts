import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteStorage } from '../storage/sqlite/sqlite-storage.js';
import { CredentialVault, maskSecret } from './credential-vault.js';
import { hashPassword, verifyPassword } from './password.js';
import { createSecretBox, loadSecretKey } from './secret-box.js';

const dir = mkdtempSync(join(tmpdir(), 'tailor-security-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('secret box', () => {
  const box = createSecretBox(Buffer.alloc(32, 7));

  it('seals with a fresh nonce each time and opens what it sealed', () => {
    const a = box.seal('sk-secret');
    expect(a).not.toContain('sk-secret');
    expect(box.seal('sk-secret')).not.toBe(a);
    expect(box.open(a)).toBe('sk-secret');
  });

  it('refuses a tampered value', () => {
    const sealed = box.seal('sk-secret').split('.');
    sealed[3] = Buffer.from('sk-sEcret').toString('base64');
    expect(() => box.open(sealed.join('.'))).toThrow();
  });

  it('creates the key file once, readable by its owner only', () => {
    const file = join(dir, 'keys', 'secret.key');
    const key = loadSecretKey(undefined, file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadSecretKey(undefined, file).equals(key)).toBe(true);
    expect(readFileSync(file, 'utf8').trim()).toHaveLength(64);
  });

  it('prefers TAILOR_SECRET_KEY and explains a malformed one', () => {
    expect(loadSecretKey('ab'.repeat(32), join(dir, 'unused.key'))).toEqual(Buffer.alloc(32, 0xab));
    expect(() => loadSecretKey('short', join(dir, 'unused.key'))).toThrow(/64 hex characters/);
  });
});

describe('credential vault', () => {
  it('stores credentials sealed and shows them masked', async () => {
    const storage = createSqliteStorage(join(dir, 'vault'));
    const vault = new CredentialVault(storage.credentials, createSecretBox(Buffer.alloc(32, 1)));
    const summary = await vault.put({ id: 'openai', kind: 'api-key', apiKey: 'sk-proj-1234567890abcd' }, 5);
    expect(summary.masked).toEqual({ apiKey: 'sk-…abcd' });
    expect(JSON.stringify(await storage.credentials.get('openai'))).not.toContain('1234567890');
    expect((await vault.get('openai'))?.apiKey).toBe('sk-proj-1234567890abcd');
    expect(await vault.secrets()).toEqual(['sk-proj-1234567890abcd']);
    await storage.close();
  });

  it('masks short secrets completely', () => {
    expect(maskSecret('abc')).toBe('…');
  });
});

describe('admin password', () => {
  it('verifies the right password only', async () => {
    const hash = await hashPassword('correct horse');
    expect(hash.startsWith('scrypt$')).toBe(true);
    expect(await verifyPassword('correct horse', hash)).toBe(true);
    expect(await verifyPassword('wrong horse', hash)).toBe(false);
  });
});
