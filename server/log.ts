import pino, { type Logger } from "pino";
import { currentLogContext } from "./log-context";

export type { Logger };

/**
 * The one way to log. Redaction is the last line of defence: code must not pass secrets to the
 * logger at all, but if a header or a credential field slips in, it is masked here.
 */
export function createLogger(level = "info", destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      // The request being served, on every line; the call's own fields win over it.
      mixin: currentLogContext,
      redact: {
        paths: [
          "req.headers.authorization",
          "req.headers.cookie",
          "*.password",
          "*.secret",
          "*.token",
          "*.idempotencyKey",
        ],
        censor: "[redacted]",
      },
    },
    destination,
  );
}
