/** One labelled input of a console form, with its hint and its invalid state tied to the form's error note. */
import type { Ref } from "preact";

interface Props {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  type?: "text" | "email" | "password";
  autocomplete?: string;
  hint?: string;
  invalid?: boolean;
  /** The id of the error note that says what is wrong, read out with the field. */
  errorId?: string;
  inputRef?: Ref<HTMLInputElement>;
  required?: boolean;
}

export function TextField({ id, label, value, onInput, type = "text", autocomplete, hint, invalid, errorId, inputRef, required }: Props) {
  const described = [hint ? `${id}-hint` : null, invalid && errorId ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input ref={inputRef} id={id} type={type} autocomplete={autocomplete} value={value} onInput={(e) => onInput(e.currentTarget.value)}
        aria-invalid={invalid ? "true" : undefined} aria-describedby={described} required={required} />
      {hint && <p class="hint" id={`${id}-hint`}>{hint}</p>}
    </div>
  );
}
