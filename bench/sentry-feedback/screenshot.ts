/** As modal.ts, with Sentry's screenshot and its crop/annotation editor (feedbackScreenshotIntegration). */
import "./loader";
import { feedbackModalIntegration, feedbackScreenshotIntegration } from "@sentry/feedback";

(globalThis as { sentryParts?: unknown[] }).sentryParts = [feedbackModalIntegration, feedbackScreenshotIntegration];
