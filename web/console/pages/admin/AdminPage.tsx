/** The admin pages, one per address under /console/admin/; only for admin accounts. */
import { canAdminister, useConsole } from "../../context";
import type { AdminPage } from "../../routes";
import { Forbidden } from "../NotFound";
import { StaffPage } from "./StaffPage";
import { LicensesPage } from "./LicensesPage";
import { SitesPage } from "./SitesPage";
import { HolidaysPage } from "./HolidaysPage";
import { ClosuresPage } from "./ClosuresPage";
import { CannedPage } from "./CannedPage";
import { OutboxPage } from "./OutboxPage";
import { SpamPage } from "./SpamPage";
import { SuppressionsPage } from "./SuppressionsPage";

export function AdminPageView({ page }: { page: AdminPage }) {
  const { me } = useConsole();
  if (!canAdminister(me)) return <Forbidden />;
  switch (page) {
    case "staff": return <StaffPage />;
    case "licenses": return <LicensesPage />;
    case "sites": return <SitesPage />;
    case "holidays": return <HolidaysPage />;
    case "closures": return <ClosuresPage />;
    case "canned": return <CannedPage />;
    case "outbox": return <OutboxPage />;
    case "spam": return <SpamPage />;
    case "suppressions": return <SuppressionsPage />;
  }
}
