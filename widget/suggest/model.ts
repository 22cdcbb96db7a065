/**
 * The suggestions while the user describes the problem (issue 16): a search runs once typing pauses
 * (debounced), only when the text has some words, and a newer search aborts the one in flight, so
 * an answer that arrives late never replaces a newer one. It remembers which articles were shown
 * and opened, for the report. No DOM: the clock and the search come in, so tests drive it.
 */
import type { KbSearchResult } from "../../shared/api/kb";

export type Suggestion = Pick<KbSearchResult, "slug" | "title" | "snippet" | "url">;

export interface SuggestDeps {
  search(q: string, signal: AbortSignal): Promise<Suggestion[]>;
  onResults(results: Suggestion[]): void;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

/** A pause in typing this long starts a search. */
export const DEBOUNCE_MS = 400;
/** Fewer words than this are not yet a description: "Hi", "The export". */
export const MIN_WORDS = 3;
/** The most articles shown at once. */
export const MAX_SHOWN = 3;

const words = (s: string) => s.split(/\s+/).filter((w) => w.length > 1).length;

export function suggester(d: SuggestDeps) {
  let timer: unknown = null;
  let inFlight: AbortController | null = null;
  let asked = "";
  let results: Suggestion[] = [];
  const shown = new Set<string>();
  const opened = new Set<string>();

  const show = (list: Suggestion[]) => {
    results = list.slice(0, MAX_SHOWN);
    for (const r of results) shown.add(r.slug);
    d.onResults(results);
  };

  const run = async (q: string) => {
    if (q === asked) return;
    asked = q;
    inFlight?.abort();
    const mine = (inFlight = new AbortController());
    try {
      const found = await d.search(q, mine.signal);
      if (inFlight === mine) show(found);
    } catch {
      // Aborted by a newer search, or offline: the list stays as it was; the report can be sent anyway.
    } finally {
      if (inFlight === mine) inFlight = null;
    }
  };

  return {
    /** The description as it is now. */
    input(text: string) {
      if (timer !== null) d.clearTimer(timer);
      timer = null;
      const q = text.trim().replace(/\s+/g, " ");
      if (words(q) < MIN_WORDS) {
        inFlight?.abort();
        inFlight = null;
        asked = "";
        if (results.length) show([]);
        return;
      }
      timer = d.setTimer(() => {
        timer = null;
        void run(q);
      }, DEBOUNCE_MS);
    },
    opened(slug: string) {
      shown.add(slug);
      opened.add(slug);
    },
    results: () => results,
    /** What the report says the user met: slugs in the order they first appeared. */
    seen: () => ({ shown: [...shown], opened: [...opened] }),
    /** A new report starts: nothing seen yet. */
    reset() {
      if (timer !== null) d.clearTimer(timer);
      timer = null;
      inFlight?.abort();
      inFlight = null;
      asked = "";
      shown.clear();
      opened.clear();
      results = [];
      d.onResults([]);
    },
  };
}

export type Suggester = ReturnType<typeof suggester>;
