/**
 * The suggestions chunk (issue 16, the deflection step): loaded by the dialog when it first opens,
 * beside it rather than in it, so the dialog chunk stays within its budget. Plain DOM, no Preact.
 */
import { announce } from "../chunk";
import type { SuggestModule } from "../types";
import { kbClient } from "./api";
import { startSuggestions } from "./view";
import css from "./suggest.css?inline";

announce({
  start(host, panel) {
    host.adoptStyles(css);
    return startSuggestions(host, panel, kbClient(host.apiBase, host.tag.siteKey)).fields;
  },
} satisfies SuggestModule);
