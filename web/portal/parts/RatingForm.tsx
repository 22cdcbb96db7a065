/** Rating a resolved ticket (SLA 5). */
import { useEffect, useRef, useState } from "preact/hooks";
import { Field } from "../../../ui/Field";
import { usePortal } from "../context";
import { inputValue, Panel, SubmitRow } from "./action-form";
import { ErrorNote } from "./Status";
import { useSubmit } from "./useSubmit";

/**
 * The vote is stored first and counts only once confirmed (the server's two steps), so a mail
 * link scanner that follows links cannot vote; here the second step is a plain confirmation.
 */
export function RatingForm({ tid, token }: { tid: string; token: string | null }) {
  const { t, api } = usePortal();
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState("");
  const [step, setStep] = useState<"pick" | "confirm" | "done">("pick");
  const [pickError, setPickError] = useState<string | undefined>();
  const s = useSubmit();
  const confirmRef = useRef<HTMLHeadingElement>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (step === "confirm") confirmRef.current?.focus();
    if (step === "done") doneRef.current?.focus();
  }, [step]);

  const next = async (e: Event) => {
    e.preventDefault();
    if (!score) {
      setPickError(t.rate.pickScore);
      document.getElementById("rate-1")?.focus();
      return;
    }
    setPickError(undefined);
    if (await s.run(() => api.rate(tid, score, comment.trim(), token), () => null)) setStep("confirm");
  };
  const confirm = async () => {
    if (await s.run(() => api.confirmRating(tid, token), () => null)) setStep("done");
  };
  const word = (n: number) => t.rate.scores[n as 1 | 2 | 3 | 4 | 5];

  return (
    <Panel id="rate-title" title={t.rate.title}>
      {step === "pick" && (
        <form noValidate onSubmit={(e) => void next(e)}>
          <p>{t.rate.intro}</p>
          <ErrorNote message={s.error} />
          <fieldset class="scores" aria-describedby={pickError ? "rate-error" : undefined} disabled={s.busy}>
            <legend>{t.rate.legend}</legend>
            <div class="score-options">
              {[1, 2, 3, 4, 5].map((n) => (
                <label key={n} class="score" for={`rate-${n}`}>
                  <input type="radio" id={`rate-${n}`} name="score" value={n} checked={score === n} onChange={() => setScore(n)} />
                  <span>{word(n)}</span>
                </label>
              ))}
            </div>
            {pickError && <span class="error" id="rate-error">{pickError}</span>}
          </fieldset>
          <Field id="rate-comment" label={t.rate.comment}>
            {(a) => <textarea {...a} name="comment" rows={3} maxLength={5000} value={comment} onInput={(e) => setComment(inputValue(e))} disabled={s.busy} />}
          </Field>
          <SubmitRow busy={s.busy} label={t.rate.next} busyLabel={t.rate.busy} />
        </form>
      )}
      {step === "confirm" && score && (
        <div class="confirm">
          <h3 ref={confirmRef} tabIndex={-1}>{t.rate.confirmTitle}</h3>
          <p>{t.rate.confirmText(score, word(score))}</p>
          {comment.trim() && <p class="quote">{t.rate.confirmComment(comment.trim())}</p>}
          <ErrorNote message={s.error} />
          <div class="actions">
            <button type="button" class="primary" disabled={s.busy} onClick={() => void confirm()}>{s.busy ? t.rate.busy : t.rate.confirm}</button>
            <button type="button" disabled={s.busy} onClick={() => setStep("pick")}>{t.rate.change}</button>
          </div>
        </div>
      )}
      {step === "done" && score && <p ref={doneRef} tabIndex={-1} class="ok" role="status">{t.rate.done(score)}</p>}
    </Panel>
  );
}
