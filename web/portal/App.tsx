/**
 * The portal's frame: header with navigation, language and sign-out, the page of the current
 * address, the schedule in the footer, and one polite live region. On every change of address the
 * new page's heading takes the focus, so keyboard and screen-reader users start at the top of
 * what changed (not on the first load, where the browser's own start is right).
 */
import type { ComponentChildren } from "preact";
import { useEffect, useMemo } from "preact/hooks";
import type { Api } from "../shared/api";
import { PORTAL_TEXTS } from "../shared/i18n";
import { linkHandler, navigate, parseRoute, paths, type Route } from "../shared/router";
import { useRoute, type AppRootProps } from "../shared/app-shell";
import { SessionPending, Shell, useAppRoot } from "../shared/Shell";
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

export type AppProps = AppRootProps<Api>;

const currentRoute = () => parseRoute(location.pathname, location.search);

export function App({ api, initialLang, browserLangs, onLang, now = () => new Date() }: AppProps) {
  const { lang, principal, setPrincipal, meFailed, loadMe, announce, shell } = useAppRoot(initialLang, onLang, () => api.me());
  const route = useRoute<Route>(currentRoute);
  const t = PORTAL_TEXTS[lang];

  useEffect(() => {
    api.onSessionLost(() => setPrincipal({ kind: "anonymous" }));
  }, []);
  const zone = useCalendarZone(() => api.schedule());

  const portal: Portal | null = useMemo(() => principal && {
    t, lang, api, principal, setPrincipal, now, announce,
    locale: displayLocale(lang, browserLangs),
  }, [t, lang, principal, zone]);

  const signOut = async () => {
    await api.signOut();
    setPrincipal({ kind: "anonymous" });
    announce(t.signedOut);
    navigate(paths.signIn());
  };

  const email = principal?.kind === "client" ? principal.email : null;
  return (
    <Shell
      {...shell}
      t={t}
      home={paths.tickets()}
      nav={email && (
        <nav aria-label={t.nav.label} class="nav">
          <a href={paths.tickets()} onClick={linkHandler(paths.tickets())} aria-current={route.name === "tickets" ? "page" : undefined}>{t.nav.tickets}</a>
          <a href={paths.newTicket()} onClick={linkHandler(paths.newTicket())} aria-current={route.name === "new" ? "page" : undefined}>{t.nav.newTicket}</a>
        </nav>
      )}
      tools={email && (
        <>
          <span class="who">{t.nav.signedInAs(email)}</span>
          <button type="button" class="linkish" onClick={() => void signOut()}>{t.nav.signOut}</button>
        </>
      )}
      after={portal && (
        <PortalContext.Provider value={portal}>
          <Footer />
        </PortalContext.Provider>
      )}
    >
      {portal ? (
        <PortalContext.Provider value={portal}>
          <Page route={route} />
        </PortalContext.Provider>
      ) : (
        <SessionPending t={t} failed={meFailed} retry={() => void loadMe()} />
      )}
    </Shell>
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
