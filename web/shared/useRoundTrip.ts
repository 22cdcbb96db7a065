/**
 * One form's round trip to the API (both apps): busy while it runs, then the refusal in the
 * reader's words and the field the server named, or the success sentence. The form shows them.
 */
import { useState } from "preact/hooks";
import type { ApiFailure, Result } from "./client";

/**
 * `describe`: the app's words for a refusal. `announce`: where a success is said besides the form
 * (left out where the form's own role="status" element says it, so it is not heard twice).
 */
export function useRoundTrip(describe: (e: ApiFailure) => string, announce?: (message: string) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [field, setField] = useState<string | null>(null);
  /** Runs the call; on success `ok` gives the sentence to say, on failure `fail` may word it. */
  async function run<T>(call: () => Promise<Result<T>>, ok: (data: T) => string | null, fail?: (e: ApiFailure) => string | undefined): Promise<T | null> {
    setBusy(true);
    setError(null);
    setDone(null);
    setField(null);
    const r = await call();
    setBusy(false);
    if (!r.ok) {
      setError(fail?.(r.error) ?? describe(r.error));
      setField(r.error.field ?? null);
      return null;
    }
    const message = ok(r.data);
    setDone(message);
    if (message) announce?.(message);
    return r.data;
  }
  return { busy, error, done, field, run, setError, setDone };
}
