import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import { outboxSenderJob } from "../../server/jobs/outbox-sender";
import { startJobs } from "../../server/jobs/runner";
import { startTidings, type TidingsServer } from "../e2e/servers";
import { launchChromium } from "./browser";
import { startSmtpSink, type SinkOptions, type SmtpSink } from "./smtp-sink";

interface SuiteOptions {
  /** Adds to the app's configuration (startTidings). */
  env?: Record<string, string>;
  /**
   * Starts a real SMTP sink (answering as `answers` says) before the server, and the real outbox
   * sender delivering to it; `serverSends` also gives the app the sink as its SMTP_URL.
   */
  mail?: { answers?: SinkOptions; serverSends?: boolean };
}

export interface BrowserSuite {
  readonly tidings: TidingsServer;
  readonly browser: Browser;
  /** Only with the `mail` option. */
  readonly sink: SmtpSink;
  /** Closed when the suite ends, last registered first, before the browser and the server. */
  onEnd(close: () => unknown): void;
}

/**
 * The real server and a Chromium for one e2e file: started in a beforeAll registered here (so the
 * file's own beforeAll, registered after this call, finds them running) and stopped in afterAll.
 */
/** The password of the staff the browser suites add. */
export const STAFF_PASSWORD = "correct horse battery";

export function browserSuite(opts: SuiteOptions = {}): BrowserSuite {
  const ends: (() => unknown)[] = [];
  const suite = { onEnd: (close: () => unknown) => void ends.push(close) } as { -readonly [K in keyof BrowserSuite]: BrowserSuite[K] };
  beforeAll(async () => {
    if (opts.mail) {
      suite.sink = await startSmtpSink(0, opts.mail.answers);
      ends.push(() => suite.sink.stop());
    }
    const env = { ...opts.env, ...(opts.mail?.serverSends ? { SMTP_URL: suite.sink.url } : {}) };
    [suite.tidings, suite.browser] = await Promise.all([startTidings(env), launchChromium()]);
    ends.push(() => suite.tidings.close(), () => suite.browser.close());
    if (opts.mail) {
      const sender = outboxSenderJob(suite.sink.url, 100);
      const jobs = startJobs(suite.tidings.t.deps, [sender]);
      ends.push(() => sender.close(), () => jobs.stop());
    }
  });
  afterAll(async () => {
    for (const close of ends.reverse()) await close();
  });
  return suite;
}

/** Opens the widget on `url` and fills in a report, not yet sent; returns the dialog. */
export async function fillWidgetReport(page: Page, url: string, email: string, description: string): Promise<Locator> {
  await page.goto(url);
  await page.getByRole("button", { name: "Support" }).click();
  const dialog = page.getByRole("dialog", { name: "Contact support" });
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Describe the problem").fill(description);
  return dialog;
}

/** Signs in to the console at `url` (…/console/) and waits for the queue. */
export async function signInToConsole(page: Page, url: string, email: string, password: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Queue", level: 1 }).waitFor();
}

/** docs/screenshots when the environment variable `flag` is "1" (the suite then writes its pictures), else null. */
export function screenshotsDir(flag: string): string | null {
  return process.env[flag] === "1" ? path.resolve(import.meta.dirname, "../../docs/screenshots") : null;
}
