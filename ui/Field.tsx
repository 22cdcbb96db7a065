/** A labelled control with its hint and error, wired by aria-describedby and aria-invalid. */
import type { ComponentChildren } from "preact";

interface Props {
  id: string;
  label: string;
  requiredText?: string;
  hint?: string;
  error?: string;
  children: (aria: { id: string; "aria-describedby"?: string; "aria-invalid"?: "true" }) => ComponentChildren;
}

export function Field({ id, label, requiredText, hint, error, children }: Props) {
  const described = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div class="field">
      {/* The star sits beside the label, not in it, so the accessible name stays exactly the label. */}
      <div class="label">
        <label for={id}>{label}</label>
        {requiredText && <span class="req" aria-hidden="true">*</span>}
      </div>
      {children({ id, "aria-describedby": described || undefined, "aria-invalid": error ? "true" : undefined })}
      {hint && <span class="hint" id={`${id}-hint`}>{hint}</span>}
      {error && <span class="error" id={`${id}-error`}>{error}</span>}
    </div>
  );
}
