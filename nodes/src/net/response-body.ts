import { TailorError } from '@tailor/runtime';

interface BodyStream extends AsyncIterable<Uint8Array> {
  destroy(error?: Error): void;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** Closes a body we no longer want; undici reports that as an error nobody needs to hear. */
export function discard(body: BodyStream): void {
  body.on('error', () => {});
  body.destroy();
}

/** Reads a body stream, stopping (and closing it) as soon as it passes the size limit. */
export async function readLimited(body: BodyStream, maxBytes: number, url: string): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      discard(body);
      throw tooLarge(url, maxBytes);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

export function tooLarge(url: string, maxBytes: number): TailorError {
  return new TailorError(
    'HTTP_RESPONSE_TOO_LARGE',
    `${url} sent more than ${maxBytes.toLocaleString('en')} bytes; raise the node's size limit or ask for less data.`,
    { url, maxBytes },
  );
}

/** The charset a Content-Type names (Chinese sites still send GBK), defaulting to UTF-8. */
export function decodeText(bytes: Uint8Array, contentType: string | undefined): string {
  const charset = /charset\s*=\s*"?([\w-]+)/i.exec(contentType ?? '')?.[1]?.toLowerCase() ?? 'utf-8';
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}
