import { Hono, type Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { linkConsumeSchema, linkRequestSchema, loginSchema, passwordChangeSchema, setupSchema } from "../../shared/api/accounts";
import type { Deps } from "../deps";
import { ApiError } from "../errors";
import { consumeLoginLink, requestLoginLink } from "../services/login-links";
import { createSession, deleteSession, sessionHash } from "../services/sessions";
import { changeStaffPassword, checkStaffLogin } from "../services/staff-accounts";
import { setupLinkUsable, useSetupLink } from "../services/setup-link";
import { SESSION_COOKIE } from "./middleware/principal";
import { rateLimit } from "./middleware/rate-limit";
import { readJson } from "./read-json";

/** Sign-in for staff (password) and clients (one-time mailed link), sign-out, and who-am-I. */
export function authRoutes(deps: Deps) {
  const app = new Hono();
  const secure = deps.config.publicUrl.startsWith("https:");
  const ownOrigin = new URL(deps.config.publicUrl).origin;
  const limit = (n: number, message: string) => rateLimit({ limit: n, windowMs: 60_000, trustProxy: deps.config.trustProxy, message });

  // Without a session there is no CSRF token yet; a foreign Origin is refused instead, so no other
  // site can sign a browser into an account of its choosing.
  const sameOrigin = async (c: Context, next: () => Promise<void>) => {
    const origin = c.req.header("origin");
    if (origin && origin !== ownOrigin && origin !== new URL(c.req.url).origin) throw new ApiError("CSRF_FAILED", "Sign in from the Tidings page itself.");
    await next();
  };
  const startSession = async (c: Context, who: Parameters<typeof createSession>[1]) => {
    const old = getCookie(c, SESSION_COOKIE);
    if (old) await deleteSession(deps.db, old);
    const s = await createSession(deps.db, who, deps.now());
    setCookie(c, SESSION_COOKIE, s.token, { httpOnly: true, sameSite: "Lax", secure, path: "/", expires: s.expiresAt });
    return s;
  };

  app.post("/login", limit(30, "Too many sign-in attempts from your address. Please wait a minute."), sameOrigin, async (c) => {
    const { email, password } = loginSchema.parse(await readJson(c));
    const staff = await checkStaffLogin(deps, email, password);
    const s = await startSession(c, { kind: "staff", staffId: staff.id });
    const mustChange = staff.mustChangePassword ? { mustChangePassword: true } : {};
    return c.json({ principal: { kind: "staff", id: staff.id, email: staff.email, role: staff.role, name: staff.name, ...mustChange }, csrfToken: s.csrfToken });
  });

  // The first admin, through the one-time link of the start banner; the browser is then signed in.
  app.get("/setup", async (c) => c.json({ usable: await setupLinkUsable(deps, c.req.query("token") ?? "") }));
  app.post("/setup", limit(10, "Too many attempts from your address. Please wait a minute."), sameOrigin, async (c) => {
    const input = setupSchema.parse(await readJson(c));
    const made = await useSetupLink(deps, input);
    const s = await startSession(c, { kind: "staff", staffId: made.id });
    return c.json({ principal: { kind: "staff", id: made.id, email: made.email, role: "admin", name: input.name ?? null }, csrfToken: s.csrfToken }, 201);
  });

  app.post("/password", limit(10, "Too many attempts from your address. Please wait a minute."), async (c) => {
    const p = c.get("principal");
    if (p.kind === "anonymous") throw new ApiError("UNAUTHENTICATED", "Sign in to the console to change your password.");
    if (p.kind !== "staff") throw new ApiError("FORBIDDEN", "Only a staff account has a password to change.");
    const { current, next } = passwordChangeSchema.parse(await readJson(c));
    const token = getCookie(c, SESSION_COOKIE);
    return c.json(await changeStaffPassword(deps, p.id, token ? sessionHash(token) : null, current, next));
  });

  app.post("/link", limit(10, "Too many sign-in links were asked for from your address. Please wait a minute."), sameOrigin, async (c) => {
    const { email, next, locale } = linkRequestSchema.parse(await readJson(c));
    await requestLoginLink(deps, email, next, locale);
    return c.json({ sent: true, message: "If this address may use the portal, a sign-in link is on its way. It works once, for 15 minutes." }, 202);
  });

  app.post("/link/consume", limit(30, "Too many sign-in attempts from your address. Please wait a minute."), sameOrigin, async (c) => {
    const { token } = linkConsumeSchema.parse(await readJson(c));
    const { email, next } = await consumeLoginLink(deps, token);
    const s = await startSession(c, { kind: "client", email });
    return c.json({ principal: { kind: "client", email }, csrfToken: s.csrfToken, next: next ?? "/portal/" });
  });

  app.post("/logout", async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await deleteSession(deps.db, token);
    deleteCookie(c, SESSION_COOKIE, { path: "/", secure });
    return c.json({ signedOut: true });
  });

  app.get("/me", (c) => {
    const p = c.get("principal");
    return c.json({ principal: p, csrfToken: c.get("csrfToken") ?? null });
  });
  return app;
}
