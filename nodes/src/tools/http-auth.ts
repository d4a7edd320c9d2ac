import type { ServiceRegistry } from '@tailor/runtime';
import { TailorError } from '@tailor/runtime';
import { type Credential, CredentialsService } from '../services/credentials.js';

/** What a stored credential adds to a request, and the values that must be masked afterwards. */
export interface AppliedAuth {
  headers: Record<string, string>;
  query: Record<string, string>;
  secrets: string[];
}

const NONE: AppliedAuth = { headers: {}, query: {}, secrets: [] };

function needKey(credential: Credential): string {
  if (!credential.apiKey) {
    throw new TailorError('CREDENTIAL_MISSING', `The credential "${credential.id}" has no API key or token stored.`);
  }
  return credential.apiKey;
}

/** How each credential kind presents itself on an HTTP request. */
export function authFromCredential(credential: Credential): AppliedAuth {
  const custom = credential.headers ?? {};
  const base = { headers: { ...custom }, query: {}, secrets: Object.values(custom) };
  switch (credential.kind) {
    case 'bearer': {
      const key = needKey(credential);
      return { ...base, headers: { ...base.headers, authorization: `Bearer ${key}` }, secrets: [...base.secrets, key] };
    }
    case 'api-key':
    case 'header': {
      const key = needKey(credential);
      const name = credential.name ?? 'X-API-Key';
      return { ...base, headers: { ...base.headers, [name]: key }, secrets: [...base.secrets, key] };
    }
    case 'query': {
      const key = needKey(credential);
      return { ...base, query: { [credential.name ?? 'api_key']: key }, secrets: [...base.secrets, key] };
    }
    case 'basic': {
      const user = credential.username ?? '';
      const password = credential.password ?? '';
      const token = Buffer.from(`${user}:${password}`).toString('base64');
      const headers = { ...base.headers, authorization: `Basic ${token}` };
      return { ...base, headers, secrets: [...base.secrets, token, password].filter(Boolean) };
    }
  }
}

/** Looks the credential up by id; no id means no authentication. */
export async function resolveAuth(services: ServiceRegistry, credentialId: string | undefined): Promise<AppliedAuth> {
  if (!credentialId) return NONE;
  const credential = await services.get(CredentialsService).get(credentialId);
  if (!credential) {
    throw new TailorError('CREDENTIAL_MISSING', `No stored credential has the id "${credentialId}".`);
  }
  return authFromCredential(credential);
}
