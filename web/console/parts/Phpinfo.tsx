/**
 * The server configuration the client sent (SLA 4.8) as a searchable table: one table per
 * section, filtered as you type over section names, keys and values. Values are text: whatever
 * markup a phpinfo page held is shown as characters.
 */
import { useMemo, useState } from "preact/hooks";
import type { PhpinfoSection } from "../api";
import { useConsole } from "../context";

export function Phpinfo({ sections }: { sections: PhpinfoSection[] | null | "none" }) {
  const { t } = useConsole();
  const [q, setQ] = useState("");
  const needle = q.trim().toLowerCase();
  const shown = useMemo(() => {
    if (!Array.isArray(sections)) return [];
    if (!needle) return sections;
    return sections
      .map((s) => s.name.toLowerCase().includes(needle) ? s : { ...s, rows: s.rows.filter((r) => `${r.key}\u0000${r.value}\u0000${r.master ?? ""}`.toLowerCase().includes(needle)) })
      .filter((s) => s.rows.length > 0);
  }, [sections, needle]);
  const total = Array.isArray(sections) ? sections.reduce((n, s) => n + s.rows.length, 0) : 0;
  const matching = shown.reduce((n, s) => n + s.rows.length, 0);

  return (
    <section class="panel phpinfo" aria-labelledby="php-title" id="phpinfo">
      <h2 id="php-title">{t.phpinfo.title}</h2>
      {sections === null && <p>{t.loading}</p>}
      {sections === "none" && <p class="muted">{t.phpinfo.none}</p>}
      {Array.isArray(sections) && (
        <>
          <div class="field">
            <label for="php-search">{t.phpinfo.search}</label>
            <input id="php-search" type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} aria-describedby="php-count" />
          </div>
          <p id="php-count" role="status" class="hint">{t.phpinfo.count(matching, total)}</p>
          <div class="php-sections">
            {shown.map((s, i) => {
              const master = s.rows.some((r) => r.master !== undefined);
              return (
                <div class="table-wrap" key={`${s.name}-${i}`}>
                  <table class="php">
                    <caption>{s.name}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t.phpinfo.key}</th>
                        <th scope="col">{master ? t.phpinfo.local : t.phpinfo.value}</th>
                        {master && <th scope="col">{t.phpinfo.master}</th>}
                      </tr>
                    </thead>
                    <tbody>
                      {s.rows.map((r, j) => (
                        <tr key={j}>
                          <th scope="row">{r.key}</th>
                          <td>{r.value}</td>
                          {master && <td>{r.master ?? ""}</td>}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              );
            })}
          </div>
        </>
      )}
    </section>
  );
}
