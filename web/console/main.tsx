/** The console's entry: picks the language (saved choice, else the browser's) and mounts the app. */
import { render } from "preact";
import { createConsoleApi } from "./api";
import { App } from "./App";
import { chooseLang, type Lang } from "./i18n";
import "../shared/base.css";
import "./console.css";

const LANG_KEY = "tidings.console.lang";
/** How often the queue polls, in ms; an operator (or a test) may shorten it, never below 1 s. */
const POLL_KEY = "tidings.console.pollMs";

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function save(lang: Lang): void {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
}

const poll = Number(read(POLL_KEY));
const browserLangs = navigator.languages?.length ? navigator.languages : [navigator.language];
render(
  <App api={createConsoleApi()} initialLang={chooseLang(read(LANG_KEY), browserLangs)} browserLangs={browserLangs} onLang={save}
    pollMs={Number.isFinite(poll) && poll >= 1000 ? poll : 10_000} />,
  document.getElementById("app")!,
);
