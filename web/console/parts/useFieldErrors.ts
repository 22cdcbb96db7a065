/**
 * The error state of a small console form: one message, the one field it is about (marked
 * aria-invalid and focused), and the rule that correcting that field takes the message away —
 * a stale alert would tell the reader something that is no longer true.
 */
import { useRef, useState } from "preact/hooks";
import type { RefObject } from "preact";

/** `errorId`: the id of the form's ErrorNote, which an invalid field points at. */
export function useFieldErrors<F extends string>(fields: readonly F[], errorId: string) {
  const [error, setError] = useState<string | null>(null);
  const [invalid, setInvalid] = useState<F | null>(null);
  const refs = Object.fromEntries(fields.map((f) => [f, useRef<HTMLInputElement>(null)])) as Record<F, RefObject<HTMLInputElement>>;
  const edit = (field: F, set: (v: string) => void) => (v: string) => {
    set(v);
    if (invalid === field) {
      setInvalid(null);
      setError(null);
    }
  };
  return {
    error,
    invalid,
    refs,
    refuse: (field: F, message: string) => {
      setInvalid(field);
      setError(message);
      refs[field].current?.focus();
    },
    edit,
    /** The props of a required TextField for `field`: its value, its input, its invalid state and its ref. */
    bind: (field: F, value: string, set: (v: string) => void) => ({
      value, onInput: edit(field, set), invalid: invalid === field, errorId, inputRef: refs[field], required: true,
    }),
    clear: () => {
      setInvalid(null);
      setError(null);
    },
    setError,
    setInvalid,
  };
}
