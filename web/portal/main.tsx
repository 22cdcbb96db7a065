/** The portal's entry: picks the language (saved choice, else the browser's) and mounts the app. */
import { render } from "preact";
import { createApi } from "../shared/api";
import { chooseLang, type Lang } from "../shared/i18n";
import { App } from "./App";
import "../shared/base.css";
import "./portal.css";

const LANG_KEY = "tidings.portal.lang";

function saved(): string | null {
  try {
    return localStorage.getItem(LANG_KEY);
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

const browserLangs = navigator.languages?.length ? navigator.languages : [navigator.language];
render(
  <App api={createApi()} initialLang={chooseLang(saved(), browserLangs)} browserLangs={browserLangs} onLang={save} />,
  document.getElementById("app")!,
);
