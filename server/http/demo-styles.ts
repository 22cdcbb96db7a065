/**
 * The stylesheet of the demo control panel at `/`, served as /demo/panel.css: the page has a
 * strict CSP (style-src 'self'), so it carries no inline style at all. It plays a typical product
 * admin panel: top bar, side navigation, cards.
 */
export const PANEL_CSS = `
:root { color-scheme: light; --ink: #1f2937; --muted: #5b6472; --line: #e3e7ee; --brand: #0f766e; --nav: #111827; }
* { box-sizing: border-box; }
html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; font-size: 15px; line-height: 1.5; color: var(--ink); background: #f4f6f9; }
body { margin: 0; }
a { color: #0b5f59; }
.topbar { display: flex; align-items: center; gap: 16px; height: 56px; padding: 0 20px; background: var(--nav); color: #e5e7eb; }
.logo { display: flex; align-items: center; gap: 10px; font-weight: 700; color: #fff; text-decoration: none; font-size: 16px; }
.logo-mark { display: grid; place-items: center; width: 30px; height: 30px; border-radius: 7px; background: var(--brand); color: #fff; font-size: 14px; }
.site { padding: 3px 10px; border-radius: 999px; background: #1f2937; color: #cbd5e1; font-size: 13px; }
.spacer { flex: 1; }
.user { display: flex; align-items: center; gap: 8px; font-size: 14px; color: #d1d5db; }
.avatar { display: grid; place-items: center; width: 30px; height: 30px; border-radius: 50%; background: #374151; color: #fff; font-weight: 700; font-size: 13px; }
.layout { display: grid; grid-template-columns: 220px 1fr; min-height: calc(100vh - 56px); }
.side { background: #fff; border-right: 1px solid var(--line); padding: 16px 10px; }
.side h2 { margin: 16px 10px 6px; font-size: 12px; letter-spacing: .06em; text-transform: uppercase; color: var(--muted); }
.side ul { list-style: none; margin: 0; padding: 0; }
.side a { display: block; padding: 7px 10px; border-radius: 6px; color: var(--ink); text-decoration: none; font-size: 14px; }
.side a:hover { background: #f1f5f9; }
.side a[aria-current="page"] { background: #e6f4f2; color: #0b5f59; font-weight: 600; }
main { padding: 24px 28px 96px; min-width: 0; }
.crumbs { margin: 0; color: var(--muted); font-size: 13px; }
h1 { margin: 2px 0 18px; font-size: 24px; line-height: 1.25; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 14px; margin-bottom: 18px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px; }
.card .label { margin: 0; color: var(--muted); font-size: 13px; }
.card .value { margin: 2px 0 0; font-size: 22px; font-weight: 700; }
.card .trend { margin: 0; font-size: 12px; color: #047857; }
.grid2 { display: grid; grid-template-columns: 2fr 1fr; gap: 14px; }
.panel { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 16px 18px; margin-bottom: 14px; min-width: 0; }
.panel h2 { margin: 0 0 10px; font-size: 16px; }
table { width: 100%; border-collapse: collapse; font-size: 14px; }
th, td { text-align: left; padding: 8px 6px; border-bottom: 1px solid var(--line); }
th { color: var(--muted); font-weight: 600; font-size: 13px; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 12px; font-weight: 600; }
.ok { background: #dcfce7; color: #166534; } .wait { background: #fef9c3; color: #854d0e; } .bad { background: #fee2e2; color: #991b1b; }
dl.sys { display: grid; grid-template-columns: auto 1fr; gap: 6px 14px; margin: 0; font-size: 14px; }
dl.sys dt { color: var(--muted); } dl.sys dd { margin: 0; font-weight: 600; }
.update { border-left: 4px solid #d97706; background: #fffbeb; }
.about { border-left: 4px solid var(--brand); }
.about p { margin: 0 0 8px; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
pre { margin: 8px 0 0; padding: 10px 12px; background: #0f172a; color: #e2e8f0; border-radius: 8px; overflow-x: auto; white-space: pre-wrap; word-break: break-all; }
.links { margin: 8px 0 0; padding-left: 18px; }
@media (max-width: 820px) {
  .layout { grid-template-columns: 1fr; }
  .side { display: none; }
  .grid2 { grid-template-columns: 1fr; }
  .site, .user span { display: none; }
  main { padding: 16px 14px 96px; }
}
`;

/** /demo/panel.js: what the product's own code does once its admin is signed in (CONTRACT §9 set()). */
export const PANEL_JS = `"use strict";
if (window.Tidings) {
  window.Tidings.set({ email: "admin@shop.example", name: "Shop Admin" });
}
`;
