/**
 * One report as its panel (pages/Reports.tsx, Report) shows it: loaded once when the page opens,
 * and until then null; a failure becomes its translated text, so the panel says why it is empty.
 */
import { useEffect, useState } from "preact/hooks";
import type { Result } from "../../shared/client";
import { useConsole } from "../context";
import { errorText } from "../i18n";

export type Loaded<T> = T | null | { error: string };

export function useReport<T>(load: () => Promise<Result<T>>): Loaded<T> {
  const { lang } = useConsole();
  const [data, setData] = useState<Loaded<T>>(null);
  useEffect(() => {
    void load().then((r) => setData(r.ok ? r.data : { error: errorText(lang, r.error) }));
  }, []);
  return data;
}
