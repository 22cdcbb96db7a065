import type { SinkOptions, SinkReply } from "./smtp-sink";

/** The lines Debian's Postfix 3.7 answered (issue 12), by the recipient's local part. */
export const POSTFIX_REPLIES: Record<string, (rcpt: string) => SinkReply> = {
  relay: (r) => ({ code: 554, text: `5.7.1 <${r}>: Relay access denied` }),
  notowned: () => ({ code: 553, text: "5.7.1 <support@tidings.test>: Sender address rejected: not owned by user support@tidings.test" }),
  gone: (r) => ({ code: 550, text: `5.1.1 <${r}>: Recipient address rejected: User unknown in local recipient table` }),
  busy: () => ({ code: 451, text: "4.3.0 Error: queue file write error" }),
};

/**
 * A relay's answers per recipient: `relay@…`, `notowned@…`, `gone@…` refused at RCPT, `busy@…`
 * refused `busyTimes` times and then taken, `big@…` refused after DATA with 552 5.3.4; addresses
 * in `fixed` are taken (the relay was mended for them).
 */
export function postfixLikeRelay(fixed: Set<string>, busyTimes = 2): SinkOptions {
  let busy = 0;
  return {
    rcpt: (address) => {
      const who = address.split("@")[0]!.replace(/\d+$/, "");
      if (fixed.has(address) || !POSTFIX_REPLIES[who]) return null;
      if (who === "busy" && ++busy > busyTimes) return null;
      return POSTFIX_REPLIES[who](address);
    },
    data: (rcpts) => (rcpts.some((r) => r.startsWith("big")) ? { code: 552, text: "5.3.4 Error: message file too big" } : null),
  };
}
