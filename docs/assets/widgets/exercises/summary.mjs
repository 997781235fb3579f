// The practice of one page: its exercises, what the reader did in them (kept in this
// browser, progress.mjs), and the summary at the top of the page that says what is done,
// shown and tried, how often each was checked and which misconceptions it met, with a
// one-press clear of that record and a reset of it all.
"use strict";

import { t } from "../../messages/messages.mjs";
import { element } from "../walkthrough.mjs";
import { load, save } from "../progress.mjs";
import { button } from "./parts.mjs";

/** What the reader did in an exercise, in words: how many checks, the answers last tried,
 * and the misconceptions named (by their short names, with how often); "" if nothing was
 * checked. */
function recordOf({ tries, answers, mistakes }) {
  if (!tries) return "";
  const met = Object.entries(mistakes ?? {}).map(([name, times]) => {
    let short;
    try {
      short = t(`mistake.${name}.short`);
    } catch {  // kept before a later version of the site renamed it
      return null;
    }
    return times > 1 ? `${short} (×${times})` : short;
  }).filter(Boolean);
  const parts = [t("practice.progress.tries", { tries })];
  if (answers?.length) parts.push(t("practice.progress.answers", { answers: answers.join("; ") }));
  if (met.length) parts.push(t("practice.progress.mistakes", { mistakes: met.join(", ") }));
  return `(${parts.join("; ")})`;
}

/** The practice of one page: its exercises, their kept state, and the summary at the top. */
export class Practice {
  /** `kinds`: the class of each kind of exercise, by the name its section's data-kind gives. */
  constructor(sections, kinds) {
    this.page = location.pathname;
    this.kept = load(this.page);
    this.exercises = sections.map((section) => new (kinds[section.dataset.kind])(section, this));
  }

  init() {
    this.summary = this.makeSummary();
    for (const exercise of this.exercises) exercise.init();
    this.update();
  }

  stateOf(id) {
    this.kept[id] ??= {};
    return this.kept[id];
  }

  /** Keep every exercise's state in the browser. */
  save() {
    if (!save(this.page, this.kept)) this.summaryNote.textContent = t("practice.progress.not-kept");
  }

  /** Keep every exercise's state, and show the summary anew (a status changed). */
  update() {
    this.save();
    const counts = { done: 0, shown: 0, tried: 0, none: 0 };
    this.summaryList.replaceChildren();
    for (const exercise of this.exercises) {
      const status = exercise.state.status in counts ? exercise.state.status : "none";
      counts[status]++;
      const item = element("li", { class: `practice-summary-${status}` });
      const link = element("a", { href: `#${exercise.section.id}` }, exercise.title);
      item.append(link, " ", element("span", { class: "practice-summary-status" }, t(`practice.status.${status}`)));
      const record = recordOf(exercise.state);
      if (record) item.append(" ", element("span", { class: "practice-summary-record" }, record));
      this.summaryList.append(item);
    }
    this.summaryCounts.textContent = t("practice.progress.counts", counts);
  }

  /** Forget every exercise's record of checks and misconceptions; statuses, answers and code stay. */
  clearRecords() {
    for (const exercise of this.exercises) {
      for (const field of ["tries", "answers", "mistakes"]) delete exercise.state[field];
    }
    this.update();
    this.summaryNote.textContent = t("practice.progress.mistakes-cleared");
  }

  makeSummary() {
    const summary = element("nav", { class: "practice-summary", "aria-label": t("practice.progress.label") });
    const details = element("details");
    const heading = element("summary");
    this.summaryCounts = element("span");
    heading.append(element("strong", {}, t("practice.progress.title")), " ", this.summaryCounts);
    this.summaryList = element("ul");
    this.summaryNote = element("p", { class: "practice-summary-note", role: "status" });
    const reset = button(t("practice.progress.reset"));
    const confirm = button(t("practice.progress.reset-confirm"), { hidden: "" });
    reset.addEventListener("click", () => {
      confirm.hidden = false;
      confirm.focus();
      this.summaryNote.textContent = t("practice.progress.reset-ask");
    });
    confirm.addEventListener("click", () => {
      confirm.hidden = true;
      for (const exercise of this.exercises) exercise.reset();
      this.kept = {};
      for (const exercise of this.exercises) {
        exercise.state = this.stateOf(exercise.id);
        exercise.afterReset();
      }
      this.update();
      this.summaryNote.textContent = t("practice.progress.reset-done");
    });
    const clear = button(t("practice.progress.clear-mistakes"));
    clear.addEventListener("click", () => this.clearRecords());
    details.append(heading, this.summaryList, clear, reset, confirm, this.summaryNote);
    summary.append(details);
    const title = document.querySelector("article h1") || document.querySelector("h1");
    if (title) title.after(summary);
    else this.exercises[0].section.before(summary);
    return summary;
  }
}

