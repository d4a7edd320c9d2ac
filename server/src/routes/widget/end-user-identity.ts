import { errors, jwtVerify } from 'jose';
import { z } from 'zod';
import { HttpError } from '../../http/http-error.js';

/** The header the widget sends the host page's signed identity in (`user-token` attribute). */
export const USER_TOKEN_HEADER = 'x-tailor-user';

/** Who the visitor is, as the host page vouched for them; kept with the run. */
export const EndUserSchema = z.object({
  id: z.string().min(1).max(200),
  name: z.string().max(200).optional(),
  email: z.string().max(320).optional(),
});
export type EndUser = z.output<typeof EndUserSchema>;

const ClaimsSchema = z.object({
  sub: z.string().min(1).max(200),
  name: z.string().max(200).optional(),
  email: z.string().max(320).optional(),
});

/** Shorter secrets make HS256 guessable offline; RFC 7518 asks for at least the hash size. */
const MIN_SECRET_BYTES = 32;

function refuse(detail: string): HttpError {
  return new HttpError(
    401,
    'AUTH_REQUIRED',
    `The signed user identity (${USER_TOKEN_HEADER} header) is not valid: ${detail}`,
  );
}

/**
 * Verifies an HS256 JWT from the host page: the signature with the shared secret, `exp` required,
 * `nbf`/`iat` honoured with 30 s of clock skew, `sub` required. Only HS256 is accepted, so a token
 * cannot choose `none` or another algorithm.
 */
export async function verifyEndUser(token: string, secret: string): Promise<EndUser> {
  const key = new TextEncoder().encode(secret);
  if (key.byteLength < MIN_SECRET_BYTES) {
    throw new HttpError(
      500,
      'SERVER_ERROR',
      `The widget identity secret must be at least ${MIN_SECRET_BYTES} bytes long.`,
    );
  }
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: ['HS256'],
      requiredClaims: ['sub', 'exp'],
      clockTolerance: 30,
    });
    const claims = ClaimsSchema.safeParse(payload);
    if (!claims.success) throw refuse('the claims sub, name and email must be short strings');
    return {
      id: claims.data.sub,
      ...(claims.data.name ? { name: claims.data.name } : {}),
      ...(claims.data.email ? { email: claims.data.email } : {}),
    };
  } catch (error) {
    if (error instanceof HttpError) throw error;
    if (error instanceof errors.JWTExpired) throw refuse('it has expired; the page must fetch a fresh one');
    if (error instanceof errors.JWTClaimValidationFailed) throw refuse(`claim "${error.claim}" ${error.reason}`);
    if (error instanceof errors.JOSEAlgNotAllowed) throw refuse('it must be signed with HS256');
    throw refuse('the signature does not match the shared secret, or it is not a JWT');
  }
}
