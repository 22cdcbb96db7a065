// @vitest-environment happy-dom
/**
 * "Edit screenshot" in the widget's list (the editor itself is the lazy chunk, replaced here by
 * the harness's editImage): which files get the button, and what becomes of the list when the
 * editor answers with a picture, cancels, answers with one too large, or cannot be loaded.
 */
import { afterEach, expect, test } from "vitest";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { bmp, gif, jpeg, png } from "../fixtures/files";
import { chooseFiles, created, dialog, file, listed, renderWidget } from "./harness";

afterEach(() => {
  cleanup();
  document.body.innerHTML = "";
});

const editButtons = () => within(dialog()).queryAllByRole("button", { name: "Edit screenshot" });

test("each image has an 'Edit screenshot' button described by its name; an archive has none", async () => {
  renderWidget().open();
  chooseFiles([file(png(), "a.png"), file(gif(), "b.gif"), file(bmp(), "c.bmp"), file(jpeg(), "d.jpg")]);
  await waitFor(() => expect(listed()).toEqual(["a.png", "b.gif", "c.zip", "d.jpg"]));
  const buttons = editButtons();
  expect(buttons.map((b) => document.getElementById(b.getAttribute("aria-describedby")!)?.textContent)).toEqual(["a.png", "b.gif", "d.jpg"]);
});

test("the edited picture takes the original's place in the list and in the report", async () => {
  const asked: { name: string; size: number }[] = [];
  const edited = file(png(), "d.png");
  const h = renderWidget({
    settings: { email: "a@shop.example" },
    editImage: (blob, name) => {
      asked.push({ name, size: blob.size });
      return Promise.resolve(edited);
    },
  });
  h.respond(created());
  h.open();
  chooseFiles([file(png(), "a.png"), file(jpeg(), "d.jpg"), file(gif(), "e.gif")]);
  await waitFor(() => expect(listed()).toEqual(["a.png", "d.jpg", "e.gif"]));
  fireEvent.click(editButtons()[1]!);
  await waitFor(() => expect(listed()).toEqual(["a.png", "d.png", "e.gif"]));
  expect(asked).toEqual([{ name: "d.jpg", size: jpeg().length }]);
  fireEvent.input(screen.getByLabelText("Describe the problem"), { target: { value: "Edited" } });
  fireEvent.submit(dialog().querySelector("form")!);
  expect(await screen.findByText("TID#1000015")).toBeTruthy();
  expect(h.requests[0]!.files).toEqual([
    { name: "a.png", size: png().length },
    { name: "d.png", size: edited.size },
    { name: "e.gif", size: gif().length },
  ]);
});

test("cancelled, the list stays; an edited picture over the limit is refused and the original kept", async () => {
  let answer: File | null = null;
  let calls = 0;
  renderWidget({ editImage: () => (calls++, Promise.resolve(answer)) }).open();
  chooseFiles([file(jpeg(), "d.jpg")]);
  await waitFor(() => expect(listed()).toEqual(["d.jpg"]));
  fireEvent.click(editButtons()[0]!);
  await waitFor(() => expect(calls).toBe(1));
  expect(listed()).toEqual(["d.jpg"]);
  expect(within(dialog()).queryByRole("alert")).toBeNull();
  answer = file(Buffer.concat([png(), Buffer.alloc(10 * 1024 * 1024)]), "d.png");
  fireEvent.click(editButtons()[0]!);
  await waitFor(() => expect(within(dialog()).getByRole("alert").textContent).toBe('"d.png" is 10.0 MiB; each attachment may be at most 10 MiB.'));
  expect(listed()).toEqual(["d.jpg"]);
});

test("an editor that cannot be loaded says so", async () => {
  renderWidget({ editImage: () => Promise.reject(new Error("Tidings: could not load editor.js")) }).open();
  chooseFiles([file(png(), "a.png")]);
  await waitFor(() => expect(listed()).toEqual(["a.png"]));
  fireEvent.click(editButtons()[0]!);
  await waitFor(() => expect(within(dialog()).getByRole("alert").textContent).toBe("The picture editor could not be loaded. Please check your connection and try again."));
});
