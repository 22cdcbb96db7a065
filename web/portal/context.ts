/** What every part of the portal needs: texts, locale, the API client, who is signed in. */
import { appContext, type AppBase } from "../shared/app-shell";
import type { Principal } from "../../shared/principal";
import type { Api } from "../shared/api";
import type { PortalTexts } from "../shared/i18n";

export interface Portal extends AppBase<PortalTexts, Api> {
  principal: Principal;
  setPrincipal: (p: Principal) => void;
}

const app = appContext<Portal>("usePortal", "PortalContext");
export const PortalContext = app.Context;
export const usePortal = app.use;
export const useTitle = app.useTitle;

export const clientEmail = (p: Principal) => (p.kind === "client" ? p.email : null);
