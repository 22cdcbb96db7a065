/** What every part of the console needs: texts, locale, the API client, who is signed in. */
import { createContext } from "preact";
import { useContext, useEffect } from "preact/hooks";
import type { ConsoleApi, StaffPrincipal } from "./api";
import type { ConsoleTexts, Lang } from "./i18n";

export interface Console {
  t: ConsoleTexts;
  lang: Lang;
  /** The browser's own locale for dates when it speaks `lang` (de-AT for German), else `lang`. */
  locale: string;
  api: ConsoleApi;
  me: StaffPrincipal;
  now(): Date;
  /** Says something to screen readers through the page's polite live region. */
  announce(message: string): void;
  /** How often the queue asks for changes; tests make it short. */
  pollMs: number;
}

export const ConsoleContext = createContext<Console | null>(null);

export function useConsole(): Console {
  const c = useContext(ConsoleContext);
  if (!c) throw new Error("useConsole outside <ConsoleContext.Provider>");
  return c;
}

export function useTitle(title: string): void {
  const { t } = useConsole();
  useEffect(() => {
    document.title = `${title} · ${t.appName}`;
  }, [title, t.appName]);
}

export const canSupervise = (me: StaffPrincipal) => me.role === "supervisor" || me.role === "admin";
export const canAdminister = (me: StaffPrincipal) => me.role === "admin";
