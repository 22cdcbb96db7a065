/**
 * The portal's frame: header with navigation, language and sign-out, the page of the current
 * address, the schedule in the footer, and one polite live region. On every change of address the
 * new page's heading takes the focus, so keyboard and screen-reader users start at the top of
 * what changed (not on the first load, where the browser's own start is right).
 */
import type { ComponentChildren } from "preact";
import { useEffect, useMemo, useState } from "preact/hooks";
import type { Api } from "../shared/api";
import { PORTAL_TEXTS, type Lang } from "../shared/i18n";
import { linkHandler, navigate, parseRoute, paths, type Route } from "../shared/router";
import { useDocumentLang, useRoute, useSession } from "../shared/app-shell";
import { useCalendarZone } from "../shared/calendar-zone";
import { displayLocale } from "../../ui/due";
import { PortalContext, usePortal, type Portal } from "./context";
import { Footer } from "./parts/Footer";
import { MyTickets } from "./pages/MyTickets";
import { NewTicket } from "./pages/NewTicket";
import { NotFound } from "./pages/NotFound";
import { SignIn } from "./pages/SignIn";
import { SignInLink } from "./pages/SignInLink";
import { TicketPage } from "./pages/TicketPage";

export interface AppProps {
  api: Api;
  initialLang: Lang;
  browserLangs: readonly string[];
  onLang?(lang: Lang): void;
  now?: () => Date;
}

const currentRoute = () => parseRoute(location.pathname, location.search);

export function App({ api, initialLang, browserLangs, onLang, now = () => new Date() }: AppProps) {
  const [lang, setLang] = useState<Lang>(initialLang);
  const route = useRoute<Route>(currentRoute);
  const { principal, setPrincipal, meFailed, loadMe } = useSession(() => api.me());
  const [announcement, setAnnouncement] = useState("");
  const t = PORTAL_TEXTS[lang];

  useEffect(() => {
    api.onSessionLost(() => setPrincipal({ kind: "anonymous" }));
  }, []);
  useDocumentLang(lang);
  const zone = useCalendarZone(() => api.schedule());


  const portal: Portal | null = useMemo(() => principal && {
    t, lang, api, principal, setPrincipal, now,
    locale: displayLocale(lang, browserLangs),
    announce: (m: string) => {
      // Clearing first makes the same sentence twice be read twice.
      setAnnouncement("");
      setTimeout(() => setAnnouncement(m), 50);
    },
  }, [t, lang, principal, zone]);

  const switchLang = () => {
    const next = t.langSwitch.otherLang;
    setLang(next);
    onLang?.(next);
  };

  const signOut = async () => {
    await api.signOut();
    setPrincipal({ kind: "anonymous" });
    portal?.announce(t.signedOut);
    navigate(paths.signIn());
  };

  const email = principal?.kind === "client" ? principal.email : null;
  return (
    <div class="app">
      <a class="skip" href="#main">{t.skip}</a>
      <header class="top">
        <div class="top-inner">
          <a class="brand" href={paths.tickets()} onClick={linkHandler(paths.tickets())}>
            <span class="mark" aria-hidden="true">T</span>
            <span>{t.appName}</span>
          </a>
          {email && (
            <nav aria-label={t.nav.label} class="nav">
              <a href={paths.tickets()} onClick={linkHandler(paths.tickets())} aria-current={route.name === "tickets" ? "page" : undefined}>{t.nav.tickets}</a>
              <a href={paths.newTicket()} onClick={linkHandler(paths.newTicket())} aria-current={route.name === "new" ? "page" : undefined}>{t.nav.newTicket}</a>
            </nav>
          )}
          <div class="tools">
            {email && <span class="who">{t.nav.signedInAs(email)}</span>}
            {email && <button type="button" class="linkish" onClick={() => void signOut()}>{t.nav.signOut}</button>}
            <button type="button" class="lang" onClick={switchLang} aria-label={`${t.langSwitch.label}: ${t.langSwitch.other}`}>
              <span lang={t.langSwitch.otherLang}>{t.langSwitch.other}</span>
            </button>
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {portal ? (
          <PortalContext.Provider value={portal}>
            <Page route={route} />
          </PortalContext.Provider>
        ) : meFailed ? (
          <div class="panel">
            <h1 tabIndex={-1}>{t.appName}</h1>
            <p class="alert" role="alert">{t.network}</p>
            <button type="button" onClick={() => void loadMe()}>{t.retry}</button>
          </div>
        ) : (
          <p role="status" class="loading">{t.loading}</p>
        )}
      </main>
      {portal && (
        <PortalContext.Provider value={portal}>
          <Footer />
        </PortalContext.Provider>
      )}
      <div class="visually-hidden" role="status" aria-live="polite">{announcement}</div>
    </div>
  );
}

function Page({ route }: { route: Route }) {
  switch (route.name) {
    case "signIn":
      return route.token ? <SignInLink token={route.token} /> : <SignIn next={route.next} />;
    case "ticket":
      return <Guard allowToken={Boolean(route.token)}><TicketPage key={route.tid} tid={route.tid} token={route.token} rate={route.rate} /></Guard>;
    case "tickets":
      return <Guard><MyTickets /></Guard>;
    case "new":
      return <Guard><NewTicket /></Guard>;
    default:
      return <NotFound />;
  }
}

/** Pages for a signed-in client; a ticket opened from its mail link works without signing in. */
function Guard({ children, allowToken = false }: { children: ComponentChildren; allowToken?: boolean }) {
  const { principal } = usePortal();
  if (principal.kind === "client" || allowToken) return <>{children}</>;
  return <SignIn next={location.pathname} needed />;
}
