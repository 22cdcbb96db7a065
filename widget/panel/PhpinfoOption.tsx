/** The SLA 4.8 checkbox, and what it will send, redacted, for the user to review. */
import type { WidgetTexts } from "../../shared/i18n/widget";
import type { PhpinfoState } from "./model/flow";

interface Props {
  t: WidgetTexts;
  checked: boolean;
  state: PhpinfoState;
  onToggle: (checked: boolean) => void;
}

export function PhpinfoOption({ t, checked, state, onToggle }: Props) {
  const failure = state.status === "done" && !state.result.ok ? state.result.reason : null;
  return (
    <>
      <div class="check">
        <input type="checkbox" id="tdg-phpinfo" name="phpinfo" checked={checked} aria-describedby="tdg-phpinfo-hint tdg-phpinfo-state" onChange={(e) => onToggle(e.currentTarget.checked)} />
        <div>
          <label for="tdg-phpinfo">{t.phpinfo}</label>
          <span class="hint" id="tdg-phpinfo-hint">{t.phpinfoHint}</span>
        </div>
      </div>
      <div class={checked ? "php" : undefined} id="tdg-phpinfo-state">
        {checked && state.status === "loading" && <span>{t.phpinfoLoading}</span>}
        {checked && failure && (
          <span class="error">{failure === "origin" ? t.phpinfoOtherOrigin : failure === "tooLarge" ? t.phpinfoTooLarge : t.phpinfoFailed}</span>
        )}
        {checked && state.status === "done" && state.result.ok && (
          <>
            <span>{t.phpinfoReady(state.result.phpinfo.hiddenCount)}</span>
            <details>
              <summary>{t.phpinfoReview}</summary>
              {state.result.phpinfo.hiddenKeys.length > 0 && (
                <p class="hint">{t.phpinfoHiddenKeys} {state.result.phpinfo.hiddenKeys.join(", ")}</p>
              )}
              <pre tabIndex={0} aria-label={t.phpinfoReview}>{state.result.phpinfo.text}</pre>
            </details>
          </>
        )}
      </div>
    </>
  );
}
