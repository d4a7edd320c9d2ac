import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import type { RequestHandler } from 'express';

interface Bundle {
  version: string;
  etag: string;
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
}

/**
 * Serves the built widget (`editor/dist/widget.js`) to any site: compressed once per build
 * (brotli or gzip, as the browser accepts), revalidated by ETag, cached five minutes and served
 * stale for a day while revalidating — so a new build reaches every site within minutes without
 * a versioned URL in the snippet. `Cross-Origin-Resource-Policy` lets pages with COEP embed it.
 */
export function serveWidgetBundle(file: string): RequestHandler {
  let bundle: Bundle | undefined;
  const load = async (): Promise<Bundle | undefined> => {
    const info = await stat(file).catch(() => undefined);
    if (!info) return undefined;
    const version = `${info.size}-${info.mtimeMs}`;
    if (bundle?.version === version) return bundle;
    const identity = await readFile(file);
    bundle = {
      version,
      etag: `"${createHash('sha256').update(identity).digest('base64url').slice(0, 27)}"`,
      identity,
      gzip: gzipSync(identity, { level: 9 }),
      br: brotliCompressSync(identity, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }),
    };
    return bundle;
  };
  return async (req, res, next) => {
    try {
      const current = await load();
      if (!current) {
        res.status(404).type('text/plain').send('The chat widget is not built yet: run `npm run build -w editor`.');
        return;
      }
      res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
      res.setHeader('Cache-Control', 'public, max-age=300, stale-while-revalidate=86400');
      res.setHeader('ETag', current.etag);
      res.setHeader('Vary', 'Accept-Encoding');
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
      if (req.headers['if-none-match'] === current.etag) {
        res.status(304).end();
        return;
      }
      const encoding = req.acceptsEncodings('br', 'gzip', 'identity');
      const body = encoding === 'br' ? current.br : encoding === 'gzip' ? current.gzip : current.identity;
      if (encoding === 'br' || encoding === 'gzip') res.setHeader('Content-Encoding', encoding);
      res.setHeader('Content-Length', String(body.length));
      res.status(200).end(req.method === 'HEAD' ? undefined : body);
    } catch (error) {
      next(error);
    }
  };
}
