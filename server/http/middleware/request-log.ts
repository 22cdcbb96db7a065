import type { MiddlewareHandler } from "hono";
import type { Principal } from "../../../shared/principal";
import type { Logger } from "../../log";
import { withLogContext } from "../../log-context";

/**
 * One structured line per request: id, method, path, status, duration, who asked (the kind of
 * principal, a staff member's role) and the error code of a refusal. Every other line written
 * while the request is served carries its id too (log-context.ts). The query string is left
 * out on purpose: signed links carry their token there.
 */
export function requestLog(log: Logger): MiddlewareHandler {
  return (c, next) => withLogContext({ requestId: c.get("requestId") }, async () => {
    const started = performance.now();
    await next();
    const errorCode = c.get("errorCode");
    log.info({
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      principal: principalKind(c.get("principal")),
      ...(errorCode ? { errorCode } : {}),
    }, "request");
  });
}

/** Who asked, without saying who: the kind, and a staff member's role. */
function principalKind(p: Principal | undefined): string {
  if (!p) return "anonymous";
  if (p.kind === "staff") return `staff:${p.role}`;
  if (p.kind === "admin-token") return p.via === "cli" ? "cli" : "admin-token";
  return p.kind;
}
