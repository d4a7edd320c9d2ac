/** The widget's few icons as 24×24 stroke paths, built as SVG elements (no markup parsing anywhere). */
export const ICONS = {
  chat: 'M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z',
  close: 'M18 6 6 18M6 6l12 12',
  down: 'm6 9 6 6 6-6',
  send: 'M12 19V5M5 12l7-7 7 7',
  stop: 'M7 7h10v10H7z',
  reset: 'M3 12a9 9 0 1 0 3-6.7L3 8M3 3v5h5',
} as const;

const SVG = 'http://www.w3.org/2000/svg';

export function icon(doc: Document, name: keyof typeof ICONS, size = 20): SVGSVGElement {
  const svg = doc.createElementNS(SVG, 'svg');
  const path = doc.createElementNS(SVG, 'path');
  for (const [attribute, value] of [
    ['viewBox', '0 0 24 24'],
    ['width', String(size)],
    ['height', String(size)],
    ['fill', name === 'stop' ? 'currentColor' : 'none'],
    ['stroke', 'currentColor'],
    ['stroke-width', '2'],
    ['stroke-linecap', 'round'],
    ['stroke-linejoin', 'round'],
    ['aria-hidden', 'true'],
    ['focusable', 'false'],
  ]) {
    svg.setAttribute(attribute as string, value as string);
  }
  path.setAttribute('d', ICONS[name]);
  svg.appendChild(path);
  return svg;
}
