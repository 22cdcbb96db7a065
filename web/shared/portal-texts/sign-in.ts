/**
 * The portal's texts: signing in by mailed link, and signing out.
 * English and German, both typed by the interface, so a missing text is a type error rather than
 * a blank label. web/shared/i18n.ts joins the areas.
 */
import type { Lang } from "../i18n";

export interface SignInTexts {
  signIn: {
    title: string;
    intro: string;
    email: string;
    submit: string;
    sending: string;
    emailMissing: string;
    emailInvalid: string;
    sentTitle: string;
    sent: (email: string) => string;
    sentHint: string;
    another: string;
    needed: string;
  };
  link: {
    title: string;
    intro: string;
    button: string;
    busy: string;
    missing: string;
    refusedTitle: string;
    refused: string;
    refusedWhy: string;
    askNew: string;
  };
  signedOut: string;
}

const en: SignInTexts = {
  signIn: {
    title: "Sign in",
    intro: "Enter your email address and we will send you a link that signs you in. No password needed.",
    email: "Email",
    submit: "Send me a sign-in link",
    sending: "Sending…",
    emailMissing: "Please enter your email address.",
    emailInvalid: "Please enter a valid email address, like name@example.com.",
    sentTitle: "Check your mail",
    sent: (e) => `If ${e} may use the portal, a sign-in link is on its way to it.`,
    sentHint: "The link works once, for 15 minutes. If nothing arrives within a few minutes, look in your spam folder or ask for a new link.",
    another: "Use another address",
    needed: "Please sign in to see your tickets.",
  },
  link: {
    title: "Finish signing in",
    intro: "Press the button to sign in to the support portal. We ask you to press it so that programs that check the links in your mail cannot use up your link.",
    button: "Sign in",
    busy: "Signing in…",
    missing: "This address has no sign-in link in it. Ask for a new link below.",
    refusedTitle: "This sign-in link no longer works",
    refused: "You are not signed in: this link has already been used or has expired.",
    refusedWhy: "A sign-in link works only once and only for 15 minutes, so that nobody else can use it later. Ask for a new one: it arrives within a minute.",
    askNew: "Send me a new link",
  },
  signedOut: "You are signed out.",
};

const de: SignInTexts = {
  signIn: {
    title: "Anmelden",
    intro: "Geben Sie Ihre E-Mail-Adresse ein; wir senden Ihnen einen Link, der Sie anmeldet. Ein Passwort ist nicht nötig.",
    email: "E-Mail",
    submit: "Anmeldelink senden",
    sending: "Wird gesendet…",
    emailMissing: "Bitte geben Sie Ihre E-Mail-Adresse ein.",
    emailInvalid: "Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@example.com.",
    sentTitle: "Sehen Sie in Ihr Postfach",
    sent: (e) => `Wenn ${e} das Portal nutzen darf, ist ein Anmeldelink dorthin unterwegs.`,
    sentHint: "Der Link gilt einmal und 15 Minuten lang. Kommt in einigen Minuten nichts an, sehen Sie im Spam-Ordner nach oder fordern Sie einen neuen Link an.",
    another: "Andere Adresse verwenden",
    needed: "Bitte melden Sie sich an, um Ihre Tickets zu sehen.",
  },
  link: {
    title: "Anmeldung abschließen",
    intro: "Drücken Sie die Schaltfläche, um sich im Support-Portal anzumelden. Wir bitten darum, damit Programme, die Links in Ihren E-Mails prüfen, Ihren Link nicht verbrauchen.",
    button: "Anmelden",
    busy: "Anmeldung läuft…",
    missing: "Diese Adresse enthält keinen Anmeldelink. Fordern Sie unten einen neuen an.",
    refusedTitle: "Dieser Anmeldelink gilt nicht mehr",
    refused: "Sie sind nicht angemeldet: Dieser Link wurde bereits verwendet oder ist abgelaufen.",
    refusedWhy: "Ein Anmeldelink gilt nur einmal und nur 15 Minuten, damit ihn später niemand anders nutzen kann. Fordern Sie einen neuen an: Er kommt innerhalb einer Minute.",
    askNew: "Neuen Link senden",
  },
  signedOut: "Sie sind abgemeldet.",
};

export const SIGN_IN_TEXTS: Readonly<Record<Lang, SignInTexts>> = { en, de };
