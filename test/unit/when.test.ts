import { afterEach, describe, expect, test } from "vitest";
import { formatInstant, zoneName } from "../../shared/when";
import { formatDue } from "../../ui/due";
import { formatWhen } from "../../web/shared/format";
import { setCalendarZone } from "../../web/shared/calendar-zone";

/** Issue 13: "14:00 CET", not "02:00 PM GMT+1", in the reader's locale. */
describe("times say what they mean", () => {
  afterEach(() => setCalendarZone(undefined));
  const at = new Date("2026-03-02T13:00:00Z");

  test("24-hour time with the zone's name, in American English too", () => {
    expect(formatInstant(at, "en-US", "Europe/Berlin")).toBe("Mar 2, 2026, 14:00 CET");
    expect(formatInstant(at, "en-GB", "Europe/Berlin")).toBe("2 Mar 2026, 14:00 CET");
    expect(formatInstant(new Date("2026-07-02T13:00:00Z"), "en-GB", "Europe/Berlin")).toBe("2 Jul 2026, 15:00 CEST");
    expect(formatInstant(at, "de-DE", "Europe/Berlin")).toBe("02.03.2026, 14:00 MEZ");
    expect(zoneName(at, "America/New_York", "de-DE")).toBe("EST");
    expect(zoneName(at, "UTC", "en-GB")).toBe("UTC");
  });

  test("the widget's due time", () => {
    const { when } = formatDue("2026-03-03T16:00:00Z", "en-US", at, "Europe/Berlin");
    expect(when).toBe("Tuesday, March 3 at 17:00 CET");
    expect(when).not.toMatch(/PM|GMT/);
    expect(formatDue("2026-03-03T16:00:00Z", "de-DE", at, "Europe/Berlin").when).toBe("Dienstag, 3. März um 17:00 MEZ");
  });

  test("portal and console show times in the support calendar's zone once it is known", () => {
    setCalendarZone("Europe/Berlin");
    expect(formatWhen("2026-03-02T13:00:00Z", "en-US")).toBe("Mar 2, 2026, 14:00 CET");
    setCalendarZone("America/New_York");
    expect(formatWhen("2026-03-02T13:00:00Z", "en-GB")).toBe("2 Mar 2026, 08:00 EST");
  });
});
