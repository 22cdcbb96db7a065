/**
 * Counters of outbound delivery results in this process, for a metrics endpoint to read (there is
 * none yet: issue 13 adds prom-client, which can publish these from a `collect()` callback as
 * `tidings_mail_delivery_failures_total{kind}` and `tidings_mail_setup_alerts_total`). Per process,
 * as Prometheus counters are; the durable record of alerts is the `mail_alerts` table.
 */
import type { FailureKind } from "../domain/mail/delivery-status";

const failures = new Map<FailureKind, number>();
let alerts = 0;

export function countFailure(kind: FailureKind, alert: boolean): void {
  failures.set(kind, (failures.get(kind) ?? 0) + 1);
  if (alert) alerts++;
}

export function deliveryCounters(): { failures: Partial<Record<FailureKind, number>>; alerts: number } {
  return { failures: Object.fromEntries(failures), alerts };
}
