// The base of every exercise: its section, its state kept in the browser, a feedback
// line, a status (done, answer shown, tried) beside its title, the reader's record of
// checks and misconceptions, a reset.
"use strict";

import { addMessages, t } from "../../messages/messages.mjs";
import { element } from "../walkthrough.mjs";
import { button } from "./parts.mjs";

/** How many of the answers last tried the reader's record keeps. */
const ANSWERS_KEPT = 3;

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

  /** Done, shown or tried, in words beside the title (the border's colour only repeats it). */
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

  /** A status after a check: "done" stays done (a later slip does not undo it); right on
   * the reader's own is done; after the answer was shown, "shown" (not done); else "tried". */
  mark(right) {
    const { status, revealed } = this.state;
    if (status === "done" || (right && !revealed)) this.state.status = "done";
    else if (revealed || status === "shown") this.state.status = "shown";
    else this.state.status = "tried";
    this.showStatus();
    this.practice.update();
  }

  /** The answer (or solution) was shown: the exercise is "shown", not done, unless done before. */
  markShown() {
    this.state.revealed = true;
    if (this.state.status !== "done") this.state.status = "shown";
    this.showStatus();
    this.practice.update();
  }

  /** Count a check in the reader's record, with what was tried (a typed answer, where
   * there is one) and the misconception it named, if one: the practice summary lists
   * them; "Clear my mistakes" clears them. */
  record(mistake, tried = null) {
    this.state.tries = (this.state.tries ?? 0) + 1;
    if (tried) this.state.answers = [...(this.state.answers ?? []), tried].slice(-ANSWERS_KEPT);
    if (mistake) {
      this.state.mistakes ??= {};
      this.state.mistakes[mistake] = (this.state.mistakes[mistake] ?? 0) + 1;
    }
  }

  /** Keep what the reader did (typed, drew, opened); the statuses, and so the summary, are as they were. */
  keep() {
    this.practice.save();
  }

  /** One more hint (an exercise has this.hints, its list, and showHints()): counted in the
   * state's `field`, kept, shown, and the keyboard taken to it. */
  nextHint(field) {
    this.state[field] = (this.state[field] ?? 0) + 1;
    this.keep();
    this.showHints();
    this.hints.lastElementChild?.setAttribute("tabindex", "-1");
    this.hints.lastElementChild?.focus();
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

