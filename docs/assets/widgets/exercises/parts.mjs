// What every kind of exercise draws with: buttons, boxes of code and of given numbers,
// a value as a table or text, the sealed parts opened, a wait for the screen.
"use strict";

import { t } from "../../messages/messages.mjs";
import { reachableWhenScrolling } from "../../javascripts/scrolling.mjs";
import { element } from "../walkthrough.mjs";

/** What the build sealed (base64 of JSON). */
export function unseal(text) {
  const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

export function button(label, { primary = false, ...attributes } = {}) {
  return element("button", { type: "button", class: `md-button${primary ? " md-button--primary" : ""}`, ...attributes },
    label);
}

/** Code as text, in a box the keyboard can scroll when it is wider. */
export function codeBox(code, attributes = {}) {
  const pre = element("pre", attributes, code);
  reachableWhenScrolling(pre, t("scroll.code"));
  return pre;
}

/** The numbers a question or a failed case shows, in a box the keyboard can scroll when it is wider. */
export function givenBox() {
  const given = element("div", { class: "exercise-given" });
  reachableWhenScrolling(given, t("scroll.given"));
  return given;
}

/** A matrix (rows of text) as a table, or a number as text, captioned with its name. */
export function shownValue(label, value) {
  const box = element("div", { class: "exercise-value" });
  if (!Array.isArray(value)) {
    box.append(element("span", { class: "exercise-value-name" }, `${label} = `), element("span", {}, value));
    return box;
  }
  const table = element("table", { class: "exercise-matrix" });
  table.append(element("caption", {}, label));
  for (const row of value) {
    const tr = element("tr");
    for (const entry of row) tr.append(element("td", {}, entry));
    table.append(tr);
  }
  box.append(table);
  return box;
}

/** Call `then` once, when `element` comes near the screen (a reader scrolling to it). */
export function whenNear(element, then) {
  const observer = new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting)) {
      observer.disconnect();
      then();
    }
  }, { rootMargin: "200px" });
  observer.observe(element);
}

/** A message of the catalog, from Python's {key, params}. */
export const said = ({ key, params }) => t(key, params);

