/**
 * The shape of the widget's texts: what every language must word (widget.ts holds them in English
 * and German). Types only, so no bundle carries this file.
 */
import type { ErrorCode, StaffOnlyErrorCode } from "../error-codes";

/** What an error message may mention: the file it is about, counts and sizes in bytes. */
export interface ErrorParams {
  fileName?: string;
  /** The label of the field the server named, already translated. */
  fieldLabel?: string;
  size?: number;
  count?: number;
}

export interface WidgetTexts {
  locale: string;
  launcher: string;
  title: string;
  intro: string;
  close: string;
  required: string;
  email: string;
  description: string;
  descriptionHint: string;
  steps: string;
  stepsHint: string;
  url: string;
  urlHint: string;
  productVersion: string;
  edition: string;
  editionUnknown: string;
  editions: { cloud: string; "self-hosted": string };
  urgent: string;
  urgentHint: string;
  phpinfo: string;
  phpinfoHint: string;
  phpinfoLoading: string;
  phpinfoReady: (hidden: number) => string;
  phpinfoReview: string;
  phpinfoHiddenKeys: string;
  phpinfoFailed: string;
  phpinfoOtherOrigin: string;
  phpinfoTooLarge: string;
  environment: string;
  environmentReview: string;
  files: string;
  filesHint: string;
  attach: string;
  capture: string;
  capturing: string;
  captureFailed: { tainted: string; style: string; tooLarge: string; other: string };
  captureOfferUpload: string;
  zipping: (name: string) => string;
  zipped: (name: string) => string;
  zipFailed: (name: string) => string;
  remove: (name: string) => string;
  /** The button beside each image in the list that opens the picture editor. */
  editImage: string;
  editFailed: string;
  dropHere: string;
  send: string;
  sending: (percent: number) => string;
  offline: string;
  retrying: string;
  retryNow: string;
  invalidSummary: string;
  invalid: {
    emailMissing: string;
    email: string;
    descriptionMissing: string;
    url: string;
    productVersion: string;
    tooLong: (max: number) => string;
  };
  sentTitle: string;
  sentTid: string;
  sentLevel: string;
  sentDue: (when: string, relative: string) => string;
  sentNoDue: string;
  sentUrgent: string;
  sentMail: (email: string) => string;
  newReport: string;
  /** A report that waited (lost connection, closed page) went out later. */
  earlierSent: (tid: string) => string;
  loadFailed: string;
  errors: Record<Exclude<ErrorCode, StaffOnlyErrorCode>, (p: ErrorParams) => string>;
  /** For a failure with no server answer at all, and for codes this version does not know. */
  errorUnknown: (code: string) => string;
}
