/** What every part of the console needs: texts, locale, the API client, who is signed in. */
import { appContext, type AppBase } from "../shared/app-shell";
import type { ConsoleApi, StaffPrincipal } from "./api";
import type { ConsoleTexts } from "./i18n";

export interface Console extends AppBase<ConsoleTexts, ConsoleApi> {
  me: StaffPrincipal;
  /** How often the queue asks for changes; tests make it short. */
  pollMs: number;
}

const app = appContext<Console>("useConsole", "ConsoleContext");
export const ConsoleContext = app.Context;
export const useConsole = app.use;
export const useTitle = app.useTitle;

export const canSupervise = (me: StaffPrincipal) => me.role === "supervisor" || me.role === "admin";
export const canAdminister = (me: StaffPrincipal) => me.role === "admin";
