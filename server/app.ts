import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import type { Deps } from "./deps";
import { ApiError } from "./errors";
import { errorResponse } from "./http/on-error";
import { requestLog } from "./http/middleware/request-log";
import { httpMetrics } from "./http/middleware/http-metrics";
import { metricsRoutes } from "./http/metrics";
import { principal } from "./http/middleware/principal";
import { databaseBudget } from "./http/middleware/db-budget";
import { announceQueueChanges } from "./http/middleware/queue-announce";
import { ticketRoutes } from "./http/tickets";
import { ticketActionRoutes } from "./http/ticket-actions";
import { authRoutes } from "./http/auth";
import { portalRoutes } from "./http/portal";
import { conversationRoutes } from "./http/conversation";
import { queueRoutes } from "./http/queue";
import { adminRoutes } from "./http/admin";
import { healthRoutes } from "./http/health";
import { openApiRoutes } from "./http/openapi";
import { routes } from "./http/contract";
import { homeRoutes } from "./http/home";
import { demoRoutes } from "./http/demo";
import { widgetAssetRoutes } from "./http/widget-assets";
import { webPageRoutes } from "./http/web-pages";
import { widgetCors } from "./http/cors";
import { widgetConfigRoutes } from "./http/widget-config";
import { scheduleRoutes } from "./http/schedule";
import { reportRoutes } from "./http/reports";
import { cannedRoutes } from "./http/canned";
import { supervisorRoutes } from "./http/supervisor";
import { kbRoutes } from "./http/kb";
import { kbArticleRoutes } from "./http/kb-articles";
import { helpRoutes } from "./http/help/routes";

/**
 * The API's resources and where they are mounted below /api/v1, in the order they are tried: three
 * share /tickets, and intake's (the broadest, POST /) comes after the per-ticket actions.
 */
const API: ReadonlyArray<readonly [string, (deps: Deps) => ReturnType<typeof routes>]> = [
  ["/widget", widgetConfigRoutes],
  ["/auth", authRoutes],
  ["/portal", portalRoutes],
  ["/tickets", conversationRoutes],
  ["/tickets", ticketActionRoutes],
  ["/tickets", ticketRoutes],
  ["/queue", queueRoutes],
  ["/reports", reportRoutes],
  ["/canned", cannedRoutes],
  ["/supervisor", supervisorRoutes],
  ["/kb/articles", kbArticleRoutes],
  ["/kb", kbRoutes],
  ["/admin", adminRoutes],
  ["", scheduleRoutes],
];

/** The whole HTTP surface, built from its dependencies. Tests call `app.request()` on it. */
export function createApp(deps: Deps) {
  const app = routes();
  app.use("*", httpMetrics(deps.metrics));
  app.use("*", requestId({ limitLength: 64, headerName: "X-Request-Id" }));
  app.use("*", requestLog(deps.log));
  // A route's own value stands (the help center's Referrer-Policy: with no-referrer its vote form would send `Origin: null`).
  app.use("*", secureHeaders({ crossOriginResourcePolicy: false, contentSecurityPolicy: undefined, overwrite: false }));
  app.use("*", databaseBudget());
  app.use("/api/*", principal(deps));
  app.use("/api/v1/*", announceQueueChanges(deps.changes));

  app.route("/", healthRoutes(deps));
  app.route("/", metricsRoutes(deps));
  app.route("/", homeRoutes(deps));
  app.route("/", demoRoutes());
  app.route("/", widgetAssetRoutes());
  app.route("/", webPageRoutes());
  app.route("/", helpRoutes(deps));
  app.route("/api/v1", openApiRoutes(deps.config.publicUrl, () => app));
  app.use("/api/v1/tickets", widgetCors(deps));
  // The widget's suggestions read the knowledge base from the host page's origin (issue 16).
  app.use("/api/v1/kb/*", widgetCors(deps));
  for (const [at, resource] of API) app.route(`/api/v1${at}`, resource(deps));

  app.notFound((c) => errorResponse(new ApiError("NOT_FOUND", "There is nothing at this address."), c, deps.log));
  app.onError((err, c) => errorResponse(err, c, deps.log));
  return app;
}

export type App = ReturnType<typeof createApp>;
