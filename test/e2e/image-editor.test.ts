/**
 * The picture editor in real Chromium against the real server (issue 14, acceptance 2 and 5): a
 * blackout drawn over a region leaves only the blackout colour in every pixel of that region of
 * the PNG stored on the ticket, and a crop gives the stored size; once by pointer (on a capture at
 * devicePixelRatio 2, in the widget), once by keyboard alone (on an uploaded JPEG), and in the
 * portal's reply form; axe finds no serious or critical violation with the editor open.
 * `EDITOR_SCREENSHOTS=<dir>` also writes pictures of the open editor (English and German) there.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { and, desc, eq } from "drizzle-orm";
import { PNG } from "pngjs";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { outbox } from "../../server/db/schema";
import { adminHeaders } from "../support/test-app";
import { answerOf } from "../support/answers";
import { ticketViewSchema } from "../../shared/api/ticket-view";
import { describeBrowser, launchChromium } from "../support/browser";
import { seriousViolations } from "./axe";
import { startTidings, type TidingsServer } from "./servers";
import { blackout, expectEdited, gifPattern, inCrop, pattern, rectOf } from "./image-editor-pictures";

const SHOTS = process.env.EDITOR_SCREENSHOTS || null;
const CLIENT = "editor-client@kunde.example";
describeBrowser("the picture editor", () => {
  let tidings: TidingsServer;
  let browser: Browser;
  const problems: string[] = [];

  beforeAll(async () => {
    [tidings, browser] = await Promise.all([startTidings(), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await tidings?.close();
  });

  async function newPage(opts: Parameters<Browser["newContext"]>[0]): Promise<{ ctx: BrowserContext; page: Page; fetched: (file: string) => boolean }> {
    const ctx = await browser.newContext(opts);
    const page = await ctx.newPage();
    const requested: string[] = [];
    page.on("request", (r) => requested.push(r.url()));
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    // html2canvas's one inline <style> in its clone is refused by the demo page's CSP (see demo-flow).
    page.on("console", (m) => m.type() === "error" && !/^Applying inline style violates|status of 4\d\d/.test(m.text()) && problems.push(m.text()));
    return { ctx, page, fetched: (file) => requested.some((u) => u.endsWith(`/${file}`)) };
  }

  const api = async (p: string) => {
    const res = await fetch(`${tidings.url}${p}`, { headers: adminHeaders });
    expect(res.status, p).toBe(200);
    return res;
  };
  /** The one stored attachment of a ticket: its name, type and decoded pixels. */
  const stored = async (tid: string) => {
    const ticket = await answerOf(await api(`/api/v1/tickets/${tid}`), ticketViewSchema);
    const [file] = ticket.attachments as { fileName: string; contentType: string; url: string }[];
    const bytes = Buffer.from(await (await api(file!.url)).arrayBuffer());
    return { ...file!, bytes, png: PNG.sync.read(bytes) };
  };

  const widget = (page: Page) => page.getByRole("dialog", { name: "Contact support" });
  const focusedName = (page: Page) =>
    page.evaluate(() => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return (el?.getAttribute("aria-label") ?? el?.textContent ?? "").trim();
    });
  /** Presses Tab (or Shift+Tab) until the focused element is called `name`. */
  async function tabTo(page: Page, name: string, back = false): Promise<void> {
    for (let i = 0; i < 40; i++) {
      if ((await focusedName(page)) === name) return;
      await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    }
    throw new Error(`Tab never reached "${name}" (focus is on "${await focusedName(page)}")`);
  }
  async function press(page: Page, key: string, times: number): Promise<void> {
    for (let i = 0; i < times; i++) await page.keyboard.press(key);
  }
  /** Drags across the canvas between two fractions of its box; returns the status shown mid-drag. */
  async function drag(page: Page, editor: Locator, from: [number, number], to: [number, number]): Promise<string> {
    const box = (await editor.locator("canvas").boundingBox())!;
    await page.mouse.move(box.x + box.width * from[0], box.y + box.height * from[1]);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * to[0], box.y + box.height * to[1], { steps: 5 });
    const status = (await editor.getByRole("status").textContent())!;
    await page.mouse.up();
    return status;
  }
  /** Attaches `file` with the `attach` button of `form` and opens the editor on it with the `edit` button; the editor. */
  async function editAttached(page: Page, form: Locator, file: { name: string; mimeType: string; buffer: Buffer }, buttons: { attach: string; edit: string }): Promise<Locator> {
    const chooser = page.waitForEvent("filechooser");
    await form.getByRole("button", { name: buttons.attach }).click();
    await (await chooser).setFiles([file]);
    await form.getByRole("button", { name: buttons.edit }).click();
    return page.getByRole("dialog", { name: buttons.edit });
  }

  async function send(page: Page): Promise<string> {
    await widget(page).getByRole("button", { name: "Send" }).click();
    const text = await widget(page).getByText(/^TID#\d{7,}$/).textContent({ timeout: 20_000 });
    return text!.slice(4);
  }

  test("by pointer, on a capture at devicePixelRatio 2: the hidden region is black in the stored PNG, which has the crop's size", async () => {
    const { ctx, page, fetched } = await newPage({ viewport: { width: 1024, height: 720 }, deviceScaleFactor: 2, locale: "en-GB" });
    await page.goto(`${tidings.url}/`);
    await page.getByRole("button", { name: "Support" }).click();
    await widget(page).getByLabel("Describe the problem").fill("Editor by pointer: the totals are wrong");
    await widget(page).getByRole("button", { name: "Capture screenshot" }).click();
    const listed = widget(page).getByText(/^screenshot-\d{8}-\d{6}\.png$/);
    await listed.waitFor();
    const name = (await listed.textContent())!;
    expect(fetched(tidings.manifest.files.editor)).toBe(false);

    await widget(page).getByRole("button", { name: "Edit screenshot" }).click();
    const editor = page.getByRole("dialog", { name: "Edit screenshot" });
    await editor.getByRole("application", { name: "Picture" }).waitFor();
    expect(fetched(tidings.manifest.files.editor)).toBe(true);
    expect(await editor.getAttribute("aria-modal")).toBe("true");
    // In the widget's own shadow root, beside its dialog: the page's CSS cannot reach it.
    expect(await page.evaluate(() => !!document.querySelector("tidings-widget")?.shadowRoot?.querySelector(".tdg-ed[role=dialog]"))).toBe(true);
    // The capture has the device's pixels, twice the CSS pixels of the viewport.
    await editor.getByText(`${name}, 2048 × 1440 pixels`).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    const hideButton = editor.getByRole("button", { name: "Hide" });
    await hideButton.click();
    expect(await hideButton.getAttribute("aria-pressed")).toBe("true");
    expect(await editor.getByRole("button", { name: "Crop" }).getAttribute("aria-pressed")).toBe("false");
    const hide = rectOf(await drag(page, editor, [0.3, 0.3], [0.5, 0.55]));
    await editor.getByRole("status").getByText("Hide added.").waitFor();
    await editor.getByRole("button", { name: "Highlight" }).click();
    await drag(page, editor, [0.6, 0.1], [0.9, 0.3]);
    await editor.getByRole("button", { name: "Arrow" }).click();
    await drag(page, editor, [0.7, 0.6], [0.55, 0.45]);
    await editor.getByRole("button", { name: "Crop" }).click();
    const crop = rectOf(await drag(page, editor, [0.1, 0.1], [0.95, 0.8]));
    await editor.getByRole("status").getByText(`Cropped to ${crop.w} × ${crop.h} pixels.`).waitFor();
    // The drag is in CSS pixels of a canvas shown smaller than the capture: the rectangles are in the capture's.
    expect(hide.w).toBeGreaterThan(400);
    expect(crop.w).toBeGreaterThan(1600);
    expect(await seriousViolations(page)).toEqual([]);
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, "widget-editor-en.png") });

    await editor.getByRole("button", { name: "Done" }).click();
    await editor.waitFor({ state: "detached" });
    expect(await widget(page).getByText(name, { exact: true }).count()).toBe(1);
    const file = await stored(await send(page));
    const region = expectEdited(file, name, crop, hide);
    // The page around it is still there: the black is the blackout's, not the page's.
    expect(region.blackAround).toBeLessThan(region.around);
    expect(problems).toEqual([]);
    await ctx.close();
  });

  test("by keyboard alone, on an uploaded JPEG: Escape cancels, tools by Tab and Enter, arrows and Shift+arrows, undo and redo", async () => {
    const { ctx, page } = await newPage({ viewport: { width: 1280, height: 900 }, locale: "en-GB" });
    await page.goto(`${tidings.url}/`);
    const jpeg = Buffer.from(await page.evaluate(async (png) => {
      const bitmap = await createImageBitmap(new Blob([new Uint8Array(png)], { type: "image/png" }));
      const c = document.createElement("canvas");
      [c.width, c.height] = [bitmap.width, bitmap.height];
      c.getContext("2d")!.drawImage(bitmap, 0, 0);
      const blob = await new Promise<Blob>((r) => c.toBlob((b) => r(b!), "image/jpeg", 0.92));
      return Array.from(new Uint8Array(await blob.arrayBuffer()));
    }, Array.from(pattern())));
    await page.getByRole("button", { name: "Support" }).focus();
    await page.keyboard.press("Enter");
    await widget(page).getByLabel("Describe the problem").waitFor();
    await page.keyboard.type("Editor by keyboard: the invoice shows a customer's address");
    const chooser = page.waitForEvent("filechooser");
    await tabTo(page, "Attach files");
    await page.keyboard.press("Enter");
    await (await chooser).setFiles([{ name: "invoice.jpg", mimeType: "image/jpeg", buffer: jpeg }]);
    await widget(page).getByText("invoice.jpg", { exact: true }).waitFor();
    const editor = page.getByRole("dialog", { name: "Edit screenshot" });

    await tabTo(page, "Edit screenshot");
    await page.keyboard.press("Enter");
    await editor.getByText("invoice.jpg, 400 × 300 pixels").waitFor();
    await expect.poll(() => focusedName(page)).toBe("Crop"); // focus moves in an effect: wait for it under load
    await page.keyboard.press("Escape");
    await editor.waitFor({ state: "detached" });
    expect(await focusedName(page)).toBe("Edit screenshot");
    expect(await widget(page).getByText("invoice.jpg", { exact: true }).count()).toBe(1);

    await page.keyboard.press("Enter");
    await editor.getByText("invoice.jpg, 400 × 300 pixels").waitFor();
    await tabTo(page, "Hide");
    await page.keyboard.press("Enter");
    expect(await focusedName(page)).toBe("Picture");
    const status = editor.getByRole("status");
    expect(await status.textContent()).toBe("Hide: 100 × 75 pixels at 150, 113. Enter adds it.");
    await press(page, "ArrowLeft", 5);
    await press(page, "Shift+ArrowRight", 5);
    await press(page, "Shift+ArrowDown", 2);
    expect(await status.textContent()).toBe("Hide: 120 × 83 pixels at 130, 113. Enter adds it.");
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, "widget-editor-keyboard.png") });
    await page.keyboard.press("Enter");
    expect(await status.textContent()).toBe("Hide added.");
    const hide = { x: 130, y: 113, w: 120, h: 83 };

    await tabTo(page, "Crop", true);
    await page.keyboard.press("Enter");
    expect(await status.textContent()).toBe("Crop: 400 × 300 pixels at 0, 0. Enter adds it.");
    await press(page, "Shift+ArrowLeft", 10);
    await press(page, "Shift+ArrowUp", 15);
    await press(page, "ArrowRight", 5);
    await press(page, "ArrowDown", 4);
    expect(await status.textContent()).toBe("Crop: 360 × 240 pixels at 20, 16. Enter adds it.");
    await page.keyboard.press("Enter");
    expect(await status.textContent()).toBe("Cropped to 360 × 240 pixels.");
    const crop = { x: 20, y: 16, w: 360, h: 240 };
    await editor.getByText("invoice.jpg, 360 × 240 pixels").waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await tabTo(page, "Undo");
    await page.keyboard.press("Enter");
    expect(await status.textContent()).toBe("Undone.");
    await editor.getByText("invoice.jpg, 400 × 300 pixels").waitFor();
    await tabTo(page, "Redo");
    await page.keyboard.press("Enter");
    expect(await status.textContent()).toBe("Redone.");
    await editor.getByText("invoice.jpg, 360 × 240 pixels").waitFor();

    // Focus stays in the dialog: Tab from its last button comes round to its first.
    await tabTo(page, "Done");
    await page.keyboard.press("Tab");
    expect(await focusedName(page)).toBe("Crop");
    await page.keyboard.press("Shift+Tab");
    expect(await focusedName(page)).toBe("Done");
    await page.keyboard.press("Enter");
    await editor.waitFor({ state: "detached" });
    // The JPEG became a PNG of the same name; focus is back on its button.
    await widget(page).getByText("invoice.png", { exact: true }).waitFor();
    expect(await widget(page).getByText("invoice.jpg", { exact: true }).count()).toBe(0);
    expect(await focusedName(page)).toBe("Edit screenshot");

    await tabTo(page, "Send");
    await page.keyboard.press("Enter");
    const tid = (await widget(page).getByText(/^TID#\d{7,}$/).textContent({ timeout: 20_000 }))!.slice(4);
    const file = await stored(tid);
    expect(expectEdited(file, "invoice.png", crop, hide).blackAround).toBe(0);
    expect(problems).toEqual([]);
    await ctx.close();
  });

  test("in German, on an uploaded GIF: the button, the dialog and its tools speak German; the GIF comes back as a PNG", async () => {
    const { ctx, page } = await newPage({ viewport: { width: 1280, height: 860 }, locale: "de-DE" });
    await page.goto(`${tidings.url}/`);
    await page.getByRole("button", { name: "Support" }).click();
    const dialog = page.getByRole("dialog", { name: "Support kontaktieren" });
    const file = { name: "rechnung.gif", mimeType: "image/gif", buffer: gifPattern() };
    const editor = await editAttached(page, dialog, file, { attach: "Dateien anhängen", edit: "Screenshot bearbeiten" });
    await editor.getByText("rechnung.gif, 400 × 300 Pixel").waitFor();
    expect(await editor.getByRole("application", { name: "Bild" }).count()).toBe(1);
    for (const name of ["Zuschneiden", "Hervorheben", "Schwärzen", "Pfeil", "Rückgängig", "Wiederholen", "Fertig", "Abbrechen"]) {
      expect(await editor.getByRole("button", { name, exact: true }).count(), name).toBe(1);
    }
    await editor.getByRole("button", { name: "Hervorheben" }).click();
    await drag(page, editor, [0.1, 0.1], [0.45, 0.4]);
    await editor.getByRole("button", { name: "Schwärzen" }).click();
    expect(await editor.getByRole("status").textContent()).toBe("Schwärzen: 100 × 75 Pixel bei 150, 113. Eingabe fügt es hinzu.");
    expect(await seriousViolations(page)).toEqual([]);
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, "widget-editor-de.png") });
    await page.keyboard.press("Enter");
    expect(await editor.getByRole("status").textContent()).toBe("Schwärzen: hinzugefügt.");
    await editor.getByRole("button", { name: "Fertig" }).click();
    await editor.waitFor({ state: "detached" });
    await dialog.getByText("rechnung.png", { exact: true }).waitFor();
    expect(await dialog.getByText("rechnung.gif", { exact: true }).count()).toBe(0);
    expect(problems).toEqual([]);
    await ctx.close();
  });

  test("in the portal's reply form: the edited picture is what the reply stores; axe with the editor open", async () => {
    const reg = await fetch(`${tidings.url}/api/v1/tickets`, {
      method: "POST",
      headers: { ...adminHeaders, "Content-Type": "application/json" },
      body: JSON.stringify({ email: CLIENT, description: "The invoice page shows another customer's address", edition: "cloud" }),
    });
    const tid = ((await reg.json()) as { tid: string }).tid;
    const { ctx, page } = await newPage({ viewport: { width: 1280, height: 900 }, locale: "en-GB" });
    await page.goto(`${tidings.url}/portal/`);
    await page.getByLabel("Email").fill(CLIENT);
    await page.getByRole("button", { name: "Send me a sign-in link" }).click();
    await page.getByRole("heading", { name: "Check your mail" }).waitFor();
    const [mail] = await tidings.t.deps.db.select().from(outbox).where(and(eq(outbox.toAddress, CLIENT), eq(outbox.kind, "sign-in"))).orderBy(desc(outbox.id)).limit(1);
    await page.goto(/https?:\/\/\S+\/portal\/sign-in\?token=[A-Za-z0-9_-]+/.exec(mail!.textBody)![0]);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "My tickets" }).waitFor();

    await page.goto(`${tidings.url}/portal/t/${tid}`);
    const reply = page.getByRole("region", { name: "Reply" });
    await reply.getByLabel("Your message").fill("Here it is, with the address hidden.");
    const editor = await editAttached(page, reply, { name: "invoice.png", mimeType: "image/png", buffer: pattern() }, { attach: "Attach files", edit: "Edit screenshot" });
    await editor.getByText("invoice.png, 400 × 300 pixels").waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await editor.getByRole("button", { name: "Hide" }).click();
    const hide = rectOf(await drag(page, editor, [0.05, 0.1], [0.4, 0.3]));
    await editor.getByRole("button", { name: "Crop" }).click();
    const crop = rectOf(await drag(page, editor, [0.02, 0.02], [0.7, 0.6]));
    expect(await seriousViolations(page)).toEqual([]);
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, "portal-editor-en.png") });
    await editor.getByRole("button", { name: "Done" }).click();
    await editor.waitFor({ state: "detached" });
    await reply.getByRole("button", { name: "Send reply" }).click();
    await reply.getByText("Your reply was added to the ticket.").waitFor();

    const download = page.getByRole("region", { name: "Conversation" }).getByRole("link", { name: /^Download invoice\.png/ });
    const bytes = Buffer.from(await (await page.request.get(`${tidings.url}${await download.getAttribute("href")}`)).body());
    const png = PNG.sync.read(bytes);
    expect([png.width, png.height]).toEqual([crop.w, crop.h]);
    const region = blackout(png, inCrop(hide, crop));
    expect(region.notBlack).toBe(0);
    expect(region.blackAround).toBe(0);
    expect(problems).toEqual([]);
    await ctx.close();
  });
});

if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });
