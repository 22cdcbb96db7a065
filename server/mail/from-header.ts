import type { Config } from "../config";

/** From of our mail: MAIL_FROM with MAIL_FROM_NAME as its display name when one is set (nodemailer quotes and encodes it). */
export function fromHeader(config: Pick<Config, "mailFrom" | "mailFromName">): string | { name: string; address: string } {
  return config.mailFromName ? { name: config.mailFromName, address: config.mailFrom } : config.mailFrom;
}
