import { paths } from "../../shared/router";
import { NoticePage } from "../../shared/NoticePage";
import { usePortal, useTitle } from "../context";

export function NotFound() {
  const { t } = usePortal();
  useTitle(t.notFound.title);
  return <NoticePage title={t.notFound.title} body={t.notFound.body} home={{ href: paths.tickets(), label: t.notFound.home }} />;
}
