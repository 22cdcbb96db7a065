/**
 * Stored text keeps out the C0 controls but tab, line feed and carriage return, and DEL: Postgres
 * text refuses NUL, and the rest only garbles a page or a mail. One rule for every way text comes in
 * (the API's text fields, a mail's body).
 */
export function withoutControls(s: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "");
}
