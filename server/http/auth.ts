import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { linkConsumeSchema, linkRequestSchema, loginSchema, passwordChangeSchema, setupSchema } from "../../shared/api/accounts";
import type { Deps } from "../deps";
import { ApiError } from "../errors";
import { consumeLoginLink, requestLoginLink } from "../services/accounts/login-links";
import { createSession, deleteSession, sessionHash } from "../services/accounts/sessions";
import { changeStaffPassword, checkStaffLogin } from "../services/accounts/staff-accounts";
import { setupLinkUsable, useSetupLink } from "../services/accounts/setup-link";
import { SESSION_COOKIE } from "./middleware/principal";
import { rateLimit } from "./middleware/rate-limit";
import { readJson } from "./read-json";
import { linkSentSchema, meSchema, passwordChangedSchema, setupUsableSchema, signedInSchema, signedOutSchema } from "../../shared/api/session-responses";
import type { ErrorCode } from "../../shared/error-codes";
import { COMMON_ERRORS, errors, json, jsonBody, op, routes, security } from "./contract";
import { readsJson } from "./route-shapes";

/** What every sign-in write may meet besides readJson's refusals. */
const SIGN_IN_ERRORS: ErrorCode[] = ["CSRF_FAILED", "RATE_LIMITED", ...COMMON_ERRORS];
const sessionCookieHeader = { "Set-Cookie": { description: "The session cookie (HttpOnly, SameSite=Lax).", schema: { type: "string" as const } } };
/** An answer that signs someone in: who they are now, and the session cookie. */
const signedIn = (description: string) => ({ ...json(signedInSchema, description), headers: sessionCookieHeader });

const loginRoute = createRoute({
  ...op("post", "/login", "login", "auth", "Staff sign in with email and password", security.public),
  ...readsJson({ body: jsonBody("Login", loginSchema) }, { 200: signedIn("Signed in; the cookie is set.") }, SIGN_IN_ERRORS, "INVALID_CREDENTIALS", "ACCOUNT_LOCKED"),
});
const setupUsableRoute = createRoute({
  ...op("get", "/setup", "getSetupLink", "auth", "Whether a first-admin setup link can still be used", security.public),
  request: { query: z.object({ token: z.string().optional() }) },
  responses: { 200: json(setupUsableSchema, "Usable or not."), ...errors(...COMMON_ERRORS, "RATE_LIMITED") },
});
const setupRoute = createRoute({
  ...op("post", "/setup", "setupFirstAdmin", "auth", "Make the first admin with the one-time link from the start banner", security.public),
  ...readsJson({ body: jsonBody("Setup", setupSchema) }, { 201: signedIn("Made and signed in.") }, SIGN_IN_ERRORS, "LINK_INVALID", "CONFLICT"),
});
const passwordRoute = createRoute({
  ...op("post", "/password", "changePassword", "auth", "A staff member changes their password (other sessions end)", security.clientWrite),
  ...readsJson({ body: jsonBody("PasswordChange", passwordChangeSchema) }, { 200: json(passwordChangedSchema, "Changed.") }, SIGN_IN_ERRORS, "UNAUTHENTICATED", "FORBIDDEN", "INVALID_CREDENTIALS"),
});
const linkRoute = createRoute({
  ...op("post", "/link", "requestLoginLink", "auth", "Mail a client a one-time sign-in link (the answer is the same for every address)", security.public),
  ...readsJson({ body: jsonBody("LinkRequest", linkRequestSchema) }, { 202: json(linkSentSchema, "Accepted.") }, SIGN_IN_ERRORS),
});
const consumeRoute = createRoute({
  ...op("post", "/link/consume", "consumeLoginLink", "auth", "Sign a client in with the token of their link", security.public),
  ...readsJson({ body: jsonBody("LinkConsume", linkConsumeSchema) }, { 200: signedIn("Signed in; `next` is where to go.") }, SIGN_IN_ERRORS, "LINK_INVALID"),
});
const logoutRoute = createRoute({
  ...op("post", "/logout", "logout", "auth", "Sign out (ends the session, clears the cookie)", security.optionalSessionWrite),
  responses: { 200: json(signedOutSchema, "Signed out."), ...errors("CSRF_FAILED", ...COMMON_ERRORS) },
});
const meRoute = createRoute({
  ...op("get", "/me", "whoAmI", "auth", "Who is asking, and the session's CSRF token", security.optionalSession),
  responses: { 200: json(meSchema, "The principal (anonymous without a session)."), ...errors("PASSWORD_CHANGE_REQUIRED", ...COMMON_ERRORS) },
});

