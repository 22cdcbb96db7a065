/** One admin form's submit state, in the console's words (see web/shared/useRoundTrip). */
import type { ApiFailure } from "../../api";
import { useConsole } from "../../context";
import { errorText } from "../../i18n";
import { useRoundTrip } from "../../../shared/useRoundTrip";

/**
 * `inPage`: the page shows `done` in a role="status" element of its own, so it is not announced a
 * second time through the app's live region (a screen reader would hear it twice).
 */
export function useAction(opts: { inPage?: boolean } = {}) {
  const { lang, announce } = useConsole();
  const describe = (e: ApiFailure) => {
    const words = errorText(lang, e);
    // The server's own sentence names the field and the rule; it is English, but exact.
    return e.code === "VALIDATION_FAILED" && e.message ? `${words} ${e.message}` : words;
  };
  return useRoundTrip(describe, opts.inPage ? undefined : announce);
}
