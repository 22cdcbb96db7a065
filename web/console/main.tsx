/** The console's entry: picks the language (saved choice, else the browser's) and mounts the app. */
import { render } from "preact";
import { browserLanguages, readStored, store } from "../shared/storage";
import { createConsoleApi } from "./api";
import { App } from "./App";
import { chooseLang } from "./i18n";
import "../shared/base.css";
import "./console.css";
import "./kb.css";

const LANG_KEY = "tidings.console.lang";
/** How often the queue polls, in ms; an operator (or a test) may shorten it, never below 1 s. */
const POLL_KEY = "tidings.console.pollMs";

const poll = Number(readStored(POLL_KEY));
const browserLangs = browserLanguages();
render(
  <App api={createConsoleApi()} initialLang={chooseLang(readStored(LANG_KEY), browserLangs)} browserLangs={browserLangs} onLang={(l) => store(LANG_KEY, l)}
    pollMs={Number.isFinite(poll) && poll >= 1000 ? poll : 10_000} />,
  document.getElementById("app")!,
);
