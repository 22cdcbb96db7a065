/**
 * One small form's round trip in the portal's words: busy while it runs, the error or the success
 * text after. The form shows them (ErrorNote, StatusNote), which are what screen readers hear.
 */
import { errorText } from "../../shared/i18n";
import { useRoundTrip } from "../../shared/useRoundTrip";
import { usePortal } from "../context";

export function useSubmit() {
  const { lang } = usePortal();
  return useRoundTrip((e) => errorText(lang, e));
}
