/**
 * The widget dialog's flow (widget/panel/model/flow.ts) as plain function calls, without a DOM:
 * what each state shows and which transitions keep or drop what the user typed.
 */
import { describe, expect, test } from "vitest";
import { WIDGET_TEXTS } from "../../shared/i18n/widget";
import type { Attachment } from "../../ui/files";
import type { FormValues } from "../../ui/form";
import { flowReducer, initialFlow, isLocked, type Action, type FlowState } from "../../widget/panel/model/flow";

const t = WIDGET_TEXTS.en;
const reduce = flowReducer({ t, lang: "en" });
const run = (s: FlowState, ...actions: Action[]) => actions.reduce(reduce, s);
const blank: FormValues = {
  email: "", description: "", steps: "", url: "https://shop.example/cart", productVersion: "", edition: "",
  urgent: false, includePhpinfo: false, includeEnvironment: true,
};
const ticket = { tid: "1000015", status: "new", slaLevel: "commercial-cloud", responseTargetAt: "2026-03-02T13:00:00.000Z", responseDueAt: "2026-03-02T16:00:00.000Z", receivedAt: "2026-03-02T09:00:00.000Z" } as const;
const file = (name: string, size = 10): Attachment => ({ id: name, name, blob: new Blob([new Uint8Array(size)]), kind: "png" });
const rejected = (status: number, code: string, field?: string): Action => ({ type: "outcome", outcome: { kind: "rejected", status, error: { code, message: `server says ${code}`, field } } });
const filled = run(initialFlow(blank), { type: "open" }, { type: "change", name: "email", value: "ann@example.com" }, { type: "change", name: "description", value: "It breaks" });

describe("the widget's flow", () => {
  test("sending locks the form and a sent report shows its ticket with the address it was sent with", () => {
    const sending = run(filled, { type: "send", values: filled.values }, { type: "progress", value: 40 });
    expect(isLocked(sending)).toBe(true);
    expect(sending.progress).toBe(40);
    const sent = run(sending, { type: "change", name: "email", value: "later@example.com" }, { type: "outcome", outcome: { kind: "sent", ticket } });
    expect(sent.phase).toBe("sent");
    expect(sent.sent).toEqual({ ticket, email: "ann@example.com", urgent: false });
    expect(sent.status).toBe(`${t.sentTitle} ${t.sentTid}: TID#1000015`);
  });

  test("offline it waits with the form locked; a retry says it is trying again", () => {
    const waiting = run(filled, { type: "send", values: filled.values }, { type: "outcome", outcome: { kind: "waiting" } });
    expect(waiting.phase).toBe("waiting");
    expect(isLocked(waiting)).toBe(true);
    expect(waiting.status).toBe(t.offline);
    expect(run(waiting, { type: "retrying" }).status).toBe(t.retrying);
  });

  test("a refusal naming a field marks it, unlocks the form and keeps what was typed", () => {
    const refused = run(filled, { type: "send", values: filled.values }, rejected(422, "VALIDATION_FAILED", "email"));
    expect(refused.phase).toBe("form");
    expect(isLocked(refused)).toBe(false);
    expect(refused.errors.email).toBeTruthy();
    expect(refused.alert).toBe(refused.errors.email);
    expect(refused.values.description).toBe("It breaks");
  });

  test("a refused attachment is named by its file", () => {
    const withFile = run(filled, { type: "added", result: { added: [file("a.png"), file("b.png", 99)], refusals: [], zipFailures: [] } });
    const refused = run(withFile, rejected(413, "ATTACHMENT_TOO_LARGE", "attachments[1]"));
    expect(refused.alert).toContain("b.png");
  });

  test("the summary of invalid fields goes once the last marked field is changed", () => {
    const invalid = run(filled, { type: "checked", errors: { email: "bad", steps: "bad" } });
    expect(invalid.alert).toBe(t.invalidSummary);
    const one = run(invalid, { type: "change", name: "email", value: "x@example.com" });
    expect(one.alert).toBe(t.invalidSummary);
    const none = run(one, { type: "change", name: "steps", value: "1." });
    expect(none.alert).toBeNull();
    expect(none.status).toBe("");
  });

  test("settings fill only what the user has not typed; a prefill overrides and then counts as typed", () => {
    const s = run(filled, { type: "defaults", values: { email: "set@example.com", productVersion: "2.1" } });
    expect(s.values).toMatchObject({ email: "ann@example.com", productVersion: "2.1" });
    const p = run(s, { type: "defaults", values: { email: "prefill@example.com" }, force: true }, { type: "defaults", values: { email: "set@example.com" } });
    expect(p.values.email).toBe("prefill@example.com");
  });

  test("starting over after a sent report keeps the address and drops the rest", () => {
    const sent = run(filled, { type: "added", result: { added: [file("a.png")], refusals: [], zipFailures: [] } }, { type: "send", values: filled.values }, { type: "outcome", outcome: { kind: "sent", ticket } });
    const again = run(sent, { type: "startOver", blank: { ...blank, email: "settings@example.com" } });
    expect(again).toMatchObject({ phase: "form", sent: null, files: [], status: "" });
    expect(again.values).toEqual({ ...blank, email: "ann@example.com" });
    expect(again.edited.has("email")).toBe(true);
  });

  test("a failed capture says why and offers the browser's own capture when there is one", () => {
    const other = { explain: "Use the browser's capture.", button: "Capture with the browser", grab: () => Promise.resolve(new Blob()) };
    const failed = run(filled, { type: "captureStart" }, { type: "captureFailed", failure: "tainted", other });
    expect(failed).toMatchObject({ capturing: false, offer: other, status: `${t.captureFailed.tainted} ${other.explain}` });
    expect(run(filled, { type: "captureStart" }, { type: "captureFailed", failure: "other", other: null }).notices).toEqual([`${t.captureFailed.other} ${t.captureOfferUpload}`]);
  });
});
