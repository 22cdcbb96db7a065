/**
 * The machine part of a delivery status notification (RFC 3464 `message/delivery-status`): a
 * group of per-message fields, then one group per recipient, groups separated by blank lines.
 * Field names are case-insensitive; long values may be folded onto following lines.
 */

export const DSN_ACTIONS = ["failed", "delayed", "delivered", "relayed", "expanded"] as const;
export type DsnAction = (typeof DSN_ACTIONS)[number];

export interface DsnRecipient {
  finalRecipient: string | null;
  originalRecipient: string | null;
  action: DsnAction | null;
  /** The enhanced code (RFC 3463), e.g. `5.1.1`. */
  status: string | null;
  /** The remote server's reply, without its type: `550 5.1.1 <x>: Recipient address rejected: …`. */
  diagnostic: string | null;
}

export interface DeliveryReport {
  reportingMta: string | null;
  recipients: DsnRecipient[];
}

function groups(text: string): Map<string, string>[] {
  const out: Map<string, string>[] = [];
  let current = new Map<string, string>();
  let last: string | null = null;
  for (const line of text.replace(/\r\n?/g, "\n").split("\n")) {
    if (!line.trim()) {
      if (current.size) out.push(current);
      current = new Map();
      last = null;
    } else if (/^[ \t]/.test(line) && last) {
      current.set(last, `${current.get(last)} ${line.trim()}`);
    } else {
      const m = /^([A-Za-z][A-Za-z0-9-]*)\s*:\s*(.*)$/.exec(line);
      if (!m) continue;
      last = m[1]!.toLowerCase();
      // The first occurrence counts; a repeated field is a broken report, not a second value.
      if (!current.has(last)) current.set(last, m[2]!.trim());
    }
  }
  if (current.size) out.push(current);
  return out;
}

/** "rfc822; jürgen@kunde.example" → the address; "smtp; 550 …" → "550 …". */
const typed = (v: string | undefined) => (v ? v.replace(/^[A-Za-z0-9-]+\s*;\s*/, "").trim() || null : null);

export function parseDeliveryStatus(text: string): DeliveryReport {
  const all = groups(text);
  const perRecipient = all.filter((g) => g.has("final-recipient") || g.has("action"));
  const perMessage = all.find((g) => g.has("reporting-mta")) ?? null;
  return {
    reportingMta: typed(perMessage?.get("reporting-mta")),
    recipients: perRecipient.map((g) => {
      const action = g.get("action")?.toLowerCase().split(/[\s(]/)[0] ?? null;
      const status = /^\s*([245]\.\d{1,3}\.\d{1,3})/.exec(g.get("status") ?? "")?.[1] ?? null;
      return {
        finalRecipient: typed(g.get("final-recipient"))?.toLowerCase() ?? null,
        originalRecipient: typed(g.get("original-recipient"))?.toLowerCase() ?? null,
        action: (DSN_ACTIONS as readonly string[]).includes(action ?? "") ? (action as DsnAction) : null,
        status,
        diagnostic: typed(g.get("diagnostic-code")),
      };
    }),
  };
}
