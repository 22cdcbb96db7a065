/**
 * The deflection step in the dialog (issue 16), in plain DOM: this chunk carries no Preact, so it
 * stays small (its own budget: 4 KB gzip). The dialog leaves an empty slot (#tdg-kb, under the
 * description) that Preact never fills; the list and the documentation link field live there. An
 * opened article takes the form's place in the dialog; the form is only hidden, so "Back to my
 * report" finds every word where it was. The dialog unmounts when closed and its slot comes back
 * with it, so a MutationObserver puts our nodes back into each new slot.
 */
import { SUGGEST_TEXTS } from "../../shared/i18n/suggestions";
import { HTTP_URL_PATTERN, LIMITS, PRODUCT_VERSION_PATTERN } from "../../shared/limits";
import type { Host } from "../types";
import type { KbArticleRead } from "../../shared/api/kb";
import type { KbClient } from "./api";
import { suggester, type Suggestion } from "./model";

type Attrs = Record<string, string>;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...kids: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...kids);
  return e;
}

/** The search's snippet is escaped text with <mark>s: rebuilt as nodes, never parsed as HTML. */
function snippetNodes(html: string): Node[] {
  const decode = (s: string) => s.replace(/&(lt|gt|quot|amp);/g, (_, n: string) => ({ lt: "<", gt: ">", quot: '"', amp: "&" })[n]!);
  return html.split(/(<mark>[^<]*<\/mark>)/).filter(Boolean)
    .map((part) => (part.startsWith("<mark>") ? el("mark", {}, decode(part.slice(6, -7))) : document.createTextNode(decode(part))));
}

type HtmlPolicy = { createHTML(s: string): string };
let policy: HtmlPolicy | null = null;

/** The article's HTML is rendered and sanitised by the server; a page enforcing Trusted Types needs a policy to take it. */
function setHtml(e: HTMLElement, html: string): void {
  try {
    e.innerHTML = html;
  } catch (err) {
    const tt = (window as unknown as { trustedTypes?: { createPolicy(n: string, r: HtmlPolicy): HtmlPolicy } }).trustedTypes;
    if (!tt) throw err;
    policy ??= tt.createPolicy("tidings-kb", { createHTML: (s) => s });
    e.innerHTML = policy.createHTML(html);
  }
}

export interface SuggestPanel {
  /** Closes the dialog (as its × does). */
  close(): void;
}

type Texts = (typeof SUGGEST_TEXTS)["en"];

/** "Link to the documentation or discussion you already read" (SLA 1.2), checked as the server checks it. */
function docLinkField(t: Texts) {
  const input = el("input", { type: "url", id: "tdg-doclink", name: "docLink", inputmode: "url", maxlength: String(LIMITS.url), "aria-describedby": "tdg-doclink-hint" });
  const error = el("span", { class: "error", id: "tdg-doclink-error", hidden: "" }, t.docLinkInvalid);
  const node = el("div", { class: "field" },
    el("div", { class: "label" }, el("label", { for: "tdg-doclink" }, t.docLink)), input,
    el("span", { class: "hint", id: "tdg-doclink-hint" }, t.docLinkHint), error);
  const check = () => {
    const bad = Boolean(input.value.trim()) && !HTTP_URL_PATTERN.test(input.value.trim());
    error.hidden = !bad;
    if (bad) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
    input.setAttribute("aria-describedby", bad ? "tdg-doclink-hint tdg-doclink-error" : "tdg-doclink-hint");
  };
  input.addEventListener("change", check);
  input.addEventListener("input", () => error.hidden || check());
  return {
    node,
    value: () => input.value.trim(),
    clear() {
      input.value = "";
      check();
    },
  };
}

/** One article in the form's place: loading, then its sanitised HTML, with "solved" and "back". */
function articleView(t: Texts, host: Host, s: Suggestion, on: { back(): void; solved(): void }) {
  const heading = el("h3", { id: "tdg-kb-title", tabindex: "-1" }, s.title);
  const body = el("div", { class: "kb-body" }, el("p", { role: "status" }, t.loading));
  const solved = el("button", { type: "button", class: "primary" }, t.solved);
  const back = el("button", { type: "button" }, t.back);
  const page = el("a", { href: new URL(s.url, host.apiBase).href, target: "_blank", rel: "noopener" }, t.openPage);
  const node = el("section", { class: "kb-article", "aria-labelledby": "tdg-kb-title" },
    el("div", { class: "body" }, heading, body, el("p", {}, page)), el("div", { class: "foot" }, back, solved));
  back.addEventListener("click", () => on.back());
  solved.addEventListener("click", () => {
    solved.disabled = true;
    on.solved();
  });
  return {
    node,
    focus: () => heading.focus(),
    show(a: KbArticleRead) {
      heading.textContent = a.title;
      setHtml(body, a.html);
      // The article's own links lead to the help center, in a new tab: the report stays here.
      for (const x of body.querySelectorAll("a[href]")) {
        x.setAttribute("href", new URL(x.getAttribute("href")!, host.apiBase).href);
        x.setAttribute("target", "_blank");
        x.setAttribute("rel", "noopener");
      }
      for (const img of body.querySelectorAll("img[src]")) img.setAttribute("src", new URL(img.getAttribute("src")!, host.apiBase).href);
    },
    failed: () => body.replaceChildren(el("p", { class: "error" }, t.loadFailed)),
    /** The end of the dialog without a ticket. */
    thank(close: () => void) {
      const button = el("button", { type: "button", class: "primary" }, t.close);
      const title = el("h3", { id: "tdg-kb-title", tabindex: "-1" }, t.thanksTitle);
      node.replaceChildren(el("div", { class: "body", role: "status" }, title, el("p", {}, t.thanks)), el("div", { class: "foot" }, button));
      button.addEventListener("click", close);
      title.focus();
    },
  };
}

