/**
 * The widget's footprint on the host page: one <tidings-widget> element at the end of <body>,
 * fixed, 0×0, holding an open shadow root with the launcher. Nothing else of the page is touched.
 */
import launcherCss from "./launcher.css?inline";
import { adoptStyles } from "./styles";

export interface Shell {
  hostElement: HTMLElement;
  shadow: ShadowRoot;
  launcher: HTMLButtonElement;
  /** Shows a short alert above the launcher (the dialog could not be loaded); null hides it. */
  alert(text: string | null): void;
}

const SVG = "http://www.w3.org/2000/svg";

function icon(): SVGSVGElement {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  const path = document.createElementNS(SVG, "path");
  // A speech bubble with a question mark.
  path.setAttribute("d", "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2Zm8 3a3 3 0 0 0-3 3h2a1 1 0 1 1 1.5.87c-.9.5-1.5 1.1-1.5 2.13h2c0-.4.2-.6.8-1A3 3 0 0 0 12 7Zm-1 7v2h2v-2h-2Z");
  path.setAttribute("fill", "currentColor");
  svg.append(path);
  return svg;
}

export function createShell(label: string, nonce: string): Shell {
  const hostElement = document.createElement("tidings-widget");
  const shadow = hostElement.attachShadow({ mode: "open" });
  adoptStyles(shadow, launcherCss, nonce);
  const launcher = document.createElement("button");
  launcher.type = "button";
  launcher.className = "launcher";
  launcher.setAttribute("aria-haspopup", "dialog");
  launcher.setAttribute("aria-expanded", "false");
  const text = document.createElement("span");
  text.textContent = label;
  launcher.append(icon(), text);
  const bubble = document.createElement("div");
  bubble.className = "bubble";
  bubble.setAttribute("role", "alert");
  bubble.hidden = true;
  shadow.append(launcher, bubble);
  document.body.append(hostElement);
  return {
    hostElement,
    shadow,
    launcher,
    alert(msg) {
      bubble.textContent = msg ?? "";
      bubble.hidden = msg === null;
    },
  };
}
