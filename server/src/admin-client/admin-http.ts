/** The error body every API route answers with (see http/error-handler.ts). */
export interface ApiErrorBody {
  error?: { code?: string; message?: string; problems?: Array<{ path: (string | number)[]; message: string }> };
}

export interface AdminReply<T> {
  status: number;
  /** The parsed JSON body (undefined when empty), with the error fields a refusal carries. */
  body: T & ApiErrorBody;
}

export type AdminCall = <T>(method: string, path: string, body?: unknown) => Promise<AdminReply<T>>;

/**
 * Calls a running server's API with an admin token (`ta_…`): JSON in and out. It says plainly when
 * the server cannot be reached or answers something that is not JSON (a proxy's error page); what
 * a status means is the caller's to decide.
 */
export function adminHttp(server: string, token: string): { base: string; call: AdminCall } {
  const base = server.replace(/\/+$/, '');
  const call: AdminCall = async <T>(method: string, path: string, body?: unknown) => {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (thrown) {
      throw new Error(
        `Cannot reach the server at ${base}: ${thrown instanceof Error ? thrown.message : String(thrown)}`,
      );
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      throw new Error(
        `The server at ${base} answered ${response.status} to ${method} ${path} with something that is not JSON.`,
      );
    }
    return { status: response.status, body: parsed as T & ApiErrorBody };
  };
  return { base, call };
}
