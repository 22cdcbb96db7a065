/**
 * Sentry's feedback widget as an npm user ships it (bench/widget-size.ts builds this): the browser
 * SDK with feedbackAsyncIntegration, which loads its form and screenshot parts on first use.
 */
import { feedbackAsyncIntegration, init } from "@sentry/browser";

init({ dsn: "https://public@example.invalid/1", integrations: [feedbackAsyncIntegration({ autoInject: true })] });
