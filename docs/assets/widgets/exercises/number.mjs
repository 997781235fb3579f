// An exercise of numbers by hand: inputs drawn for this reader by the lesson's Python,
// an answer typed (read by typed-values.mjs: a typo is said at once) and checked by it
// (coursekit/page/questions.py): a misconception named, or where the answer is off, with
// hints asked for one at a time; the answer shown on request, once the reader has tried
// an answer of their own, and the exercise then marked "shown", not done.
"use strict";

import { callPython, warmUpPython, whenPythonFree } from "../../runner/bridge.mjs";
import { t } from "../../messages/messages.mjs";
import { element } from "../walkthrough.mjs";
import { newSeed } from "../progress.mjs";
import { Exercise } from "./exercise.mjs";
import { button, givenBox, said, shownValue, whenNear } from "./parts.mjs";
import { readTyped, TypedValueProblem } from "../typed-values.mjs";

/** The page's language, whose rules numbers are typed by (a decimal comma in pt-BR). */
const language = () => document.documentElement.lang;

/** The verdict on a typo, said at once, with no Python (which reads the text by the same
 * rules, coursekit/page/answers.py, and would say the same); null if the text reads as a `kind`. */
function unread(kind, typed) {
  try {
    readTyped(kind, typed, {}, language());
    return null;
  } catch (error) {
    if (!(error instanceof TypedValueProblem)) throw error;
    return { correct: false, unread: true, message: { key: error.key, params: error.params } };
  }
}

/** A typed answer on one line, as the practice summary lists it: rows separated by " / ", shortened. */
function oneLine(typed) {
  const line = typed.trim().split(/\s*\n\s*/).join(" / ");
  return line.length > 24 ? `${line.slice(0, 23)}…` : line;
}

