/** One admin form's submit state: busy, the error in the reader's words, the success note. */
import { useState } from "preact/hooks";
import type { ApiFailure, Result } from "../../api";
import { useConsole } from "../../context";
import { errorText } from "../../i18n";

/**
 * `inPage`: the page shows `done` in a role="status" element of its own, so it is not announced a
 * second time through the app's live region (a screen reader would hear it twice).
 */
export function useAction(opts: { inPage?: boolean } = {}) {
  const { lang, announce } = useConsole();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [field, setField] = useState<string | null>(null);
  async function run<T>(call: () => Promise<Result<T>>, success: (data: T) => string | null): Promise<T | null> {
    setBusy(true);
    setError(null);
    setDone(null);
    setField(null);
    const r = await call();
    setBusy(false);
    if (!r.ok) {
      setError(describe(r.error));
      setField(r.error.field ?? null);
      return null;
    }
    const msg = success(r.data);
    if (msg) {
      setDone(msg);
      if (!opts.inPage) announce(msg);
    }
    return r.data;
  }
  const describe = (e: ApiFailure) => {
    const words = errorText(lang, e);
    // The server's own sentence names the field and the rule; it is English, but exact.
    return e.code === "VALIDATION_FAILED" && e.message ? `${words} ${e.message}` : words;
  };
  return { busy, error, done, field, run, setError };
}
