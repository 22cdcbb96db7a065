/**
 * Which parts of a computed value the capture chunk hands to the browser for painting to sRGB
 * (widget/capture/colours.ts): every colour function html2canvas 1.4.1 cannot parse, whole and
 * once, nested ones included; everything html2canvas reads as it is stays untouched.
 */
import { describe, expect, test } from "vitest";
import { replaceColours } from "../../widget/capture/colours";

const painted: string[] = [];
const paint = (css: string) => (painted.push(css), `P${painted.length}`);

describe("replaceColours", () => {
  test.each([
    ["oklch(0.62 0.19 260)", "P"],
    ["lab(62 35 50)", "P"],
    ["color(srgb 0.5 0 0.5)", "P"],
    ["oklab(0 0 0 / 0.1) 0px 1px 3px 0px, oklab(0 0 0 / 0.1) 0px 1px 2px -1px", "P 0px 1px 3px 0px, P 0px 1px 2px -1px"],
    ["linear-gradient(to right, oklch(0.6 0.2 30) 0%, rgb(1, 2, 3) 50%, lch(80 20 60) 100%)", "linear-gradient(to right, P 0%, rgb(1, 2, 3) 50%, P 100%)"],
    ["color-mix(in oklab, oklch(0.62 0.19 260) 20%, transparent)", "P"],
    ["url(\"https://shop.example/a(1).png\"), linear-gradient(hwb(12 10% 20%), red)", "url(\"https://shop.example/a(1).png\"), linear-gradient(P, red)"],
  ])("%s", (value, expected) => {
    painted.length = 0;
    expect(replaceColours(value, paint).replace(/P\d+/g, "P")).toBe(expected);
    expect(painted.every((css) => /^[a-z-]+\(.*\)$/.test(css) && css.split("(").length === css.split(")").length)).toBe(true);
  });

  test.each(["rgb(10, 20, 30)", "rgba(0, 0, 0, 0.5) 0px 1px 2px 0px", "none", "hsl(120 50% 50%)", "url(\"color(x).png\")", "oklch(0.5 0.1"])("%s stays as it is", (value) => {
    expect(replaceColours(value, paint)).toBe(value);
  });
});
