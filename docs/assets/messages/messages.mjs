// The words of the page's widgets (runner, walkthroughs, number editor, exercises), by key,
// from the catalog of the page's language (<html lang>): <language>.json beside this file,
// en.json or pt-BR.json, with the same keys. A message may take parameters, written {name}
// in its text: t("runner.done", { seconds: "0.12" }). The build writes its widget text from
// the same catalogs (coursekit/messages.py). A lesson's own words come with its exercises
// (addMessages). A page in a language with no catalog fails loudly: nothing falls back.
"use strict";
import en from "./en.json" with { type: "json" };
import ptBR from "./pt-BR.json" with { type: "json" };

// Imported, not fetched once the language is known: a module that waited for its catalog
// (a top-level await) would hold back the runner's worker, whose first message would be lost.
const CATALOGS = { en, "pt-BR": ptBR };

/** The languages the widgets have words in. */
export const LANGUAGES = Object.keys(CATALOGS);

/**
 * The page's language: its <html lang>; in the runner's worker, which has no page, the word
 * after "python " in the worker's name (bridge.mjs names it so); in Node, which runs the
 * parsers' tests, English.
 */
export const LANGUAGE = globalThis.document?.documentElement.lang
  || /^python (\S+)$/.exec(globalThis.name ?? "")?.[1] || "en";
const FILE = `${LANGUAGE}.json`;
const CATALOG = CATALOGS[LANGUAGE];
if (!CATALOG) throw new Error(`no catalog for the page's language ${LANGUAGE}: docs/assets/messages/${FILE}`);

const PARAMETER = /\{(\w+)\}/g;
const LESSONS = new Map();  // a lesson's own words (its misconceptions), as its exercises bring them

/** Add a lesson's words (coursekit/messages.py's catalog_for): never in place of the widgets' own. */
export function addMessages(texts) {
  for (const [key, text] of Object.entries(texts || {})) {
    if (!(key in CATALOG) && typeof text === "string") LESSONS.set(key, text);
  }
}

/** The message `key` with its parameters filled in; a missing key or parameter is a bug, said loudly. */
export function t(key, params = {}) {
  const text = key in CATALOG ? CATALOG[key] : LESSONS.get(key);
  if (typeof text !== "string") throw new Error(`no message "${key}" in the catalog (docs/assets/messages/${FILE})`);
  return text.replace(PARAMETER, (_, name) => {
    if (!(name in params)) throw new Error(`message "${key}" needs the parameter {${name}}`);
    return String(params[name]);
  });
}

/** A measured number (seconds, megabytes) with `digits` decimals, as the page's language writes it: 0.52, 0,52. */
export function decimal(value, digits) {
  return new Intl.NumberFormat(LANGUAGE, { minimumFractionDigits: digits, maximumFractionDigits: digits })
    .format(value);
}
