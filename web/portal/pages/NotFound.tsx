import { linkHandler, paths } from "../../shared/router";
import { usePortal, useTitle } from "../context";

export function NotFound() {
  const { t } = usePortal();
  useTitle(t.notFound.title);
  return (
    <div class="narrow">
      <h1 tabIndex={-1}>{t.notFound.title}</h1>
      <p>{t.notFound.body}</p>
      <p><a href={paths.tickets()} onClick={linkHandler(paths.tickets())}>{t.notFound.home}</a></p>
    </div>
  );
}
