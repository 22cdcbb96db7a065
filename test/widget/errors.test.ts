import { describe, expect, test } from "vitest";
import { ERROR_STATUS, type ErrorCode } from "../../shared/error-codes";
import { WIDGET_LANGS, WIDGET_TEXTS, pickLang, translateError } from "../../shared/i18n/widget";
import { ATTACHMENT_LIMITS, LIMITS as SHARED_LIMITS } from "../../shared/limits";
import { LIMITS } from "../../shared/api/tickets";
import { DEFAULT_LIMITS, judgeAttachments } from "../../server/domain/attachments";
import { Rejection } from "../../server/domain/rejection";
import { bmp, png } from "../fixtures/files";
import { checkLimits } from "../../ui/files";

const codes = Object.keys(ERROR_STATUS) as ErrorCode[];

/** What the server says about these files, to hold the widget's own refusal to the same words. */
async function serverSays(files: { name: string; bytes: Buffer }[]): Promise<{ code: string; message: string }> {
  try {
    await judgeAttachments(files);
  } catch (e) {
    if (e instanceof Rejection) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error("the server accepted the files");
}

describe("error codes in words", () => {
  test.each(WIDGET_LANGS)("every code the API can answer has a %s sentence", (lang) => {
    for (const code of codes) {
      const text = translateError(lang, code, { fileName: "shot.bmp", fieldLabel: "Email", size: 12 * 1024 * 1024, count: 11 });
      expect(text, code).toMatch(/^[A-Z„"].{15,}[.!]$/);
    }
  });

  test("German is German: no English sentence is reused", () => {
    for (const code of codes) expect(translateError("de", code), code).not.toBe(translateError("en", code));
  });

  test("a code this version does not know still reads as a sentence, naming the code", () => {
    expect(translateError("en", "NEW_CODE")).toBe("The report could not be sent (NEW_CODE). Please try again later.");
    expect(translateError("de", "toString")).toContain("(toString)");
  });

  test("the widget refuses files before upload in the server's own words", async () => {
    const exe = { name: "setup.exe", bytes: Buffer.from("MZ\x90\x00 not an image") };
    const s1 = await serverSays([exe]);
    expect(translateError("en", "UNSUPPORTED_ATTACHMENT", { fileName: "setup.exe" })).toBe(s1.message);
    const s2 = await serverSays([{ name: "shot.bmp", bytes: bmp() }]);
    expect(translateError("en", "BMP_NOT_ARCHIVED", { fileName: "shot.bmp" })).toBe(s2.message);
    const big = { name: "huge.png", size: DEFAULT_LIMITS.maxFileBytes + 1 };
    const s3 = await serverSays([{ name: big.name, bytes: Buffer.alloc(big.size) }]);
    const mine = checkLimits([big])!;
    expect(mine.code).toBe(s3.code);
    expect(translateError("en", mine.code, mine.params)).toBe(s3.message);
    const eleven = Array.from({ length: 11 }, (_, i) => ({ name: `s${i}.png`, bytes: png() }));
    const s4 = await serverSays(eleven);
    const many = checkLimits(eleven.map((f) => ({ name: f.name, size: f.bytes.length })))!;
    expect(translateError("en", many.code, many.params)).toBe(s4.message);
  });

  test("the widget's limits are the server's", () => {
    expect(ATTACHMENT_LIMITS).toMatchObject({
      maxFiles: DEFAULT_LIMITS.maxFiles, maxFileBytes: DEFAULT_LIMITS.maxFileBytes,
      maxTotalBytes: DEFAULT_LIMITS.maxTotalBytes, maxZipRatio: DEFAULT_LIMITS.maxRatio,
    });
    expect(LIMITS).toBe(SHARED_LIMITS);
  });

  test("the language: the tag's data-lang, else the browser's, else English", () => {
    expect(pickLang("de", ["en-US"])).toBe("de");
    expect(pickLang("", ["fr-FR", "de-AT", "en"])).toBe("de");
    expect(pickLang(null, ["fr-FR"])).toBe("en");
    expect(pickLang("xx", ["en-GB"])).toBe("en");
    expect(WIDGET_TEXTS.de.title).toBe("Support kontaktieren");
  });
});
