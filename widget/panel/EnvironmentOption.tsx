/** The browser details checkbox (CONTRACT §9), and behind a disclosure exactly what it sends. */
import { useState } from "preact/hooks";
import type { Environment } from "../../shared/api/environment";
import type { WidgetTexts } from "../../shared/i18n/widget";

interface Props {
  t: WidgetTexts;
  checked: boolean;
  /** Builds the details as they would be sent now; only called while the disclosure is open. */
  read: () => Environment;
  onToggle: (checked: boolean) => void;
}

export function EnvironmentOption({ t, checked, read, onToggle }: Props) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <div class="check">
        <input type="checkbox" id="tdg-env" name="environment" checked={checked} aria-describedby="tdg-env-hint" onChange={(e) => onToggle(e.currentTarget.checked)} />
        <div>
          <label for="tdg-env">{t.environment}</label>
          {/* phpinfo's hint holds for these too: what looks like a secret is removed before sending. */}
          <span class="hint" id="tdg-env-hint">{t.phpinfoHint}</span>
        </div>
      </div>
      {checked && (
        <div class="php">
          <details onToggle={(e) => setOpen(e.currentTarget.open)}>
            <summary>{t.environmentReview}</summary>
            {open && <pre tabIndex={0} aria-label={t.environment}>{JSON.stringify(read(), null, 1)}</pre>}
          </details>
        </div>
      )}
    </>
  );
}
