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

/** The whole HTTP surface, built from its dependencies. Tests call `app.request()` on it. */
export function createApp(deps: Deps) {
  const app = routes();
  app.use("*", httpMetrics(deps.metrics));
  app.use("*", requestId({ limitLength: 64, headerName: "X-Request-Id" }));
  app.use("*", requestLog(deps.log));
  app.use("*", secureHeaders({ crossOriginResourcePolicy: false, contentSecurityPolicy: undefined }));
  app.use("*", databaseBudget());
  app.use("/api/*", principal(deps));

  app.route("/", healthRoutes(deps));
  app.route("/", metricsRoutes(deps));
  app.route("/", homeRoutes(deps));
  app.route("/", demoRoutes());
  app.route("/", widgetAssetRoutes());
  app.route("/", webPageRoutes());
  app.route("/api/v1", openApiRoutes(deps.config.publicUrl, () => app));
  app.route("/api/v1/widget", widgetConfigRoutes(deps));
  app.use("/api/v1/tickets", widgetCors(deps));
  app.route("/api/v1/auth", authRoutes(deps));
  app.route("/api/v1/portal", portalRoutes(deps));
  app.route("/api/v1/tickets", conversationRoutes(deps));
  app.route("/api/v1/tickets", ticketActionRoutes(deps));
  app.route("/api/v1/tickets", ticketRoutes(deps));
  app.route("/api/v1/queue", queueRoutes(deps));
  app.route("/api/v1/reports", reportRoutes(deps));
  app.route("/api/v1/canned", cannedRoutes(deps));
  app.route("/api/v1/supervisor", supervisorRoutes(deps));
  app.route("/api/v1/kb", kbRoutes(deps));
  app.route("/api/v1/admin", adminRoutes(deps));
  app.route("/api/v1", scheduleRoutes(deps));

  app.notFound((c) => errorResponse(new ApiError("NOT_FOUND", "There is nothing at this address."), c, deps.log));
  app.onError((err, c) => errorResponse(err, c, deps.log));
  return app;
}

export type App = ReturnType<typeof createApp>;