/** Sign-in for staff (password) and clients (one-time mailed link), sign-out, and who-am-I. */
export function authRoutes(deps: Deps) {
  const app = routes();
  const secure = deps.config.publicUrl.startsWith("https:");
  const ownOrigin = new URL(deps.config.publicUrl).origin;
  const limit = (name: string, n: number, message: string) => rateLimit(deps, { name, limit: n, windowMs: 60_000, message });

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

  app.openapi({ ...loginRoute, middleware: [limit("sign-in", 30, "Too many sign-in attempts from your address. Please wait a minute."), sameOrigin] as const }, async (c) => {
    const { email, password } = loginSchema.parse(await readJson(c));
    const staff = await checkStaffLogin(deps, email, password);
    const s = await startSession(c, { kind: "staff", staffId: staff.id });
    const mustChange = staff.mustChangePassword ? { mustChangePassword: true } : {};
    return c.json({ principal: { kind: "staff" as const, id: staff.id, email: staff.email, role: staff.role, name: staff.name, ...mustChange }, csrfToken: s.csrfToken }, 200);
  });

  // The first admin, through the one-time link of the start banner; the browser is then signed in.
  app.openapi(setupUsableRoute, async (c) => c.json({ usable: await setupLinkUsable(deps, c.req.query("token") ?? "") }, 200));
  app.openapi({ ...setupRoute, middleware: [limit("first-admin", 10, "Too many attempts from your address. Please wait a minute."), sameOrigin] as const }, async (c) => {
    const input = setupSchema.parse(await readJson(c));
    const made = await useSetupLink(deps, input);
    const s = await startSession(c, { kind: "staff", staffId: made.id });
    return c.json({ principal: { kind: "staff" as const, id: made.id, email: made.email, role: "admin" as const, name: input.name ?? null }, csrfToken: s.csrfToken }, 201);
  });

  app.openapi({ ...passwordRoute, middleware: [limit("password-change", 10, "Too many attempts from your address. Please wait a minute.")] as const }, async (c) => {
    const p = c.get("principal");
    if (p.kind === "anonymous") throw new ApiError("UNAUTHENTICATED", "Sign in to the console to change your password.");
    if (p.kind !== "staff") throw new ApiError("FORBIDDEN", "Only a staff account has a password to change.");
    const { current, next } = passwordChangeSchema.parse(await readJson(c));
    const token = getCookie(c, SESSION_COOKIE);
    return c.json(await changeStaffPassword(deps, p.id, token ? sessionHash(token) : null, current, next), 200);
  });

  app.openapi({ ...linkRoute, middleware: [limit("sign-in-link", 10, "Too many sign-in links were asked for from your address. Please wait a minute."), sameOrigin] as const }, async (c) => {
    const { email, next, locale } = linkRequestSchema.parse(await readJson(c));
    await requestLoginLink(deps, email, next, locale);
    return c.json({ sent: true as const, message: "If this address may use the portal, a sign-in link is on its way. It works once, for 15 minutes." }, 202);
  });

  app.openapi({ ...consumeRoute, middleware: [limit("sign-in-link-use", 30, "Too many sign-in attempts from your address. Please wait a minute."), sameOrigin] as const }, async (c) => {
    const { token } = linkConsumeSchema.parse(await readJson(c));
    const { email, next } = await consumeLoginLink(deps, token);
    const s = await startSession(c, { kind: "client", email });
    return c.json({ principal: { kind: "client" as const, email }, csrfToken: s.csrfToken, next: next ?? "/portal/" }, 200);
  });

  app.openapi(logoutRoute, async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await deleteSession(deps.db, token);
    deleteCookie(c, SESSION_COOKIE, { path: "/", secure });
    return c.json({ signedOut: true as const }, 200);
  });

  app.openapi(meRoute, (c) => {
    const p = c.get("principal");
    return c.json({ principal: p, csrfToken: c.get("csrfToken") ?? null }, 200);
  });
  return app;
}
