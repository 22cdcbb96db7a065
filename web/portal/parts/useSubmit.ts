/**
 * One small form's round trip: busy while it runs, the error or the success text after. The form
 * shows them (ErrorNote, StatusNote), which are what screen readers hear.
 */
import { useState } from "preact/hooks";
import type { ApiFailure, Result } from "../../shared/api";
import { errorText } from "../../shared/i18n";
import { usePortal } from "../context";

export function useSubmit() {
  const { lang } = usePortal();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  return {
    busy,
    error,
    done,
    setError,
    setDone,
    /** Runs the call; on success `ok` gives the sentence to say, on failure `fail` may word it. */
    async run<T>(call: () => Promise<Result<T>>, ok: (data: T) => string | null, fail?: (e: ApiFailure) => string | undefined): Promise<T | null> {
      setBusy(true);
      setError(null);
      setDone(null);
      const r = await call();
      setBusy(false);
      if (!r.ok) {
        setError(fail?.(r.error) ?? errorText(lang, r.error));
        return null;
      }
      const message = ok(r.data);
      setDone(message);
      return r.data;
    },
  };
}
