/**
 * The dialog, as a view of its flow: the states and their transitions are model/flow.ts, the
 * effects use-flow.ts. It stays mounted while closed, so a closed and reopened dialog still holds
 * what the user typed.
 */
import { displayLocale } from "../../ui/due";
import type { PanelHandle } from "../types";
import { Dialog } from "./Dialog";
import { FormBody } from "./FormBody";
import { SentView } from "./SentView";
import { isLocked } from "./model/flow";
import { useFlow, type Services, type WidgetHost } from "./use-flow";

export type { Services } from "./use-flow";

const filesOf = (list: FileList | undefined | null) => Array.from(list ?? []);

export function Widget({ host, services, handle }: { host: WidgetHost; services: Services; handle: { current: PanelHandle | null } }) {
  const flow = useFlow(host, services);
  const { s, t, act } = flow;
  handle.current = { open: flow.show, close: flow.hide, resume: () => void services.outbox.resume() };
  if (!s.open) return null;
  const locked = isLocked(s);
  const sent = s.phase === "sent" ? s.sent : null;
  return (
    <Dialog
      titleId="tdg-title"
      // With the address already known (set() by the product), the user starts with the problem.
      initialFocusId={s.phase === "form" ? (s.values.email.trim() ? "tdg-description" : "tdg-email") : undefined}
      describedBy="tdg-intro"
      onClose={flow.hide}
      hostElement={host.hostElement}
      dragging={s.dragging}
      onDragOver={(e) => {
        if (locked || !e.dataTransfer?.types.includes("Files")) return;
        e.preventDefault();
        act({ type: "dragging", on: true });
      }}
      onDragLeave={(e) => !(e.currentTarget as HTMLElement).contains(e.relatedTarget as Node | null) && act({ type: "dragging", on: false })}
      onDrop={(e) => {
        if (locked) return;
        e.preventDefault();
        act({ type: "dragging", on: false });
        void flow.add(filesOf(e.dataTransfer?.files));
      }}
      onPaste={(e) => {
        const pasted = filesOf(e.clipboardData?.files);
        if (locked || !pasted.length) return;
        e.preventDefault();
        void flow.add(pasted);
      }}
    >
      <div class="head">
        <div>
          <h2 id="tdg-title">{t.title}</h2>
          <p id="tdg-intro">{t.intro}</p>
        </div>
        <button type="button" class="icon" aria-label={t.close} title={t.close} onClick={flow.hide}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <form id="tdg-form" class="form" noValidate onSubmit={(e) => void flow.submit(e)}>
        <div class="body">
          {sent ? (
            <div id="tdg-sent" tabIndex={-1}>
              <SentView t={t} ticket={sent.ticket} email={sent.email} urgent={sent.urgent} locale={displayLocale(host.lang, services.browserLangs)} now={services.now()} />
            </div>
          ) : (
            <FormBody flow={flow} host={host} services={services} />
          )}
        </div>
        {s.phase === "sending" && <progress max={100} value={s.progress} aria-label={t.sending(s.progress)} />}
        <div class="foot">
          <p class={sent ? "status visually-hidden" : "status"} role="status" aria-live="polite">{s.phase === "sending" ? t.sending(s.progress) : s.status}</p>
          {sent ? (
            <>
              <button type="button" onClick={flow.startOver}>{t.newReport}</button>
              <button type="button" class="primary" onClick={flow.hide}>{t.close}</button>
            </>
          ) : (
            <button type="submit" class="primary" disabled={locked || s.busy !== null} aria-disabled={locked ? "true" : undefined}>
              {t.send}
            </button>
          )}
        </div>
      </form>
    </Dialog>
  );
}
