/** A stylesheet of the shadow root whose text can be replaced (the theme changes with settings). */
export interface StyleSlot {
  set(css: string): void;
}

/**
 * Adds a stylesheet to a shadow root as a constructable sheet where the browser has them: those
 * are not inline styles, so the widget keeps its looks on pages whose Content-Security-Policy
 * forbids `'unsafe-inline'` styles. Older browsers get a `<style>` element.
 */
export function addStyles(shadow: ShadowRoot, css: string): StyleSlot {
  const view = shadow.ownerDocument.defaultView;
  if (
    view &&
    Array.isArray(shadow.adoptedStyleSheets) &&
    typeof view.CSSStyleSheet?.prototype.replaceSync === 'function'
  ) {
    try {
      const sheet = new view.CSSStyleSheet();
      sheet.replaceSync(css);
      shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];
      return { set: (text) => sheet.replaceSync(text) };
    } catch {
      // fall through to a style element
    }
  }
  const style = shadow.ownerDocument.createElement('style');
  style.textContent = css;
  shadow.appendChild(style);
  return {
    set: (text) => {
      style.textContent = text;
    },
  };
}
