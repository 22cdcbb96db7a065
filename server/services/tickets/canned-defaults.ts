import type { CannedCategory } from "../../../shared/api/console";

/**
 * The canned answers a new installation starts with: documentation links (SLA 4.10) and one
 * polite out-of-scope answer per subsection 3.1–3.5 of the SLA, each in English and German. Admins
 * edit them in the console. `{{link}}` marks where the agent puts the address of the page; the
 * agent's name and greeting come from the reply mail itself, so the texts carry neither.
 */
export interface CannedDefault { title: string; locale: "en" | "de"; category: CannedCategory; body: string }

const docs = (title: string, titleDe: string, body: string, bodyDe: string): CannedDefault[] => [
  { title, locale: "en", category: "docs", body },
  { title: titleDe, locale: "de", category: "docs", body: bodyDe },
];

const scope = (section: string, title: string, titleDe: string, body: string, bodyDe: string): CannedDefault[] => [
  { title: `${title} (SLA ${section})`, locale: "en", category: "out-of-scope", body },
  { title: `${titleDe} (SLA ${section})`, locale: "de", category: "out-of-scope", body: bodyDe },
];

export const CANNED_DEFAULTS: readonly CannedDefault[] = [
  ...docs(
    "Documentation page",
    "Seite der Dokumentation",
    "Thank you for your question. It is answered step by step in our documentation:\n\n{{link}}\n\n" +
      "If the steps there do not solve the problem, simply reply to this message and tell us at which step it stops working. We will continue from there.",
    "Vielen Dank für Ihre Frage. Sie wird Schritt für Schritt in unserer Dokumentation beantwortet:\n\n{{link}}\n\n" +
      "Falls die Schritte dort das Problem nicht lösen, antworten Sie einfach auf diese Nachricht und schreiben Sie uns, bei welchem Schritt es nicht mehr weitergeht. Wir machen dann dort weiter.",
  ),
  ...docs(
    "Documentation download",
    "Dokumentation zum Herunterladen",
    "Thank you for your question. The manual that covers it can be downloaded here:\n\n{{link}}\n\n" +
      "The chapter named in the table of contents describes the settings in detail. If anything in it is unclear, please reply to this message.",
    "Vielen Dank für Ihre Frage. Das Handbuch, das sie behandelt, können Sie hier herunterladen:\n\n{{link}}\n\n" +
      "Das im Inhaltsverzeichnis genannte Kapitel beschreibt die Einstellungen ausführlich. Wenn darin etwas unklar bleibt, antworten Sie bitte auf diese Nachricht.",
  ),
  ...docs(
    "Forum topic",
    "Thema im Forum",
    "Thank you for your question. The same question has been discussed in our forum, together with a solution:\n\n{{link}}\n\n" +
      "If your case differs from the one described there, please reply with what is different and include the link to the topic, so that we can pick up from it.",
    "Vielen Dank für Ihre Frage. Dieselbe Frage wurde in unserem Forum besprochen, samt Lösung:\n\n{{link}}\n\n" +
      "Falls Ihr Fall von dem dort beschriebenen abweicht, antworten Sie bitte mit dem Unterschied und dem Link auf das Thema, damit wir dort anknüpfen können.",
  ),
  ...docs(
    "FAQ answer",
    "Antwort aus den FAQ",
    "Thank you for your question. It is one of our frequently asked questions; you will find the answer here:\n\n{{link}}\n\n" +
      "If it does not fit your situation, please reply to this message and we will look at it more closely.",
    "Vielen Dank für Ihre Frage. Sie gehört zu unseren häufig gestellten Fragen; die Antwort finden Sie hier:\n\n{{link}}\n\n" +
      "Falls sie nicht zu Ihrer Situation passt, antworten Sie bitte auf diese Nachricht, und wir sehen uns das genauer an.",
  ),
  ...docs(
    "Recommendations on configuring web systems",
    "Empfehlungen zur Konfiguration von Websystemen",
    "Thank you for your question. Recommended configuration parameters for the server software are described in our manual \"Recommendations on Configuring Web Systems\":\n\n{{link}}\n\n" +
      "Your hosting provider or system administrator can apply them on your server. If a recommendation there does not work as described, please let us know which one.",
    "Vielen Dank für Ihre Frage. Empfohlene Konfigurationsparameter der Serversoftware beschreibt unser Handbuch „Empfehlungen zur Konfiguration von Websystemen“:\n\n{{link}}\n\n" +
      "Ihr Hosting-Anbieter oder Ihre Systemadministration kann sie auf Ihrem Server umsetzen. Wenn eine der Empfehlungen nicht wie beschrieben funktioniert, teilen Sie uns bitte mit, welche.",
  ),

  ...scope(
    "3.1",
    "Beyond our support: installing server software",
    "Außerhalb unseres Supports: Installation von Serversoftware",
    "Thank you for your message. Installing software on your server or computer, preparing or moving backup files to the server, and diagnosing software installed on your server or local computer are, we are sorry to say, beyond the scope of our technical support (SLA section 3.1).\n\n" +
      "What we can do: help you install the product along our installation guide, recommend solutions to typical installation problems, advise you on choosing suitable server software, and give general recommendations on backups and on moving a project from a local to a remote server.\n\n" +
      "For installing and setting up the server itself, please contact your hosting provider or a system administrator. If a step of our installation guide fails, send us the step and the exact error message and we will gladly help.",
    "Vielen Dank für Ihre Nachricht. Die Installation von Software auf Ihrem Server oder Computer, das Vorbereiten oder Übertragen von Sicherungsdateien auf den Server sowie die Diagnose von Software auf Ihrem Server oder lokalen Computer gehören leider nicht zum Umfang unseres technischen Supports (SLA Abschnitt 3.1).\n\n" +
      "Gern helfen wir Ihnen bei der Installation des Produkts anhand unserer Installationsanleitung, empfehlen Lösungen für typische Installationsprobleme, beraten Sie bei der Wahl geeigneter Serversoftware und geben allgemeine Empfehlungen zu Sicherungen und zum Umzug eines Projekts von einem lokalen auf einen entfernten Server.\n\n" +
      "Für die Installation und Einrichtung des Servers selbst wenden Sie sich bitte an Ihren Hosting-Anbieter oder Ihre Systemadministration. Wenn ein Schritt unserer Installationsanleitung fehlschlägt, schicken Sie uns den Schritt und die genaue Fehlermeldung – wir helfen Ihnen gern weiter.",
  ),
  ...scope(
    "3.2",
    "Beyond our support: server tuning and code optimisation",
    "Außerhalb unseres Supports: Servertuning und Code-Optimierung",
    "Thank you for your message. Configuring software on your computer or server, running diagnostics or stress tests on your server, and optimising the code or algorithms of components or modules on request are, we are sorry to say, beyond the scope of our technical support (SLA section 3.2).\n\n" +
      "What we can do: recommend server software that helps your project perform, name the configuration parameters from our manual \"Recommendations on Configuring Web Systems\", and help you use the built-in caching and the other features that reduce the load on your site.\n\n" +
      "For tuning the server itself, your hosting provider or system administrator is the right contact; for optimising custom code, a partner or the developer of that code.",
    "Vielen Dank für Ihre Nachricht. Die Konfiguration von Software auf Ihrem Computer oder Server, Diagnosen oder Lasttests auf Ihrem Server sowie die Optimierung von Code oder Algorithmen einzelner Komponenten oder Module auf Wunsch gehören leider nicht zum Umfang unseres technischen Supports (SLA Abschnitt 3.2).\n\n" +
      "Gern empfehlen wir Ihnen Serversoftware, mit der Ihr Projekt schneller läuft, nennen Ihnen die Konfigurationsparameter aus unserem Handbuch „Empfehlungen zur Konfiguration von Websystemen“ und helfen Ihnen, das eingebaute Caching und die anderen Funktionen zu nutzen, die Ihre Website entlasten.\n\n" +
      "Für das Tuning des Servers selbst ist Ihr Hosting-Anbieter oder Ihre Systemadministration der richtige Ansprechpartner, für die Optimierung eigenen Codes ein Partner oder dessen Entwickler.",
  ),
  ...scope(
    "3.3",
    "Beyond our support: server connection and compatibility setup",
    "Außerhalb unseres Supports: Serververbindung und Kompatibilität",
    "Thank you for your message. Help with server connection problems or with configuring a proxy connection, and configuring your server or its software for compatibility with an updated system, are, we are sorry to say, beyond the scope of our technical support (SLA section 3.3).\n\n" +
      "What we can do: investigate and fix license key problems that occur during an update, and problems caused by an update that was not installed correctly. If your problem is one of these, please send us the exact error message and the version you are updating from.\n\n" +
      "For connection and proxy settings, please contact your hosting provider or network administrator.",
    "Vielen Dank für Ihre Nachricht. Hilfe bei Verbindungsproblemen des Servers oder bei der Einrichtung einer Proxy-Verbindung sowie die Anpassung Ihres Servers oder seiner Software an ein aktualisiertes System gehören leider nicht zum Umfang unseres technischen Supports (SLA Abschnitt 3.3).\n\n" +
      "Gern untersuchen und beheben wir Probleme mit dem Lizenzschlüssel, die bei einem Update auftreten, und Probleme, die durch ein nicht korrekt installiertes Update entstanden sind. Falls Ihr Problem dazu gehört, schicken Sie uns bitte die genaue Fehlermeldung und die Version, von der aus Sie aktualisieren.\n\n" +
      "Für Verbindungs- und Proxy-Einstellungen wenden Sie sich bitte an Ihren Hosting-Anbieter oder Ihre Netzwerkadministration.",
  ),
  ...scope(
    "3.4",
    "Beyond our support: server, database and installation errors",
    "Außerhalb unseres Supports: Server-, Datenbank- und Installationsfehler",
    "Thank you for your message. Finding and fixing errors of a software installation, database errors, configuring the server or installing an update directly on your web server, and finding or fixing errors in server software are, we are sorry to say, beyond the scope of our technical support (SLA section 3.4). For installation, database and server questions we can give general instructions and recommendations.\n\n" +
      "What we can do: diagnose errors in the product itself, and help with failures and with recovering the system. If you believe the product causes the error, please send us the steps to reproduce it, the address of the page and the exact error message.\n\n" +
      "For errors in the database or the server software, please contact your hosting provider or system administrator.",
    "Vielen Dank für Ihre Nachricht. Das Finden und Beheben von Fehlern einer Softwareinstallation, Datenbankfehler, die Konfiguration des Servers oder die Installation eines Updates direkt auf Ihrem Webserver sowie das Finden und Beheben von Fehlern in Serversoftware gehören leider nicht zum Umfang unseres technischen Supports (SLA Abschnitt 3.4). Zu Installations-, Datenbank- und Serverfragen geben wir Ihnen gern allgemeine Hinweise und Empfehlungen.\n\n" +
      "Gern untersuchen wir Fehler des Produkts selbst und helfen bei Ausfällen und bei der Wiederherstellung des Systems. Wenn Sie vermuten, dass das Produkt den Fehler verursacht, schicken Sie uns bitte die Schritte, mit denen er sich nachstellen lässt, die Adresse der Seite und die genaue Fehlermeldung.\n\n" +
      "Bei Fehlern in der Datenbank oder der Serversoftware wenden Sie sich bitte an Ihren Hosting-Anbieter oder Ihre Systemadministration.",
  ),
  ...scope(
    "3.5",
    "Beyond our support: custom development",
    "Außerhalb unseres Supports: individuelle Entwicklung",
    "Thank you for your message. Consultation on general programming principles, implementing custom logic and algorithms, diagnosing third-party code, developing custom components, scripts, modules or payment system integrations, and changing the code of existing modules or components for specific business tasks are, we are sorry to say, beyond the scope of our technical support (SLA section 3.5).\n\n" +
      "What we can do: explain how to integrate the product into your site design using the integration manual and the documentation, and answer questions about using the product's API.\n\n" +
      "For custom development, our partners can help you as a paid service.",
    "Vielen Dank für Ihre Nachricht. Beratung zu allgemeinen Grundlagen der Programmierung, die Umsetzung eigener Logik und Algorithmen, die Diagnose von Code Dritter, die Entwicklung eigener Komponenten, Skripte, Module oder Anbindungen von Zahlungssystemen sowie die Änderung des Codes bestehender Module oder Komponenten für bestimmte Geschäftsabläufe gehören leider nicht zum Umfang unseres technischen Supports (SLA Abschnitt 3.5).\n\n" +
      "Gern erklären wir Ihnen anhand des Integrationshandbuchs und der Dokumentation, wie Sie das Produkt in das Design Ihrer Website einbinden, und beantworten Fragen zur Verwendung der API des Produkts.\n\n" +
      "Für individuelle Entwicklungen stehen Ihnen unsere Partner als kostenpflichtige Leistung zur Verfügung.",
  ),
];
