const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:', 'tel:']);

/**
 * The absolute http(s)/mailto/tel URL a link may point to, or undefined. Parsing with `URL` first
 * means tricks such as `java\nscript:` or `JaVaScRiPt:` are judged after the browser's own
 * normalisation; relative links are refused because a model answer has no base to resolve against.
 */
export function safeLinkUrl(raw: string): string | undefined {
  try {
    const url = new URL(raw.trim());
    return LINK_PROTOCOLS.has(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const IMAGE_DATA = /^data:image\/(png|jpeg|gif|webp);base64,[a-z0-9+/=]+$/i;

/** An avatar image source: http(s) (relative to `base`) or an inline raster image (never SVG markup). */
export function safeImageUrl(raw: string | undefined, base: string): string | undefined {
  if (!raw) return undefined;
  const value = raw.trim();
  if (IMAGE_DATA.test(value)) return value;
  try {
    const url = new URL(value, base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
