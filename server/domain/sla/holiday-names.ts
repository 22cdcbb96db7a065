import Holidays from "date-holidays";
import type { Locale } from "../../../shared/locale";
import { germanNationwideHolidays } from "./calendar";

/**
 * The public holidays' names in the reader's language (issue 13): the calendar keeps the German
 * names it computes (and admins' own names, in whatever language they typed them); a reader of
 * English gets date-holidays' English name for a computed holiday. An admin's name is theirs and
 * stays as written.
 */
const english = new Map<number, Map<string, string>>();
let rules: Holidays | undefined;

// date-holidays calls 3 October "National Holiday", which says nothing to a reader abroad.
const BETTER_ENGLISH: Readonly<Record<string, string>> = { "Tag der Deutschen Einheit": "German Unity Day" };

function englishNames(year: number): Map<string, string> {
  let names = english.get(year);
  if (!names) {
    rules ??= new Holidays("DE", { languages: ["en"], types: ["public"] });
    names = new Map(rules.getHolidays(year).filter((h) => h.type === "public").map((h) => [h.date.slice(0, 10), h.name]));
    english.set(year, names);
  }
  return names;
}

export function holidayName(date: string, name: string, locale: Locale): string {
  if (locale === "de") return name;
  const year = Number(date.slice(0, 4));
  const computed = germanNationwideHolidays(year).some(([d, n]) => d === date && n === name);
  if (!computed) return name;
  return BETTER_ENGLISH[name] ?? englishNames(year).get(date) ?? name;
}
