/**
 * The frame the portal and the console share: skip link, header (brand, the app's navigation and
 * tools, the language switch), the page, and one polite live region; and the states before the
 * session is known. What differs between the apps (their navigation, their pages) comes in.
 */
import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { useDocumentLang, useSession } from "./app-shell";
import type { Lang } from "./i18n";
import { linkHandler } from "./router";

/** The words of the frame; both apps' dictionaries have them. */
export interface ShellTexts {
  skip: string;
  appName: string;
  network: string;
  retry: string;
  loading: string;
  langSwitch: { label: string; other: string; otherLang: Lang };
}

/** The page language, on <html> too; switching tells `onLang` so the choice is remembered. */
export function useLang(initial: Lang, onLang?: (lang: Lang) => void) {
  const [lang, setLang] = useState<Lang>(initial);
  useDocumentLang(lang);
  const switchTo = (next: Lang) => {
    setLang(next);
    onLang?.(next);
  };
  return [lang, switchTo] as const;
}

/** The live region's text and how to say something in it. */
export function useAnnouncer() {
  const [announcement, setAnnouncement] = useState("");
  const announce = (m: string) => {
    // Clearing first makes the same sentence twice be read twice.
    setAnnouncement("");
    setTimeout(() => setAnnouncement(m), 50);
  };
  return [announcement, announce] as const;
}

/**
 * What either app's root keeps besides its route: the page language, the session, and the live
 * region; `shell` is what the Shell takes of them.
 */
export function useAppRoot(initialLang: Lang, onLang: ((lang: Lang) => void) | undefined, me: Parameters<typeof useSession>[0]) {
  const [lang, switchLang] = useLang(initialLang, onLang);
  const session = useSession(me);
  const [announcement, announce] = useAnnouncer();
  return { lang, ...session, announce, shell: { onLang: switchLang, announcement } };
}

interface Props {
  t: ShellTexts;
  home: string;
  onLang: (lang: Lang) => void;
  announcement: string;
  nav?: ComponentChildren;
  tools?: ComponentChildren;
  /** After <main>: the portal's footer, the console's help dialog. */
  after?: ComponentChildren;
  children: ComponentChildren;
}

export function Shell({ t, home, onLang, announcement, nav, tools, after, children }: Props) {
  return (
    <div class="app">
      <a class="skip" href="#main">{t.skip}</a>
      <header class="top">
        <div class="top-inner">
          <a class="brand" href={home} onClick={linkHandler(home)}>
            <span class="mark" aria-hidden="true">T</span>
            <span>{t.appName}</span>
          </a>
          {nav}
          <div class="tools">
            {tools}
            <button type="button" class="lang" onClick={() => onLang(t.langSwitch.otherLang)} aria-label={`${t.langSwitch.label}: ${t.langSwitch.other}`}>
              <span lang={t.langSwitch.otherLang}>{t.langSwitch.other}</span>
            </button>
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1}>{children}</main>
      {after}
      <div class="visually-hidden" role="status" aria-live="polite">{announcement}</div>
    </div>
  );
}

/** Before the session is known: loading, or the network failed with a way to try again. */
export function SessionPending({ t, failed, retry }: { t: ShellTexts; failed: boolean; retry: () => void }) {
  return failed ? (
    <div class="panel">
      <h1 tabIndex={-1}>{t.appName}</h1>
      <p class="alert" role="alert">{t.network}</p>
      <button type="button" onClick={retry}>{t.retry}</button>
    </div>
  ) : (
    <p role="status" class="loading">{t.loading}</p>
  );
}
