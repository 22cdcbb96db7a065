/** An address the console does not have, and a page the signed-in role may not see. */
import { NoticePage } from "../../shared/NoticePage";
import { useConsole, useTitle } from "../context";
import { paths } from "../routes";

export function NotFound() {
  const { t } = useConsole();
  useTitle(t.notFound.title);
  return <NoticePage title={t.notFound.title} body={t.notFound.body} home={{ href: paths.queue(), label: t.notFound.home }} />;
}

export function Forbidden() {
  const { t } = useConsole();
  useTitle(t.forbidden.title);
  return <NoticePage title={t.forbidden.title} body={t.forbidden.body} home={{ href: paths.queue(), label: t.notFound.home }} />;
}
