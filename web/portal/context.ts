/** What every part of the portal needs: texts, locale, the API client, who is signed in. */
import { createContext } from "preact";
import { useContext, useEffect } from "preact/hooks";
import type { Principal } from "../../shared/principal";
import type { Api } from "../shared/api";
import type { Lang, PortalTexts } from "../shared/i18n";

export interface Portal {
  t: PortalTexts;
  lang: Lang;
  /** The browser's own locale for dates when it speaks `lang` (de-AT for German), else `lang`. */
  locale: string;
  api: Api;
  principal: Principal;
  setPrincipal(p: Principal): void;
  now(): Date;
  /** Says something to screen readers through the page's polite live region. */
  announce(message: string): void;
}

export const PortalContext = createContext<Portal | null>(null);

export function usePortal(): Portal {
  const p = useContext(PortalContext);
  if (!p) throw new Error("usePortal outside <PortalContext.Provider>");
  return p;
}

export function useTitle(title: string): void {
  const { t } = usePortal();
  useEffect(() => {
    document.title = `${title} · ${t.appName}`;
  }, [title, t.appName]);
}

export const clientEmail = (p: Principal) => (p.kind === "client" ? p.email : null);
