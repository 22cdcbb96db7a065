/** Levels, statuses, channels and people in the reader's words. */
import { SLA_LEVELS, isSlaLevelId } from "../../shared/sla";
import { formatTid } from "../../shared/tid";
import type { ConsoleTexts, Lang } from "./i18n";

export { formatTid };

export function levelText(level: string, lang: Lang): string {
  if (!isSlaLevelId(level)) return level;
  return lang === "de" ? SLA_LEVELS[level].labelDe : SLA_LEVELS[level].labelEn;
}

export function statusText(t: ConsoleTexts, status: string): string {
  return (t.status as Record<string, string>)[status] ?? status;
}

export function channelText(t: ConsoleTexts, channel: string): string {
  return t.channels[channel] ?? channel;
}

/** Event actors are written "staff:a@b", "requester:c@d", "admin", "system"; people read the address. */
export function actorText(t: ConsoleTexts, actor: string): string {
  const m = /^(staff|requester|client):(.+)$/.exec(actor);
  if (m) return m[1] === "staff" ? m[2]! : t.events.client(m[2]!);
  if (actor === "admin" || actor === "admin-token") return t.events.adminToken;
  if (actor === "system" || actor.startsWith("system:")) return t.events.system;
  return actor;
}
