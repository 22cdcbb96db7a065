import { createContext } from "preact";
import { useContext, useEffect, useRef, useState } from "preact/hooks";
import type { Principal } from "../../shared/principal";
import type { Lang } from "./i18n";
import { onNavigate } from "./router";

/**
 * What the portal and the console shells share: the route, following in-app navigation; the
 * signed-in principal; and the page language on <html>.
 */
export function useRoute<R>(read: () => R): R {
  const [route, setRoute] = useState<R>(read);
  const navCount = useRef(0);
  useEffect(() => onNavigate(() => {
    navCount.current++;
    setRoute(read());
  }), []);
  // After a navigation (not the first load), focus the new page's heading once it is there, so a
  // screen reader announces where the user landed.
  useEffect(() => {
    if (navCount.current === 0) return;
    focusHeading();
    window.scrollTo(0, 0);
  }, [route]);
  return route;
}

/** Pages may still be loading their data; give up after about ten seconds of frames. */
export function focusHeading(tries = 600): void {
  const h1 = document.querySelector<HTMLElement>("main h1");
  if (h1) h1.focus();
  else if (tries > 0) requestAnimationFrame(() => focusHeading(tries - 1));
}

export function useSession(me: () => Promise<{ ok: true; data: { principal: Principal } } | { ok: false }>) {
  const [principal, setPrincipal] = useState<Principal | null>(null);
  const [meFailed, setMeFailed] = useState(false);
  const loadMe = async () => {
    setMeFailed(false);
    const r = await me();
    if (r.ok) setPrincipal(r.data.principal);
    else setMeFailed(true);
  };
  useEffect(() => void loadMe(), []);
  return { principal, setPrincipal, meFailed, loadMe };
}

export function useDocumentLang(lang: string): void {
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
}

/** What either app's root takes from its main.tsx (and from the tests, which pass a fake clock). */
export interface AppRootProps<Api> {
  api: Api;
  initialLang: Lang;
  browserLangs: readonly string[];
  onLang?: (lang: Lang) => void;
  now?: () => Date;
}

/** What every part of either app gets from its context, besides what the app adds. */
export interface AppBase<Texts, Api> {
  t: Texts;
  lang: Lang;
  /** The browser's own locale for dates when it speaks `lang` (de-AT for German), else `lang`. */
  locale: string;
  api: Api;
  now: () => Date;
  /** Says something to screen readers through the page's polite live region. */
  announce: (message: string) => void;
}

/**
 * An app's context (the portal's, the console's): the provider, the hook that reads it (and says
 * which provider is missing when a part is rendered outside it), and the page title that hook
 * gives, "Page · App".
 */
export function appContext<T extends { t: { appName: string } }>(hookName: string, providerName: string) {
  const Context = createContext<T | null>(null);
  const use = (): T => {
    const c = useContext(Context);
    if (!c) throw new Error(`${hookName} outside <${providerName}.Provider>`);
    return c;
  };
  const useTitle = (title: string): void => {
    const { t } = use();
    useEffect(() => {
      document.title = `${title} · ${t.appName}`;
    }, [title, t.appName]);
  };
  return { Context, use, useTitle };
}
