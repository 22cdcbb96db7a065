/**
 * The staff console's admin pages end to end, in real Chromium against the real app (issue 7,
 * acceptance 1 and 2): an admin adds a holiday, a site and a closure; axe on every page. The
 * suite's setup is console-suite.ts; the agent's and supervisor's flows are console.test.ts.
 */
import { expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { closures, sites, holidays } from "../../server/db/schema";
import { describeBrowser } from "../support/browser";
import { seriousViolations } from "./axe";
import { adminHeaders } from "../support/test-app";
import { consoleSuite } from "./console-suite";

describeBrowser("the staff console's admin pages", () => {
  const { s, request, shot, axe, heading, signIn } = consoleSuite();

  test("an admin adds a holiday and a site (with its snippet), and every admin page passes axe", async () => {
    await signIn("admin@support.test");
    await s.page.getByRole("link", { name: "Holidays" }).click();
    await heading("Holidays").waitFor();
    await s.page.getByLabel("Date").fill("2026-12-28");
    await s.page.getByLabel("Name", { exact: true }).fill("Team offsite");
    await s.page.getByRole("button", { name: "Add holiday" }).click();
    await s.page.getByText(/^Team offsite on .*28 December 2026 added\.$/).waitFor();
    await s.page.getByRole("row", { name: /Team offsite/ }).getByText("Added by an admin").waitFor();
    expect(await s.tidings.t.deps.db.select().from(holidays).where(eq(holidays.date, "2026-12-28"))).toHaveLength(1);
    await axe("admin-holidays");

    await s.page.getByRole("link", { name: "Sites" }).click();
    await heading("Sites").waitFor();
    await s.page.getByLabel("Name").fill("Shop <b>example</b>");
    await s.page.getByLabel("Allowed origins").fill("https://shop.example.com");
    await s.page.getByRole("button", { name: "Add site" }).click();
    const snippet = s.page.getByRole("region", { name: "Widget snippet for Shop <b>example</b>" }).last();
    await snippet.waitFor();
    const [site] = await s.tidings.t.deps.db.select().from(sites).where(eq(sites.name, "Shop <b>example</b>"));
    expect(await snippet.innerText()).toContain(`data-site="${site!.siteKey}"`);
    await s.page.locator(".created").getByRole("button", { name: /^Copy/ }).click();
    await s.page.locator(".created").getByRole("button", { name: /^(Copied|Copy)/ }).waitFor();
    await axe("admin-sites");

    for (const [link, title] of [["Staff", "Staff"], ["Licenses", "Licenses"], ["Canned answers", "Canned answers"], ["Outbox", "Outbox"], ["Spam", "Spam"], ["Suppressions", "Suppressions"]] as const) {
      await s.page.getByRole("navigation").getByRole("link", { name: link, exact: true }).click();
      await heading(title).waitFor();
      await s.page.waitForLoadState("networkidle");
      expect(await seriousViolations(s.page), link).toEqual([]);
      // The suppressions picture, with a suppression and an alert on it, comes from suppressions.test.ts.
      if (link !== "Outbox" && link !== "Suppressions") await shot(`admin-${link.toLowerCase().replace(/ /g, "-")}`);
    }
    // Without SMTP the replies wait in the outbox, and the admin sees them there.
    await s.page.getByRole("navigation").getByRole("link", { name: "Outbox" }).click();
    await s.page.getByRole("radio", { name: "Waiting" }).check();
    await s.page.getByRole("row", { name: /first@client\.test/ }).first().waitFor();
    await axe("admin-outbox");
    expect(s.pageErrors).toEqual([]);
  });

  test("an admin in New York adds a closure on Berlin's clock and sees it listed; removing asks first", async () => {
    // The office moved in November; the API keeps it, the page lists it as past.
    const moved = await request("/api/v1/admin/closures", { method: "POST", headers: adminHeaders, json: { name: "Office move", startsAt: "2026-11-13T13:00:00+01:00", endsAt: "2026-11-13T18:00:00+01:00" } });
    expect(moved.status).toBe(201);
    // A browser far from the calendar's zone: what the admin types and reads is Berlin time all the same.
    const away = await s.browser.newContext({ viewport: { width: 1280, height: 860 }, locale: "en-GB", timezoneId: "America/New_York" });
    const berlin = s.page;
    s.page = await away.newPage();
    try {
      await s.page.clock.setFixedTime(new Date(s.clock));
      s.page.on("pageerror", (e) => s.pageErrors.push(e.message));
      await signIn("admin@support.test");
      await s.page.getByRole("navigation").getByRole("link", { name: "Closures", exact: true }).click();
      await heading("Closures").waitFor();
      const past = s.page.getByRole("region", { name: "Past" }).getByRole("row", { name: /Office move/ });
      expect(await past.locator("td time").allInnerTexts()).toEqual(["Fri, 13 Nov 2026, 13:00", "Fri, 13 Nov 2026, 18:00"]);

      await s.page.getByLabel("Name", { exact: true }).fill("Christmas closure");
      await s.page.getByLabel("Start date").fill("2026-12-24");
      await s.page.getByLabel("Start time").fill("00:00");
      await s.page.getByLabel("End date").fill("2026-12-23");
      await s.page.getByLabel("End time").fill("00:00");
      await s.page.getByRole("button", { name: "Add closure" }).click();
      await s.page.getByRole("alert").filter({ hasText: "The end must be after the start." }).waitFor();
      await s.page.getByLabel("End date").fill("2027-01-01");
      await s.page.getByRole("button", { name: "Add closure" }).click();
      await s.page.getByText("Christmas closure added: Thu, 24 Dec 2026, 00:00 to Fri, 1 Jan 2027, 00:00.").waitFor();
      const row = s.page.getByRole("region", { name: "Now and upcoming" }).getByRole("row", { name: /Christmas closure/ });
      // The list is reloaded after the success note: wait for the new row.
      await row.waitFor();
      expect(await row.locator("td time").allInnerTexts()).toEqual(["Thu, 24 Dec 2026, 00:00", "Fri, 1 Jan 2027, 00:00"]);
      const [saved] = await s.tidings.t.deps.db.select().from(closures).where(eq(closures.name, "Christmas closure"));
      expect([saved!.startsAt.toISOString(), saved!.endsAt.toISOString()]).toEqual(["2026-12-23T23:00:00.000Z", "2026-12-31T23:00:00.000Z"]);
      await axe("admin-closures");

      const remove = s.page.getByRole("button", { name: /^Remove Office move,/ });
      await remove.click();
      const dialog = s.page.getByRole("alertdialog", { name: "Remove this closure?" });
      await dialog.waitFor();
      expect(await seriousViolations(s.page), "confirmation").toEqual([]);
      await s.page.keyboard.press("Escape");
      await dialog.waitFor({ state: "hidden" });
      expect(await remove.evaluate((el) => el === document.activeElement)).toBe(true);
      await s.page.keyboard.press("Enter");
      await dialog.getByRole("button", { name: "Remove closure" }).click();
      await s.page.getByText("Office move removed.").waitFor();
      await s.page.getByText("No closure has ended yet.").waitFor();
      expect(await s.tidings.t.deps.db.select().from(closures).where(eq(closures.name, "Office move"))).toHaveLength(0);
      expect(s.pageErrors).toEqual([]);
    } finally {
      s.page = berlin;
      await away.close();
    }
  });
});
