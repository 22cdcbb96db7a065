// @vitest-environment happy-dom
/**
 * The picture editor's dialog (ui/editor/Editor.tsx) in happy-dom, without pixels (the real
 * canvas is the e2e suite's): its names and states, the keyboard scheme as the status line tells
 * it, undo and redo, Escape, and the document Done hands over.
 */
import { afterEach, expect, test } from "vitest";
import { cleanup, fireEvent, render, screen } from "@testing-library/preact";
import { EDITOR_TEXTS } from "../../shared/i18n/editor";
import { Editor } from "../../ui/editor/Editor";
import type { Doc } from "../../ui/editor/model";

afterEach(cleanup);

function open(lang: "en" | "de" = "en", picture: Parameters<typeof Editor>[0]["picture"] = { image: {} as CanvasImageSource, size: { w: 400, h: 300 } }) {
  const seen: { done: Doc[]; cancelled: number } = { done: [], cancelled: 0 };
  render(<Editor t={EDITOR_TEXTS[lang]} name="shot.png" picture={picture} onDone={(d) => seen.done.push(d)} onCancel={() => seen.cancelled++} />);
  return seen;
}
const button = (name: string) => screen.getByRole("button", { name });
const status = () => screen.getByRole("status").textContent;
const key = (el: Element, k: string, shift = false) => fireEvent.keyDown(el, { key: k, shiftKey: shift });

test("a modal dialog named 'Edit screenshot', the tools with aria-pressed, focus on the first tool", () => {
  open();
  const dialog = screen.getByRole("dialog", { name: "Edit screenshot" });
  expect(dialog.getAttribute("aria-modal")).toBe("true");
  expect(screen.getAllByRole("button").map((b) => b.textContent)).toEqual(["Crop", "Highlight", "Hide", "Arrow", "Undo", "Redo", "Cancel", "Done"]);
  expect(document.activeElement).toBe(button("Crop"));
  expect(button("Undo").getAttribute("aria-disabled")).toBe("true");
  fireEvent.click(button("Highlight"));
  expect(["Crop", "Highlight", "Hide", "Arrow"].map((n) => button(n).getAttribute("aria-pressed"))).toEqual(["false", "true", "false", "false"]);
  expect(document.activeElement).toBe(screen.getByRole("application", { name: "Picture" }));
});

test("keyboard: arrows move the frame, Shift+arrows size it, Enter adds it; Undo and Redo step through", () => {
  const seen = open();
  const canvas = screen.getByRole("application", { name: "Picture" });
  key(canvas, "ArrowRight");
  expect(status()).toBe("Choose a tool first: Crop, Highlight, Hide or Arrow.");
  fireEvent.click(button("Hide"));
  key(canvas, "ArrowUp");
  key(canvas, "ArrowDown", true);
  expect(status()).toBe("Hide: 100 × 79 pixels at 150, 109. Enter adds it.");
  key(canvas, "Enter");
  expect(status()).toBe("Hide added.");
  fireEvent.click(button("Arrow"));
  key(canvas, "ArrowLeft", true);
  expect(status()).toBe("Arrow from 100, 75 to 196, 150. Enter adds it.");
  key(canvas, " ");
  fireEvent.click(button("Undo"));
  expect(status()).toBe("Undone.");
  fireEvent.keyDown(canvas, { key: "z", ctrlKey: true });
  expect(button("Undo").getAttribute("aria-disabled")).toBe("true");
  fireEvent.keyDown(canvas, { key: "y", ctrlKey: true });
  expect(status()).toBe("Redone.");
  fireEvent.click(button("Done"));
  expect(seen.done).toEqual([{ crop: null, marks: [{ tool: "hide", r: { x: 150, y: 109, w: 100, h: 79 } }] }]);
});

test("Escape cancels; German names", () => {
  const seen = open("de");
  screen.getByRole("dialog", { name: "Screenshot bearbeiten" });
  expect(["Zuschneiden", "Hervorheben", "Schwärzen", "Pfeil", "Rückgängig", "Wiederholen", "Fertig"].every((n) => button(n))).toBe(true);
  key(screen.getByRole("dialog"), "Escape");
  expect(seen.cancelled).toBe(1);
});

test("a picture that cannot be decoded says so and offers only Cancel", () => {
  open("en", new Error("broken"));
  expect(screen.getByRole("alert").textContent).toBe("This picture could not be opened for editing.");
  expect(screen.getAllByRole("button").map((b) => [b.textContent, (b as HTMLButtonElement).disabled])).toEqual([["Cancel", false], ["Done", true]]);
});
