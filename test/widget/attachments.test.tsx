// @vitest-environment happy-dom
import { afterEach, describe, expect, test } from "vitest";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/preact";
import { bmp, gif, jpeg, png } from "../fixtures/files";
import { FAKE_SECRETS, phpinfoPage } from "../../server/http/demo-phpinfo";
import { CAPTURE_TEXTS } from "../../shared/i18n/capture";
import { chooseFiles, created, dialog, file, listed, renderWidget } from "./harness";

afterEach(() => {
  cleanup();
  document.body.innerHTML = "";
});

const send = () => fireEvent.submit(dialog().querySelector("form")!);

describe("screenshots and files", () => {
  test("PNG, GIF and JPEG go as they are, a BMP is zipped, anything else is refused in the server's words", async () => {
    const zipped: string[] = [];
    const h = renderWidget({ settings: { email: "a@shop.example" }, zip: (name, data) => { zipped.push(name); return Promise.resolve(new Blob([new Uint8Array([0x50, 0x4b, 0x03, 0x04]), data])); } });
    h.respond(created());
    h.open();
    chooseFiles([file(png(), "error.png"), file(gif(), "spinner.gif"), file(jpeg(), "photo.jpg"), file(bmp(), "Screen 1.bmp"), file(Buffer.from("MZ\x90\x00"), "tool.exe")]);
    await waitFor(() => expect(listed()).toEqual(["error.png", "spinner.gif", "photo.jpg", "Screen 1.zip"]));
    expect(zipped).toEqual(["Screen 1.bmp"]);
    expect(screen.getByText(/zipped from Screen 1\.bmp/)).toBeTruthy();
    expect(within(dialog()).getByRole("alert").textContent).toBe(
      '"tool.exe" is not a file type we accept (judged by its contents, not its name). Allowed types: PNG, GIF, JPEG, ZIP, RAR.',
    );
    fireEvent.click(screen.getByRole("button", { name: "Remove spinner.gif" }));
    fireEvent.input(screen.getByLabelText("Describe the problem"), { target: { value: "Layout broken" } });
    send();
    expect(await screen.findByText("TID#1000015")).toBeTruthy();
    expect(h.requests[0]!.files.map((f) => f.name)).toEqual(["error.png", "photo.jpg", "Screen 1.zip"]);
  });

  test("limits are checked before upload: the eleventh file and an oversized one are refused", async () => {
    const h = renderWidget();
    h.open();
    chooseFiles(Array.from({ length: 11 }, (_, i) => file(png(), `shot-${i}.png`)));
    await waitFor(() => expect(listed()).toHaveLength(10));
    expect(within(dialog()).getByRole("alert").textContent).toBe("A ticket can carry at most 10 attachments; this one has 11.");
    fireEvent.click(screen.getByRole("button", { name: "Remove shot-0.png" }));
    const big = Buffer.concat([png(), Buffer.alloc(10 * 1024 * 1024)]);
    chooseFiles([file(big, "huge.png")]);
    await waitFor(() => expect(within(dialog()).getByRole("alert").textContent).toBe('"huge.png" is 10.0 MiB; each attachment may be at most 10 MiB.'));
    expect(listed()).toHaveLength(9);
  });

  test("dropped and pasted images are attached too", async () => {
    const h = renderWidget();
    h.open();
    fireEvent.drop(dialog(), { dataTransfer: { files: [file(png(), "dropped.png")], types: ["Files"] } });
    fireEvent.paste(screen.getByLabelText("Describe the problem"), { clipboardData: { files: [file(png(), "image.png")] } });
    await waitFor(() => expect(listed()).toEqual(["dropped.png", "image.png"]));
    expect(h.requests).toHaveLength(0);
  });

  test("a capture is attached as a PNG; a failed one says why and offers upload", async () => {
    let fail: Error | null = null;
    const h = renderWidget({
      capture: () => (fail ? Promise.reject(fail) : Promise.resolve(new Blob([new Uint8Array(png())], { type: "image/png" }))),
    });
    h.open();
    fireEvent.click(screen.getByRole("button", { name: "Capture screenshot" }));
    await waitFor(() => expect(listed()).toEqual(["screenshot-20260302-090000.png"]));
    fail = new Error('Attempting to parse an unsupported color function "oklch"');
    fireEvent.click(screen.getByRole("button", { name: "Capture screenshot" }));
    const alert = await within(dialog()).findByRole("alert");
    expect(alert.textContent).toBe(
      "The page uses styles the screenshot tool cannot read yet, so it cannot be captured. Take a screenshot with your system's tool instead and add it with “Attach files”.",
    );
    fail = Object.assign(new Error("Failed to execute 'toBlob' on 'HTMLCanvasElement': Tainted canvases may not be exported."), { name: "SecurityError" });
    fireEvent.click(screen.getByRole("button", { name: "Capture screenshot" }));
    await waitFor(() => expect(within(dialog()).getByRole("alert").textContent).toMatch(/^The page shows images from other sites/));
    expect(listed()).toHaveLength(1);
  });

  test("where the page cannot be drawn, the dialog says what the browser will ask, then asks it from the click", async () => {
    const grabbed: string[] = [];
    let refuse = false;
    const h = renderWidget({
      lang: "de",
      capture: () => Promise.reject(new Error("The page is too large to capture")),
      browserCapture: (lang) => ({
        ...CAPTURE_TEXTS[lang],
        grab: (widget) => {
          // Synchronous up to here: the browser grants getDisplayMedia only in the click's turn.
          grabbed.push(widget.tagName);
          return refuse ? Promise.reject(Object.assign(new Error("Permission denied"), { name: "NotAllowedError" })) : Promise.resolve(new Blob([new Uint8Array(png())], { type: "image/png" }));
        },
      }),
    });
    h.open();
    fireEvent.click(screen.getByRole("button", { name: "Screenshot aufnehmen" }));
    const alert = await within(dialog()).findByRole("alert");
    expect(alert.textContent).toBe(`Die Seite ist zu groß für eine Aufnahme. ${CAPTURE_TEXTS.de.explain}`);
    fireEvent.click(within(dialog()).getByRole("button", { name: "Mit dem Browser aufnehmen" }));
    expect(grabbed).toHaveLength(1);
    await waitFor(() => expect(listed()).toEqual(["screenshot-20260302-090000.png"]));
    expect(within(dialog()).queryByRole("button", { name: "Mit dem Browser aufnehmen" })).toBeNull();

    refuse = true;
    fireEvent.click(screen.getByRole("button", { name: "Screenshot aufnehmen" }));
    fireEvent.click(await within(dialog()).findByRole("button", { name: "Mit dem Browser aufnehmen" }));
    await waitFor(() => expect(within(dialog()).getByRole("alert").textContent).toMatch(/Werkzeug Ihres Systems/));
    expect(listed()).toHaveLength(1);
  });

  test("phpinfo: ticking shows what will be sent, redacted; the upload holds no secret", async () => {
    const h = renderWidget({ settings: { email: "a@shop.example" }, tag: { phpinfoUrl: "/admin/phpinfo.php" }, phpinfoFetch: (() =>
      Promise.resolve(new Response(phpinfoPage({ host: "shop.example", userAgent: "UA", nonce: "n", remoteAddr: "203.0.113.1" })))) as unknown as typeof fetch });
    h.respond(created());
    h.open();
    fireEvent.click(screen.getByRole("checkbox", { name: "Include server configuration (phpinfo)" }));
    expect(await screen.findByText(/secret values were hidden\./)).toBeTruthy();
    expect(screen.getByText("Review what will be sent")).toBeTruthy();
    const preview = dialog().querySelector("pre")!.textContent;
    expect(preview).toContain("DB_PASSWORD => [REDACTED]");
    expect(screen.getByText(/^Hidden: .*DB_PASSWORD/)).toBeTruthy();
    fireEvent.input(screen.getByLabelText("Describe the problem"), { target: { value: "Slow admin" } });
    send();
    await screen.findByText("TID#1000015");
    const sent = h.requests[0]!.fields.phpinfo!;
    expect(sent).toBe(preview);
    for (const secret of Object.values(FAKE_SECRETS)) expect(sent).not.toContain(secret);
  });
});
