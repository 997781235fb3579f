// The words of the page's widgets (runner, walkthroughs, number editor, exercises), by key,
// from one catalog: en.json beside this file. A message may take parameters, written
// {name} in its text: t("runner.done", { seconds: "0.12" }). The build writes its widget
// text from the same catalog (coursekit/messages.py), so that one file translates them all.
// A lesson's own words come with its exercises (addMessages).
"use strict";
import CATALOG from "./en.json" with { type: "json" };

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
  if (typeof text !== "string") throw new Error(`no message "${key}" in the catalog (docs/assets/messages/en.json)`);
  return text.replace(PARAMETER, (_, name) => {
    if (!(name in params)) throw new Error(`message "${key}" needs the parameter {${name}}`);
    return String(params[name]);
  });
}
