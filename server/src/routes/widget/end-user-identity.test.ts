import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { verifyEndUser } from './end-user-identity.js';

const SECRET = 'a-shared-secret-of-at-least-32-bytes!';

function sign(
  claims: Record<string, unknown>,
  options: { secret?: string; expires?: string | number; alg?: string } = {},
) {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: options.alg ?? 'HS256' }).setIssuedAt();
  if (options.expires !== undefined) jwt.setExpirationTime(options.expires);
  return jwt.sign(new TextEncoder().encode(options.secret ?? SECRET));
}

describe('verifyEndUser', () => {
  it('returns the user the host page signed for', async () => {
    const token = await sign({ sub: 'customer-42', name: '王芳', email: 'wang@shop.example' }, { expires: '10m' });
    await expect(verifyEndUser(token, SECRET)).resolves.toEqual({
      id: 'customer-42',
      name: '王芳',
      email: 'wang@shop.example',
    });
  });

  it('refuses a token signed with another secret', async () => {
    const token = await sign({ sub: 'u' }, { secret: 'another-secret-that-is-32-bytes-long!!', expires: '10m' });
    await expect(verifyEndUser(token, SECRET)).rejects.toMatchObject({ status: 401, code: 'AUTH_REQUIRED' });
  });

  it('refuses an expired token and one without expiry', async () => {
    const expired = await sign({ sub: 'u' }, { expires: Math.floor(Date.now() / 1000) - 120 });
    await expect(verifyEndUser(expired, SECRET)).rejects.toThrow(/expired/);
    const forever = await sign({ sub: 'u' });
    await expect(verifyEndUser(forever, SECRET)).rejects.toThrow(/exp/);
  });

  it('refuses a token without a subject', async () => {
    const token = await sign({ name: 'nobody' }, { expires: '10m' });
    await expect(verifyEndUser(token, SECRET)).rejects.toThrow(/sub/);
  });

  it('refuses an unsigned token and other algorithms', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const body = Buffer.from(JSON.stringify({ sub: 'admin', exp: 9_999_999_999 })).toString('base64url');
    await expect(verifyEndUser(`${header}.${body}.`, SECRET)).rejects.toMatchObject({ status: 401 });
    const hs512 = await sign({ sub: 'u' }, { alg: 'HS512', expires: '10m' });
    await expect(verifyEndUser(hs512, SECRET)).rejects.toThrow(/HS256/);
  });

  it('refuses garbage', async () => {
    await expect(verifyEndUser('not-a-jwt', SECRET)).rejects.toMatchObject({ status: 401 });
  });

  it('will not work with a short secret', async () => {
    const token = await sign({ sub: 'u' }, { secret: 'short', expires: '10m' });
    await expect(verifyEndUser(token, 'short')).rejects.toMatchObject({ status: 500 });
  });
});
