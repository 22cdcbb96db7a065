import { escapeHtml } from "./layout";

/** The one-time sign-in link (issue 6). Short and plain: it is read on a phone, then thrown away. */
export function signInMail(i: { url: string; minutes: number; locale: "en" | "de" }) {
  const de = i.locale === "de";
  const subject = de ? "Ihr Anmeldelink für den Support" : "Your sign-in link for support";
  const lines = de
    ? [`Mit diesem Link melden Sie sich im Support-Portal an. Er gilt ${i.minutes} Minuten und nur einmal:`, i.url, "", "Falls Sie keinen Link angefordert haben, können Sie diese Nachricht ignorieren."]
    : [`Use this link to sign in to the support portal. It works once, for ${i.minutes} minutes:`, i.url, "", "If you did not ask for it, you can ignore this mail."];
  const html = `<!doctype html><html lang="${i.locale}"><body style="font-family:sans-serif;line-height:1.5">` +
    `<p>${escapeHtml(lines[0]!)}</p><p><a href="${escapeHtml(i.url)}" style="background:#1d4ed8;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${de ? "Anmelden" : "Sign in"}</a></p>` +
    `<p style="color:#555">${escapeHtml(lines[3]!)}</p></body></html>`;
  return { subject, text: lines.join("\n"), html };
}
