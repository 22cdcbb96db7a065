/**
 * The console's frame: header with navigation by role, language, shortcuts help and sign-out; the
 * page of the current address; one polite live region. On every change of address the new page's
 * heading takes the focus, so keyboard and screen-reader users start at the top of what changed.
 */
import type { ComponentType } from "preact";
import { useMemo, useState } from "preact/hooks";
import type { Principal } from "../../shared/principal";
import { displayLocale } from "../../ui/due";
import { linkHandler, navigate } from "../shared/router";
import { focusHeading, useRoute, type AppRootProps } from "../shared/app-shell";
import { SessionPending, Shell, useAppRoot } from "../shared/Shell";
import { useCalendarZone } from "../shared/calendar-zone";
import type { ConsoleApi, StaffPrincipal } from "./api";
import { canAdminister, canSupervise, ConsoleContext, type Console } from "./context";
import { CONSOLE_TEXTS } from "./i18n";
import { ADMIN_PAGES, parseRoute, paths, type Route } from "./routes";
import { useShortcuts } from "./shortcuts";
import { HelpDialog } from "./parts/HelpDialog";
import { SignIn } from "./pages/SignIn";
import { Setup } from "./pages/Setup";
import { ChangePassword } from "./pages/ChangePassword";
import { Queue } from "./pages/Queue";
import { TicketPage } from "./pages/TicketPage";
import { Escalations } from "./pages/Escalations";
import { Breaches } from "./pages/Breaches";
import { Reports } from "./pages/Reports";
import { AdminPageView } from "./pages/admin/AdminPage";
import { NotFound } from "./pages/NotFound";
import { Articles } from "./pages/Articles";
import { ArticleEditor } from "./pages/ArticleEditor";
import { writesArticles } from "../../shared/roles";

export interface AppProps extends AppRootProps<ConsoleApi> {
  pollMs?: number;
}

const currentRoute = () => parseRoute(location.pathname, location.search);

export function App({ api, initialLang, browserLangs, onLang, now = () => new Date(), pollMs = 10_000 }: AppProps) {
  const { lang, principal, setPrincipal, meFailed, loadMe, announce, shell } = useAppRoot(initialLang, onLang, () => api.me());
  const route = useRoute<Route>(currentRoute);
  const [help, setHelp] = useState(false);
  const t = CONSOLE_TEXTS[lang];
  const zone = useCalendarZone(() => api.schedule());

  const me: StaffPrincipal | null = principal?.kind === "staff" ? principal : null;
  const ctx: Console | null = useMemo(() => me && {
    t, lang, api, me, now, announce, pollMs,
    locale: displayLocale(lang, browserLangs),
  }, [t, lang, me, zone]);

  useShortcuts({ "?": () => setHelp(true) });

  const signOut = async () => {
    await api.signOut();
    setPrincipal({ kind: "anonymous" });
    announce(t.signedOut);
    navigate(paths.signIn());
  };

  const signedIn = (p: Principal) => {
    setPrincipal(p);
    if (route.name === "signIn") navigate(route.next ?? paths.queue(), { replace: true });
    else if (route.name === "setup") navigate(paths.queue(), { replace: true });
    else focusHeading();
  };
  // A given password is replaced before the console opens (the server refuses the rest until then).
  const forced = me?.mustChangePassword === true;
  const passwordChanged = () => {
    if (me) setPrincipal({ ...me, mustChangePassword: false });
    announce(t.password.changed);
    navigate(paths.queue(), { replace: forced });
  };

  const here = (r: Route["name"], page?: string) => route.name === r && (page === undefined || (route.name === "admin" && route.page === page)) ? "page" : undefined;
  const link = (to: string, label: string, current: "page" | undefined) => (
    <a href={to} onClick={linkHandler(to)} aria-current={current}>{label}</a>
  );

  return (
    <Shell
      {...shell}
      t={t}
      home={paths.queue()}
      nav={me && !forced && (
        <nav aria-label={t.nav.label} class="nav">
          <ul>
            <li>{link(paths.queue(), t.nav.queue, here("queue"))}</li>
            {canSupervise(me) && <li>{link(paths.escalations(), t.nav.escalations, here("escalations"))}</li>}
            {canSupervise(me) && <li>{link(paths.breaches(), t.nav.breaches, here("breaches"))}</li>}
            <li>{link(paths.reports(), t.nav.reports, here("reports"))}</li>
            {/* The writers' workspace; agents find articles from the composer and may still open the list by its address. */}
            {writesArticles(me.role) && <li>{link(paths.articles(), t.kb.nav, route.name === "articles" || route.name === "article" ? "page" : undefined)}</li>}
            {canAdminister(me) && ADMIN_PAGES.map((p) => <li key={p}>{link(paths.admin(p), t.admin.pages[p], here("admin", p))}</li>)}
          </ul>
        </nav>
      )}
      tools={me && (
        <>
          <span class="who">{t.nav.signedInAs(me.email, t.roles[me.role])}</span>
          {!forced && <a class="linkish" href={paths.password()} onClick={linkHandler(paths.password())} aria-current={here("password")}>{t.password.link}</a>}
          <button type="button" class="linkish" onClick={() => setHelp(true)} aria-keyshortcuts="?">{t.nav.shortcuts}</button>
          <button type="button" class="linkish" onClick={() => void signOut()}>{t.nav.signOut}</button>
        </>
      )}
      after={help && <HelpDialog t={t} onClose={() => setHelp(false)} />}
    >
      {ctx && (forced || route.name === "password") ? (
        <ChangePassword api={api} t={t} forced={forced} onChanged={passwordChanged} />
      ) : ctx ? (
        <ConsoleContext.Provider value={ctx}>
          <Page route={route} />
        </ConsoleContext.Provider>
      ) : principal && route.name === "setup" ? (
        <Setup api={api} t={t} token={route.token} onSignedIn={signedIn} />
      ) : principal ? (
        <SignIn api={api} t={t} principal={principal} onSignedIn={signedIn} />
      ) : (
        <SessionPending t={t} failed={meFailed} retry={() => void loadMe()} />
      )}
    </Shell>
  );
}

/**
 * The pages whose route carries nothing they need; anything else not in Page's switch is NotFound.
 * Signed in on the sign-in or setup address, one sees the queue while signedIn sends one on.
 */
const PLAIN_PAGES: Partial<Record<Route["name"], ComponentType>> = {
  queue: Queue, signIn: Queue, setup: Queue, escalations: Escalations, breaches: Breaches, reports: Reports, articles: Articles,
};

function Page({ route }: { route: Route }) {
  switch (route.name) {
    case "ticket":
      return <TicketPage key={route.tid} tid={route.tid} />;
    case "admin":
      return <AdminPageView key={route.page} page={route.page} />;
    case "article":
      return <ArticleEditor key={route.id} id={route.id} />;
    default: {
      const Plain = PLAIN_PAGES[route.name] ?? NotFound;
      return <Plain />;
    }
  }
}