/** The list of suggestions: a polite live region, so a screen reader hears that articles appeared without losing its place. */
function suggestionList(t: Texts, host: Host, open: (s: Suggestion, link: HTMLElement) => void) {
  const status = el("p", { class: "visually-hidden" });
  const items = el("ul", { "aria-labelledby": "tdg-kb-head" });
  const list = el("div", { class: "kb-list", hidden: "" }, el("p", { class: "kb-head", id: "tdg-kb-head" }, t.heading), items);
  return {
    node: el("div", { "aria-live": "polite" }, status, list),
    render(results: Suggestion[]) {
      items.replaceChildren(...results.map((r) => {
        const a = el("a", { href: new URL(r.url, host.apiBase).href }, r.title);
        a.addEventListener("click", (e) => {
          if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
          e.preventDefault();
          open(r, a);
        });
        return el("li", {}, a, el("span", { class: "kb-snip" }, ...snippetNodes(r.snippet)));
      }));
      list.hidden = !results.length;
      status.textContent = results.length ? t.found(results.length) : "";
    },
  };
}

type ById = <T extends HTMLElement>(id: string) => T | null;

/** The page's locale, and the edition and version as the form says now (prefilled from the tag and set()). */
function filterOf(host: Host, byId: ById) {
  const edition = byId<HTMLSelectElement>("tdg-edition")?.value || host.tag.edition;
  const version = (byId<HTMLInputElement>("tdg-version")?.value || host.tag.productVersion).trim();
  return { locale: host.lang, edition: edition || undefined, version: PRODUCT_VERSION_PATTERN.test(version) ? version : undefined };
}

/** After "This solved my problem": the report's words are cleared, as after sending one. */
function clearReport(byId: ById) {
  for (const id of ["tdg-description", "tdg-steps"]) {
    const box = byId<HTMLTextAreaElement>(id);
    if (!box) continue;
    box.value = "";
    // Through the form's own input handling, so the dialog's state forgets the words too.
    box.dispatchEvent(new Event("input", { bubbles: true }));
  }
}

export function startSuggestions(host: Host, panel: SuggestPanel, api: KbClient) {
  const t = SUGGEST_TEXTS[host.lang];
  const root = host.shadow;
  const byId: ById = <T extends HTMLElement>(id: string) => root.getElementById(id) as T | null;
  const locale = host.lang;
  const link = docLinkField(t);
  const list = suggestionList(t, host, (s, a) => void openArticle(s, a));
  const model = suggester({
    search: (q, signal) => api.search(q, filterOf(host, byId), signal),
    onResults: (r) => list.render(r),
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (h) => clearTimeout(h as number),
  });

  // The article view, in the form's place; the form is hidden, not removed, so its words stay.
  let view: HTMLElement | null = null;
  const closeView = () => {
    view?.remove();
    view = null;
    const f = byId<HTMLFormElement>("tdg-form");
    if (f) f.hidden = false;
  };

  async function openArticle(s: Suggestion, opener: HTMLElement) {
    model.opened(s.slug);
    const f = byId<HTMLFormElement>("tdg-form");
    if (!f) return;
    closeView();
    const v = articleView(t, host, s, {
      back() {
        closeView();
        (opener.isConnected ? opener : byId("tdg-description"))?.focus();
      },
      solved() {
        // Counted if it can be; the user's problem is solved either way.
        void api.deflected(locale, s.slug).catch(() => undefined).then(() => {
          if (view !== v.node) return;
          clearReport(byId);
          link.clear();
          model.reset();
          v.thank(() => {
            closeView();
            panel.close();
          });
        });
      },
    });
    view = v.node;
    f.hidden = true;
    f.after(v.node);
    v.focus();
    await api.article(locale, s.slug).then((a) => v.show(a), () => v.failed());
  }

  // Into each new slot the dialog renders; a slot under an empty description starts a new report.
  let slot: HTMLElement | null = null;
  const place = () => {
    const s = byId("tdg-kb");
    if (!s || s === slot) return;
    slot = s;
    if (view && !view.isConnected) view = null;
    const text = byId<HTMLTextAreaElement>("tdg-description")?.value ?? "";
    if (!text.trim()) {
      model.reset();
      link.clear();
    }
    s.append(list.node, link.node);
    model.input(text);
  };
  new MutationObserver(place).observe(root, { childList: true, subtree: true });
  place();
  // On the root, not the box: the box is a new element each time the dialog is opened.
  root.addEventListener("input", (e) => (e.target as HTMLElement).id === "tdg-description" && model.input((e.target as HTMLTextAreaElement).value));

  return {
    /** What the report adds: the articles met, and the link when there is one (the server checks it). */
    fields: (): Record<string, string> => {
      const { shown, opened } = model.seen();
      const out: Record<string, string> = {};
      if (shown.length) out.kbShown = shown.slice(0, 20).join(",");
      if (opened.length) out.kbOpened = opened.slice(0, 20).join(",");
      const doc = link.value();
      if (doc) out.docLink = doc;
      return out;
    },
  };
}
