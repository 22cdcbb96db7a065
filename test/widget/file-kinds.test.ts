import { describe, expect, it } from "vitest";
import { sniffHead } from "../../ui/files";
import * as f from "../fixtures/files";
import { bmpWithSizeField, jpegWithZipInComment } from "../fixtures/polyglots";
import { rarFixture } from "../fixtures/rar-fixtures";
import { writeRar14 } from "../fixtures/rar14-writer";

/** The widget's and portal's first look must not refuse what the server accepts. */
describe("sniffHead", () => {
  it.each([
    ["a RAR 1.4 archive", writeRar14([{ name: "README.TXT", data: "hello\r\n" }]), "rar"],
    ["a RAR 4 archive", rarFixture("FolderTest.rar"), "rar"],
    ["a RAR 5 archive", rarFixture("test_read_format_rar5_stored.rar"), "rar"],
    ["a BMP whose size field is 0 (it is zipped, and the server accepts it zipped)", bmpWithSizeField(0), "bmp"],
    ["a JPEG (whatever it carries: the server judges every byte)", jpegWithZipInComment(), "jpeg"],
    ["an executable", f.exeLike(), "unknown"],
  ])("%s is %s", (_what, bytes, kind) => {
    expect(sniffHead(bytes.subarray(0, 32))).toBe(kind);
  });
});
