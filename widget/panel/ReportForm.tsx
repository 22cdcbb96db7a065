/** The report's text fields (SLA 4.2: description, steps, address, version and edition). */
import type { WidgetTexts } from "../../shared/i18n/widget";
import { EDITIONS, LIMITS } from "../../shared/limits";
import { Field } from "../../ui/Field";
import type { FieldErrors, FormValues } from "../../ui/form";

interface Props {
  t: WidgetTexts;
  values: FormValues;
  errors: FieldErrors;
  onChange: <K extends keyof FormValues>(name: K, value: FormValues[K]) => void;
}

export function ReportForm({ t, values, errors, onChange }: Props) {
  const text = (name: "email" | "description" | "steps" | "url" | "productVersion") => (e: Event) =>
    onChange(name, (e.currentTarget as HTMLInputElement).value);
  return (
    <>
      <Field id="tdg-email" label={t.email} requiredText={t.required} error={errors.email}>
        {(a) => <input {...a} type="email" name="email" autoComplete="email" aria-required="true" maxLength={LIMITS.email} value={values.email} onInput={text("email")} />}
      </Field>
      <Field id="tdg-description" label={t.description} requiredText={t.required} hint={t.descriptionHint} error={errors.description}>
        {(a) => <textarea {...a} name="description" rows={4} aria-required="true" maxLength={LIMITS.description} value={values.description} onInput={text("description")} />}
      </Field>
      {/* Filled by the suggestions chunk (widget/suggest/view.ts); Preact leaves its children alone. */}
      <div id="tdg-kb" />
      <Field id="tdg-steps" label={t.steps} error={errors.steps}>
        {(a) => <textarea {...a} name="steps" rows={3} placeholder={t.stepsHint} maxLength={LIMITS.steps} value={values.steps} onInput={text("steps")} />}
      </Field>
      <Field id="tdg-url" label={t.url} hint={t.urlHint} error={errors.url}>
        {(a) => <input {...a} type="url" name="url" inputMode="url" maxLength={LIMITS.url} value={values.url} onInput={text("url")} />}
      </Field>
      <div class="row">
        <Field id="tdg-version" label={t.productVersion} error={errors.productVersion}>
          {(a) => <input {...a} type="text" name="productVersion" maxLength={LIMITS.productVersion} value={values.productVersion} onInput={text("productVersion")} />}
        </Field>
        <Field id="tdg-edition" label={t.edition} error={errors.edition}>
          {(a) => (
            <select {...a} name="edition" value={values.edition} onChange={(e) => onChange("edition", e.currentTarget.value as FormValues["edition"])}>
              <option value="">{t.editionUnknown}</option>
              {EDITIONS.map((ed) => <option key={ed} value={ed}>{t.editions[ed]}</option>)}
            </select>
          )}
        </Field>
      </div>
      <div class="check">
        <input type="checkbox" id="tdg-urgent" name="urgent" checked={values.urgent} aria-describedby="tdg-urgent-hint" onChange={(e) => onChange("urgent", e.currentTarget.checked)} />
        <div>
          <label for="tdg-urgent">{t.urgent}</label>
          <span class="hint" id="tdg-urgent-hint">{t.urgentHint}</span>
        </div>
      </div>
    </>
  );
}