/** Numbers by hand: inputs drawn for this reader, an answer checked by the lesson's Python. */
export class NumberExercise extends Exercise {
  init() {
    // Kept by a version of the site before hints: its verdict is not said again; a check
    // then counted as a try of the reader's own.
    if ("feedback" in this.state || "feedbackKind" in this.state) {
      delete this.state.feedback;
      delete this.state.feedbackKind;
      if (this.state.status) this.state.attempted = true;
    }
    this.given = givenBox();
    this.form = element("form", { class: "exercise-answer", novalidate: "" });
    this.label = element("label", { for: `${this.section.id}-answer` });
    this.controls = element("div", { class: "exercise-buttons" });
    this.check = button(t("practice.check"), { primary: true, type: "submit" });
    this.check.type = "submit";
    this.again = button(t("practice.new-numbers"));
    this.hint = button("", { hidden: "" });
    this.reveal = button(t("practice.show-answer"), { hidden: "" });
    this.resetControl = this.resetButton();
    this.controls.append(this.check, this.hint, this.reveal, this.again, this.resetControl);
    this.status = element("p", { class: "exercise-status", role: "status" });
    this.note = element("p", { class: "exercise-note", id: `${this.section.id}-note` });
    this.form.append(this.label, element("div", { class: "exercise-input" }), this.note, this.controls);
    this.hints = element("ol", { class: "exercise-hints" });
    this.afterAttempt = element("p", { class: "exercise-note", hidden: "" }, t("practice.answer-after-attempt"));
    this.body.replaceChildren(this.given, this.form, this.status, this.feedback, this.hints, this.afterAttempt);
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.checkAnswer();
    });
    this.again.addEventListener("click", () => this.redraw());
    this.hint.addEventListener("click", () => this.nextHint("hintsShown"));
    this.reveal.addEventListener("click", () => this.showAnswer());
    // Python (megabytes) starts when the reader asks for their numbers, not for scrolling
    // past; once it runs (started by any widget or block), questions draw their numbers as
    // they come near the screen.
    this.form.hidden = true;  // until the reader's numbers are there
    this.start = button(t("practice.start"), { primary: true });
    this.start.addEventListener("click", () => this.draw());
    for (const intent of ["pointerenter", "focus"]) {
      this.start.addEventListener(intent, () => warmUpPython(this.section), { once: true });
    }
    this.given.append(element("p", { class: "exercise-note" }, t(this.state.seed ? "practice.start-again-note"
      : "practice.start-note")), this.start);
    whenNear(this.section, () => whenPythonFree(() => {
      if (!this.drawn && this.section.isConnected) this.draw();  // not on a page left since
    }));
  }

  /** Ask the lesson's question (`what`: show, check, reveal) about the reader's seed; null
   * if the reply came too late (the numbers were drawn again, or reset, meanwhile). */
  async ask(what, args) {
    const { module, question, settings } = this.setup;
    const generation = this.generation;
    this.busy(true);
    try {
      const { value, error } = await callPython(this.section, module, `${question}.${what}`,
        { seed: this.state.seed, settings, ...args }, { onStatus: (text) => { this.status.textContent = text; } });
      if (!this.current(generation)) return null;
      if (error) throw new Error(error.message);
      return value;
    } finally {
      this.busy(false);
    }
  }

  /** While Python answers, the buttons that would change the question wait. */
  busy(waiting) {
    for (const control of [this.check, this.hint, this.again, this.reveal, this.start, this.resetControl]) {
      control.disabled = waiting || (control === this.check && !this.input);
    }
    if (!waiting) this.showHints();  // the hint button as the hints left say
  }

  async draw() {
    this.drawn = true;
    this.state.seed ??= newSeed();
    this.keep();
    this.status.textContent = t("practice.drawing");
    try {
      const shown = await this.ask("show", {});
      if (shown) {
        this.show(shown);
        this.status.textContent = "";
      }
    } catch (error) {
      this.status.textContent = t("practice.python-failed", { reason: error.message });
      const retry = button(t("practice.retry"));
      retry.addEventListener("click", () => this.draw());
      this.status.append(" ", retry);
    }
  }

  show({ given, ask, kind, tolerance }) {
    this.kind = kind;
    this.given.replaceChildren(...given.map(({ label, value }) => shownValue(label, value)));
    this.form.hidden = false;
    this.label.textContent = t(`practice.ask.${kind}`, { ask });
    this.note.textContent = t(kind === "number" ? "practice.tolerance" : `practice.tolerance.${kind}`, { tolerance });
    const old = this.form.querySelector(".exercise-input");
    const input = kind === "matrix"
      ? element("textarea", { rows: "3", spellcheck: "false" })
      : element("input", { inputmode: kind === "number" ? "decimal" : "text", autocomplete: "off" });
    input.id = `${this.section.id}-answer`;
    input.className = "exercise-input";
    input.setAttribute("aria-describedby", `${this.section.id}-note ${this.section.id}-feedback`);
    this.feedback.id = `${this.section.id}-feedback`;
    input.value = this.state.typed ?? "";
    input.addEventListener("input", () => {
      this.state.typed = input.value;
      this.keep();
    });
    // In a matrix's box Enter starts a new row; Ctrl+Enter (Cmd+Enter) checks, as in the code editors.
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        this.checkAnswer();
      }
    });
    old.replaceWith(input);
    this.input = input;
    this.check.disabled = false;
    this.showVerdict();
  }

  /** The verdict on the last answer checked (kept, so a reload says it again), with its
   * perhaps, the hints asked for so far, and the answer's button once it may be shown. */
  showVerdict() {
    const { verdict } = this.state;
    try {
      if (verdict) {
        const perhaps = element("ul", { class: "exercise-perhaps" });
        perhaps.append(...verdict.perhaps.map((p) => element("li", {}, said(p))));
        this.say([element("strong", {}, t(`practice.verdict.${verdict.kind}`)), " ", said(verdict.message),
          ...(verdict.perhaps.length ? [perhaps] : [])], { kind: verdict.kind });
      } else {
        this.say([]);
      }
      this.showHints();
    } catch {  // kept before a later version of the site renamed its messages: not said again
      delete this.state.verdict;
      this.say([]);
      this.hints.replaceChildren();
    }
    const { attempted, status } = this.state;
    this.reveal.hidden = !attempted;
    this.afterAttempt.hidden = Boolean(attempted) || !status;
  }

  /** The hints on the last wrong answer that the reader asked for, each more specific. */
  showHints() {
    const all = this.state.verdict?.hints ?? [];
    const shown = Math.min(this.state.hintsShown ?? 0, all.length);
    this.hints.replaceChildren(...all.slice(0, shown).map((messages) =>
      element("li", {}, messages.map((message) => said(message)).join(" "))));
    this.hint.textContent = t("practice.hint", { left: all.length - shown });
    this.hint.hidden = all.length === 0;
    this.hint.disabled = shown === all.length;
  }

  async checkAnswer() {
    if (!this.input || this.check.disabled) return;
    try {
      const typed = this.input.value;
      const verdict = unread(this.kind, typed) ?? await this.ask("check", { typed, language: language() });
      if (!verdict) return;
      const kind = verdict.correct ? "right" : verdict.unread ? "unread" : "wrong";
      // Right after seeing the answer is not done: the reader is sent to new numbers.
      const message = verdict.correct && this.state.revealed ? { key: "practice.correct-after-answer", params: {} }
        : verdict.message;
      this.state.verdict = { kind, message, perhaps: verdict.perhaps ?? [], hints: verdict.hints ?? [] };
      this.state.hintsShown = 0;
      if (verdict.unread) this.keep();
      else {
        this.record(verdict.mistake, oneLine(typed));
        if (verdict.attempt) this.state.attempted = true;
        this.mark(verdict.correct);
      }
      this.showVerdict();
    } catch (error) {
      this.say([t("practice.python-failed", { reason: error.message })], { kind: "wrong" });
    }
  }

  async showAnswer() {
    try {
      const revealed = await this.ask("reveal", {});
      if (!revealed) return;
      const { answer } = revealed;
      this.markShown();
      this.say([element("strong", {}, t("practice.answer-is")), shownValue(t("practice.answer-label"), answer)],
        { kind: "revealed" });
    } catch (error) {
      this.say([t("practice.python-failed", { reason: error.message })], { kind: "wrong" });
    }
  }

  redraw() {
    this.generation++;
    this.state.seed = newSeed();
    for (const field of ["typed", "verdict", "hintsShown", "revealed", "attempted"]) delete this.state[field];
    if (this.input) this.input.value = "";
    this.showVerdict();
    this.draw();
  }

  afterReset() {
    if (this.input) this.input.value = "";
    this.showVerdict();
    if (this.drawn) this.redraw();  // else it is drawn, with a new seed, when it comes into view
  }
}

