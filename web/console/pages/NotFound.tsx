/** An address the console does not have, and a page the signed-in role may not see. */
import { linkHandler } from "../../shared/router";
import { useConsole, useTitle } from "../context";
import { paths } from "../routes";

export function NotFound() {
  const { t } = useConsole();
  useTitle(t.notFound.title);
  return (
    <div class="narrow">
      <h1 tabIndex={-1}>{t.notFound.title}</h1>
      <p>{t.notFound.body}</p>
      <p><a href={paths.queue()} onClick={linkHandler(paths.queue())}>{t.notFound.home}</a></p>
    </div>
  );
}

export function Forbidden() {
  const { t } = useConsole();
  useTitle(t.forbidden.title);
  return (
    <div class="narrow">
      <h1 tabIndex={-1}>{t.forbidden.title}</h1>
      <p>{t.forbidden.body}</p>
      <p><a href={paths.queue()} onClick={linkHandler(paths.queue())}>{t.notFound.home}</a></p>
    </div>
  );
}
