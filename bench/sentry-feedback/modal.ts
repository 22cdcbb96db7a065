/**
 * The loader and Sentry's feedback form (what feedbackAsyncIntegration loads when the user opens
 * it). @sentry/feedback is one module, so a bundler cannot split the form off into a chunk of its
 * own: its cost is this bundle's size less the loader's. The global keeps it from tree shaking.
 */
import "./loader";
import { feedbackModalIntegration } from "@sentry/feedback";

(globalThis as { sentryParts?: unknown[] }).sentryParts = [feedbackModalIntegration];
