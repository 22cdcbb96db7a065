/** The report form's body in the dialog: the notices above it, the fields, the options and the files. */
import { isLocked } from "./model/flow";
import { phpinfoAvailable } from "./phpinfo/source";
import { Attachments } from "./Attachments";
import { EnvironmentOption } from "./EnvironmentOption";
import { PhpinfoOption } from "./PhpinfoOption";
import { ReportForm } from "./ReportForm";
import type { Flow, Services, WidgetHost } from "./use-flow";

export function FormBody({ flow, host, services }: { flow: Flow; host: WidgetHost; services: Services }) {
  const { s, t, act } = flow;
  const change: Parameters<typeof ReportForm>[0]["onChange"] = (name, value) => act({ type: "change", name, value });
  return (
    <>
      {s.earlier && <div class="notice">{s.earlier}</div>}
      {s.alert && <div class="alert" id="tdg-alert" role="alert" tabIndex={-1}>{s.alert}</div>}
      {s.phase === "waiting" && (
        <div class="notice">
          {t.offline}{" "}
          <button type="button" class="link" onClick={flow.retry}>{t.retryNow}</button>
        </div>
      )}
      <fieldset disabled={isLocked(s)}>
        <ReportForm t={t} values={s.values} errors={s.errors} onChange={change} />
        {phpinfoAvailable(host.settings().phpinfo, host.tag.phpinfoUrl) && (
          <PhpinfoOption t={t} checked={s.values.includePhpinfo} state={s.php} onToggle={flow.togglePhpinfo} />
        )}
        <EnvironmentOption t={t} checked={s.values.includeEnvironment} read={services.environment} onToggle={(on) => change("includeEnvironment", on)} />
        <Attachments
          t={t}
          files={s.files}
          notices={s.notices}
          busy={s.busy}
          capturing={s.capturing}
          onFiles={(f) => void flow.add(f)}
          onCapture={() => void flow.capture()}
          offer={s.offer?.button}
          onOffer={() => void flow.capture(s.offer!)}
          onRemove={(id) => act({ type: "remove", id })}
          onEdit={flow.edit}
        />
      </fieldset>
    </>
  );
}
