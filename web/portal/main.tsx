/** The portal's entry: picks the language (saved choice, else the browser's) and mounts the app. */
import { render } from "preact";
import { createApi } from "../shared/api";
import { chooseLang } from "../shared/i18n";
import { browserLanguages, readStored, store } from "../shared/storage";
import { App } from "./App";
import "../shared/base.css";
import "./portal.css";

const LANG_KEY = "tidings.portal.lang";

const browserLangs = browserLanguages();
render(
  <App api={createApi()} initialLang={chooseLang(readStored(LANG_KEY), browserLangs)} browserLangs={browserLangs} onLang={(l) => store(LANG_KEY, l)} />,
  document.getElementById("app")!,
);
