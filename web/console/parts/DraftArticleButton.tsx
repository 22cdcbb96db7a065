/**
 * "Draft an article" on a resolved ticket (issue 16): the server writes a draft from the ticket's
 * subject, description and answer, and the editor opens on it. Every staff member may draft; an
 * editor rewrites and publishes it.
 */
import { useState } from "preact/hooks";
import { navigate } from "../../shared/router";
import { useConsole } from "../context";
import { errorText } from "../i18n";
import { paths } from "../routes";
import { ErrorNote } from "./Notes";

export function DraftArticleButton({ tid }: { tid: string }) {
  const { t, api, lang, announce } = useConsole();
  const k = t.kb.draft;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const draft = async () => {
    setBusy(true);
    setError(null);
    const r = await api.draftKbArticle(tid);
    setBusy(false);
    if (!r.ok) return setError(errorText(lang, r.error));
    announce(k.done(r.data.title));
    navigate(paths.article(r.data.id));
  };
  return (
    <div class="kb-draft">
      <button type="button" onClick={() => void draft()} disabled={busy} aria-describedby="kb-draft-hint">{busy ? k.busy : k.button}</button>
      <p class="hint" id="kb-draft-hint">{k.hint}</p>
      <ErrorNote message={error} />
    </div>
  );
}
