/**
 * The mail templates: pure functions from what happened to { subject, text, html }, in English or
 * German. No database, no transport; the outbox stores what they return.
 */
export { acknowledgement } from "./acknowledgement";
export type { AcknowledgementInput, RefusedAttachment } from "./acknowledgement";
export { staffReply } from "./staff-reply";
export type { StaffReplyInput } from "./staff-reply";
export { requestInformation } from "./request-information";
export type { RequestInformationInput } from "./request-information";
export { resolved } from "./resolved";
export type { ResolvedInput } from "./resolved";
export { reopened } from "./reopened";
export type { ReopenedInput } from "./reopened";
export { escalationReceived } from "./escalation-received";
export type { EscalationReceivedInput, EscalationTarget } from "./escalation-received";
export { slaAlert } from "./sla-alert";
export type { SlaAlertInput } from "./sla-alert";
export { mailRejected } from "./mail-rejected";
export type { MailRejectedInput, MailRejectionReason } from "./mail-rejected";
export { formatDateTime, cleanSubject, ticketSubject } from "./format";
export type { Locale } from "./format";
export { escapeHtml, linkifyLine, safeHref } from "./layout";
export type { RenderedMail } from "./layout";
