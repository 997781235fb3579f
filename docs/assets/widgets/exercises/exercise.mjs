// The base of every exercise: its section, its state kept in the browser, a feedback
// line, a status (done, tried) beside its title, a reset.
"use strict";

import { addMessages, t } from "../../messages/messages.mjs";
import { element } from "../walkthrough.mjs";
import { button } from "./parts.mjs";

/** What every exercise has: its section, its state, a feedback line, a reset. */
export class Exercise {
  constructor(section, practice) {
    this.section = section;
    this.practice = practice;
    this.id = section.dataset.exercise;
    this.generation = 0;
    this.setup = JSON.parse(section.dataset.json);
    addMessages(this.setup.messages);  // the lesson's words for the misconceptions it may name
    this.title = this.setup.title;
    this.state = practice.stateOf(this.id);
    this.body = section.querySelector(".exercise-body");
    this.feedback = element("div", { class: "exercise-feedback", role: "status", "aria-live": "polite",
      tabindex: "-1" });
    this.badge = element("span", { class: "exercise-badge" });
    section.querySelector(".exercise-title")?.append(this.badge);
    this.showStatus();
  }

  /** Done or tried, in words beside the title (the border's colour only repeats it). */
  showStatus() {
    const { status } = this.state;
    if (status) this.section.dataset.status = status;
    else delete this.section.dataset.status;
    this.badge.textContent = status ? t(`practice.status.${status}`) : "";
  }

  /** Whether a reply belongs to what the exercise shows now: not to numbers or code since reset or redrawn. */
  current(generation) {
    return generation === this.generation && this.section.isConnected;
  }

  /** A status: "done" stays done (a later slip does not undo it); else "tried". */
  mark(right) {
    this.state.status = right || this.state.status === "done" ? "done" : "tried";
    this.showStatus();
    this.practice.update();
  }

  /** Keep what the reader did (typed, drew, opened); the statuses, and so the summary, are as they were. */
  keep() {
    this.practice.save();
  }

  say(parts, { kind = "" } = {}) {
    this.feedback.className = `exercise-feedback${kind ? ` exercise-feedback--${kind}` : ""}`;
    this.feedback.replaceChildren(...parts);
  }

  resetButton() {
    const reset = button(t("practice.reset"), { class: "md-button exercise-reset" });
    reset.addEventListener("click", () => {
      this.reset();
      this.state = this.practice.stateOf(this.id);
      this.practice.update();
      this.afterReset();
    });
    return reset;
  }

  reset() {
    this.generation = (this.generation ?? 0) + 1;  // a reply still on its way is dropped
    delete this.practice.kept[this.id];
    this.state = {};
    this.showStatus();
    this.say([]);
  }

  afterReset() {}
}

