import { z } from "zod";
import { ESCALATION_TARGETS } from "../roles";

const email = z.string().trim().max(254).pipe(z.email("must be a valid email address")).transform((s) => s.toLowerCase());

export const loginSchema = z.object({ email, password: z.string().min(1, "is required").max(200) });
export const linkRequestSchema = z.object({
  email,
  next: z.string().max(300).optional(),
  locale: z.enum(["en", "de"]).default("en"),
});
export const linkConsumeSchema = z.object({ token: z.string().min(1, "is required").max(200) });

export const replySchema = z.object({
  body: z.string().trim().min(1, "must not be empty").max(50_000),
  /** Staff only: an internal note is never shown to the client. */
  visibility: z.enum(["public", "internal"]).default("public"),
});
export const reopenSchema = z.object({ reason: z.string().trim().min(3, "must say what is still wrong").max(5000) });
export const ratingSchema = z.object({
  score: z.coerce.number().int().min(1, "must be 1 to 5").max(5, "must be 1 to 5"),
  comment: z.string().trim().max(5000).optional(),
});
export const escalationSchema = z.object({
  target: z.enum(ESCALATION_TARGETS, { message: "must be supervisor or account-manager" }),
  reason: z.string().trim().min(3, "must say why").max(5000),
});
export const CREDENTIAL_KINDS = ["ftp", "ssh", "control-panel", "cms-admin", "license-key", "other"] as const;
export const credentialSchema = z.object({
  kind: z.enum(CREDENTIAL_KINDS),
  label: z.string().trim().min(1).max(200),
  host: z.string().trim().max(300).optional(),
  username: z.string().trim().max(300).optional(),
  secret: z.string().min(1, "must not be empty").max(10_000),
  notes: z.string().trim().max(2000).optional(),
});
export type CredentialInput = z.output<typeof credentialSchema>;

const newPassword = z.string().min(10, "must have at least 10 characters").max(200);
/** The first admin, made with the one-time setup link the start banner printed. */
export const setupSchema = z.object({
  token: z.string().min(1, "is required").max(200),
  email,
  name: z.string().trim().max(200).optional(),
  password: newPassword,
});
export const passwordChangeSchema = z.object({ current: z.string().min(1, "is required").max(200), next: newPassword });
