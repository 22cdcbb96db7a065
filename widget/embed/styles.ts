/**
 * Puts CSS into the shadow root. Constructable stylesheets are not subject to CSP's style-src, so
 * a page without 'unsafe-inline' still styles the widget; the <style> fallback (older browsers)
 * carries the page's nonce.
 */
export function adoptStyles(shadow: ShadowRoot, css: string, nonce: string): void {
  if ("adoptedStyleSheets" in shadow && typeof CSSStyleSheet.prototype.replaceSync === "function") {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];
    return;
  }
  const style = document.createElement("style");
  if (nonce) style.nonce = nonce;
  style.textContent = css;
  shadow.prepend(style);
}
