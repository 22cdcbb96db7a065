import { describe, expect, test } from "vitest";
import { parsePhpinfo } from "../../server/domain/phpinfo/parse";

describe("phpinfo parsing", () => {
  test("reads the HTML page: sections, local and master values, entities as text", () => {
    const html = `<h1 class="p">PHP Version 8.3.0</h1><table><tr><td class="e">System </td><td class="v">Linux web1 </td></tr></table>
      <h2><a name="module_core">Core</a></h2><table><tr class="h"><th>Directive</th><th>Local Value</th><th>Master Value</th></tr>
      <tr><td class="e">memory_limit</td><td class="v">256M</td><td class="v">128M</td></tr>
      <tr><td class="e">x&lt;script&gt;</td><td class="v"><i>no value</i></td><td class="v">&amp;&#65;</td></tr></table>`;
    const s = parsePhpinfo(html);
    expect(s.map((x) => x.name)).toEqual(["PHP Version 8.3.0", "Core"]);
    expect(s[1]!.rows).toContainEqual({ key: "memory_limit", value: "256M", master: "128M" });
    expect(s[1]!.rows).toContainEqual({ key: "x<script>", value: "no value", master: "&A" });
  });

  test("reads the CLI text form", () => {
    const s = parsePhpinfo("phpinfo()\nPHP Version => 8.3.0\n\nCore\n\nDirective => Local Value => Master Value\nmemory_limit => 256M => 128M\n");
    expect(s.find((x) => x.name === "Core")!.rows).toContainEqual({ key: "memory_limit", value: "256M", master: "128M" });
  });

  test("phpinfo's own column headings are the table's header, not settings", () => {
    const text = parsePhpinfo("Core\n\nDirective => Local Value => Master Value\nmemory_limit => 256M => 128M\n\nmysqli\n\nVariable => Value\nClient API => 8.0\n");
    expect(text.flatMap((x) => x.rows.map((r) => r.key))).toEqual(["memory_limit", "Client API"]);
    const html = parsePhpinfo(`<h2>Core</h2><table><tr class="h"><th>Directive</th><th>Local Value</th><th>Master Value</th></tr><tr><td class="e">memory_limit</td><td class="v">256M</td><td class="v">128M</td></tr></table>`);
    expect(html[0]!.rows).toEqual([{ key: "memory_limit", value: "256M", master: "128M" }]);
  });

  test("garbage gives no sections rather than an error", () => {
    expect(parsePhpinfo("<<<>>>\u0000 nothing here")).toEqual([]);
  });
});
