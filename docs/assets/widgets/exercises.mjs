// Exercises (declared in the page's ```exercise fences, coursekit/exercises.py): numbers by
// hand, code, concept checks. Numbers are drawn and answers checked by the lesson's own
// Python (coursekit/practice.py) in the page's Python, through the runner's bridge; what
// would give an answer away (the right option, the explanations, the hints, the solution)
// is in the page sealed, and opened only when the reader gets there. What the reader does is
// kept in this browser (progress.mjs); the top of the page says what is done and tried.
"use strict";

import { callPython, loadCodeEditor, stopPython, warmUpPython, whenPythonFree } from "../runner/runner.mjs";
import { t } from "../messages/messages.mjs";
import { reachableWhenScrolling } from "../javascripts/scrolling.mjs";
import { element } from "./walkthrough.mjs";
import { load, newSeed, save, shuffled } from "./progress.mjs";

const SAVE_CODE_MS = 300;

/** What the build sealed (base64 of JSON). */
function unseal(text) {
  const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

function button(label, { primary = false, ...attributes } = {}) {
  return element("button", { type: "button", class: `md-button${primary ? " md-button--primary" : ""}`, ...attributes },
    label);
}

/** Code as text, in a box the keyboard can scroll when it is wider. */
function codeBox(code, attributes = {}) {
  const pre = element("pre", attributes, code);
  reachableWhenScrolling(pre, t("scroll.code"));
  return pre;
}

/** The numbers a question or a failed case shows, in a box the keyboard can scroll when it is wider. */
function givenBox() {
  const given = element("div", { class: "exercise-given" });
  reachableWhenScrolling(given, t("scroll.given"));
  return given;
}

/** A matrix (rows of text) as a table, or a number as text, captioned with its name. */
function shownValue(label, value) {
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
function whenNear(element, then) {
  const observer = new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting)) {
      observer.disconnect();
      then();
    }
  }, { rootMargin: "200px" });
  observer.observe(element);
}

/** A message of the catalog, from Python's {key, params}. */
const said = ({ key, params }) => t(key, params);

/** The practice of one page: its exercises, their kept state, and the summary at the top. */
class Practice {
  constructor(sections) {
    this.page = location.pathname;
    this.kept = load(this.page);
    this.exercises = sections.map((section) => new (KINDS[section.dataset.kind])(section, this));
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
    const counts = { done: 0, tried: 0, none: 0 };
    this.summaryList.replaceChildren();
    for (const exercise of this.exercises) {
      const status = exercise.state.status || "none";
      counts[status]++;
      const item = element("li", { class: `practice-summary-${status}` });
      const link = element("a", { href: `#${exercise.section.id}` }, exercise.title);
      item.append(link, " ", element("span", { class: "practice-summary-status" }, t(`practice.status.${status}`)));
      this.summaryList.append(item);
    }
    this.summaryCounts.textContent = t("practice.progress.counts", counts);
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
    details.append(heading, this.summaryList, reset, confirm, this.summaryNote);
    summary.append(details);
    const title = document.querySelector("article h1") || document.querySelector("h1");
    if (title) title.after(summary);
    else this.exercises[0].section.before(summary);
    return summary;
  }
}

/** What every exercise has: its section, its state, a feedback line, a reset. */
class Exercise {
  constructor(section, practice) {
    this.section = section;
    this.practice = practice;
    this.id = section.dataset.exercise;
    this.generation = 0;
    this.setup = JSON.parse(section.dataset.json);
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

/** Numbers by hand: inputs drawn for this reader, an answer checked by the lesson's Python. */
class NumberExercise extends Exercise {
  init() {
    this.given = givenBox();
    this.form = element("form", { class: "exercise-answer", novalidate: "" });
    this.label = element("label", { for: `${this.section.id}-answer` });
    this.controls = element("div", { class: "exercise-buttons" });
    this.check = button(t("practice.check"), { primary: true, type: "submit" });
    this.check.type = "submit";
    this.again = button(t("practice.new-numbers"));
    this.reveal = button(t("practice.show-answer"), { hidden: "" });
    this.resetControl = this.resetButton();
    this.controls.append(this.check, this.again, this.reveal, this.resetControl);
    this.status = element("p", { class: "exercise-status", role: "status" });
    this.note = element("p", { class: "exercise-note", id: `${this.section.id}-note` });
    this.form.append(this.label, element("div", { class: "exercise-input" }), this.note, this.controls);
    this.body.replaceChildren(this.given, this.form, this.status, this.feedback);
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.checkAnswer();
    });
    this.again.addEventListener("click", () => this.redraw());
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
    for (const control of [this.check, this.again, this.reveal, this.start, this.resetControl]) {
      control.disabled = waiting || (control === this.check && !this.input);
    }
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
    this.reveal.hidden = !this.state.status;
    if (this.state.feedback) this.say([said(this.state.feedback)], { kind: this.state.feedbackKind });
  }

  async checkAnswer() {
    if (!this.input || this.check.disabled) return;
    try {
      const verdict = await this.ask("check", { typed: this.input.value });
      if (!verdict) return;
      const kind = verdict.correct ? "right" : verdict.unread ? "unread" : "wrong";
      // Right after seeing the answer is not done: the reader is sent to new numbers.
      const message = verdict.correct && this.state.revealed ? { key: "practice.correct-after-answer", params: {} }
        : verdict.message;
      this.state.feedback = message;
      this.state.feedbackKind = kind;
      this.say([element("strong", {}, t(`practice.verdict.${kind}`)), " ", said(message)], { kind });
      if (verdict.unread) this.keep();
      else {
        this.mark(verdict.correct && !this.state.revealed);
        this.reveal.hidden = false;
      }
    } catch (error) {
      this.say([t("practice.python-failed", { reason: error.message })], { kind: "wrong" });
    }
  }

  async showAnswer() {
    try {
      const revealed = await this.ask("reveal", {});
      if (!revealed) return;
      const { answer } = revealed;
      this.state.revealed = true;
      this.keep();
      this.say([element("strong", {}, t("practice.answer-is")), shownValue(t("practice.answer-label"), answer)],
        { kind: "revealed" });
    } catch (error) {
      this.say([t("practice.python-failed", { reason: error.message })], { kind: "wrong" });
    }
  }

  redraw() {
    this.generation++;
    this.state.seed = newSeed();
    for (const field of ["typed", "feedback", "feedbackKind", "revealed"]) delete this.state[field];
    if (this.input) this.input.value = "";
    this.say([]);
    this.draw();
  }

  afterReset() {
    if (this.input) this.input.value = "";
    this.reveal.hidden = true;
    if (this.drawn) this.redraw();  // else it is drawn, with a new seed, when it comes into view
  }
}

/** Code: the reader's function, checked against the lesson's tests. */
class CodeExercise extends Exercise {
  init() {
    this.sealed = unseal(this.section.dataset.sealed);
    this.state.seed ??= newSeed();
    const toolbar = element("div", { class: "exercise-buttons", role: "group", "aria-label": this.title });
    this.check = button(t("practice.check"), { primary: true });
    this.stop = button(t("practice.stop"), { disabled: "" });
    this.gradient = this.setup.gradient ? button(t("practice.gradient-check")) : null;
    this.hint = button("");
    this.solution = button(t("practice.show-solution"));
    const resetCode = button(t("practice.reset-code"));
    toolbar.append(...[this.check, this.stop, this.gradient, this.hint, this.solution, resetCode, this.resetButton()]
      .filter(Boolean));
    this.code = element("div", { class: "exercise-code" });
    this.code.append(codeBox(this.state.code ?? this.setup.starter));
    this.status = element("p", { class: "exercise-status", role: "status" });
    this.hints = element("ol", { class: "exercise-hints" });
    this.solutionBox = element("div", { class: "exercise-solution" });
    this.body.replaceChildren(this.code, toolbar, this.status, this.feedback, this.hints, this.solutionBox);
    this.check.addEventListener("click", () => this.run("check"));
    this.gradient?.addEventListener("click", () => this.run("gradient_check"));
    this.stop.addEventListener("click", () => stopPython(this.callId));
    this.hint.addEventListener("click", () => this.nextHint());
    this.solution.addEventListener("click", () => this.showSolution());
    resetCode.addEventListener("click", async () => {
      (await this.editor())?.setCode(this.setup.starter);
      delete this.state.code;
      this.keep();
    });
    this.showHints();
    if (this.state.solution) this.showSolution();
    whenNear(this.section, () => this.editor());
  }

  editor() {
    this.editorPromise ??= loadCodeEditor().then(({ createEditor }) => {
      let timer = null;
      const editor = createEditor({
        code: this.state.code ?? this.setup.starter, parent: document.createElement("div"),
        onRun: () => this.run("check"), label: t("practice.code-label", { title: this.title }),
        onChange: (code) => {
          clearTimeout(timer);
          this.unsaved = code;
          timer = setTimeout(() => this.saveCode(), SAVE_CODE_MS);
        },
      });
      // The last keystrokes, kept even when the page goes before the pause.
      addEventListener("pagehide", () => this.saveCode());
      this.code.replaceChildren(editor.view.dom);
      return editor;
    }).catch((error) => {
      this.status.textContent = t("practice.editor-failed", { reason: error.message });
      return null;
    });
    return this.editorPromise;
  }

  saveCode() {
    if (this.unsaved === undefined) return;
    this.state.code = this.unsaved;
    this.unsaved = undefined;
    this.keep();
  }

  async currentCode() {
    const editor = await this.editor();
    return editor ? editor.getCode() : this.state.code ?? this.setup.starter;
  }

  async run(what) {
    if (this.running) return;
    this.running = true;
    this.check.disabled = true;
    if (this.gradient) this.gradient.disabled = true;
    this.stop.disabled = false;
    const code = await this.currentCode();
    this.state.code = code;
    this.keep();
    this.status.textContent = t(what === "check" ? "practice.checking" : "practice.gradient-checking");
    const generation = this.generation;
    try {
      const { value, error } = await callPython(this.section, this.setup.module, `${this.setup.tests}.${what}`,
        { code, seed: this.state.seed }, {
          onStatus: (text) => { this.status.textContent = text; }, onSent: (id) => { this.callId = id; },
        });
      this.status.textContent = "";
      if (!this.current(generation)) return;
      if (error) this.say([t("practice.code.stopped-or-failed", { reason: error.message })], { kind: "wrong" });
      else if (what === "check") this.report(value);
      else this.gradientReport(value);
    } catch (error) {
      this.status.textContent = "";
      this.say([t("practice.python-failed", { reason: error.message })], { kind: "wrong" });
    } finally {
      this.running = false;
      this.check.disabled = false;
      if (this.gradient) this.gradient.disabled = false;
      this.stop.disabled = true;
    }
  }

  caseParts(report) {
    if (!report.case) return [];
    const { label, number, of, inputs } = report.case;
    const heading = number ? t("practice.code.case", { number, of, label })
      : t("practice.code.gradient-case", { label });
    const given = givenBox();
    given.append(...Object.entries(inputs).map(([name, value]) => shownValue(name, value)));
    return [element("p", {}, heading), given];
  }

  report(report) {
    const printed = report.printed
      ? [element("p", {}, t("practice.code.printed")), codeBox(report.printed, { class: "exercise-printed" })]
      : [];
    if (report.passed) {
      this.say([element("strong", {}, t("practice.verdict.right")), " ",
        t("practice.code.passed", { cases: report.cases }),
        ...printed], { kind: "right" });
      this.mark(true);
      return;
    }
    const problem = report.problem.key === "practice.code.exception" || report.problem.key === "practice.code.syntax"
      ? [element("p", {}, t(`${report.problem.key}.intro`, report.problem.params)),
        codeBox(report.problem.params.traceback ?? report.problem.params.error, { class: "exercise-traceback" })]
      : [element("p", {}, said(report.problem))];
    const mistake = [];
    if (report.mistake) {
      const line = element("p", { class: "exercise-mistake" });
      line.append(element("strong", {}, t("practice.likely-mistake")), " ", t(`mistake.${report.mistake}`));
      mistake.push(line);
    }
    this.say([element("strong", {}, t("practice.verdict.wrong")), ...this.caseParts(report), ...problem, ...mistake,
      ...printed], { kind: "wrong" });
    this.mark(false);
  }

  gradientReport(report) {
    if (!report.results) {
      this.report({ ...report, case: null });
      return;
    }
    const list = element("ul");
    for (const { output, error, ok } of report.results) {
      list.append(element("li", {}, t(ok ? "practice.gradient.ok" : "practice.gradient.off", { output, error })));
    }
    this.say([element("strong", {}, t(report.passed ? "practice.gradient.passed" : "practice.gradient.failed")),
      ...this.caseParts(report), list, element("p", {}, t("practice.gradient.about"))],
    { kind: report.passed ? "right" : "wrong" });
  }

  showHints() {
    const shown = Math.min(this.state.hints ?? 0, this.sealed.hints.length);
    this.hints.replaceChildren(...this.sealed.hints.slice(0, shown).map((html) => {
      const item = element("li");
      item.innerHTML = html;  // Markdown the build rendered from the lesson's declaration
      return item;
    }));
    window.typesetMathIn?.(this.hints);
    const left = this.sealed.hints.length - shown;
    this.hint.textContent = t("practice.hint", { left });
    this.hint.disabled = left === 0;
    this.hint.hidden = this.sealed.hints.length === 0;
  }

  nextHint() {
    this.state.hints = (this.state.hints ?? 0) + 1;
    this.showHints();
    this.keep();
    this.hints.lastElementChild?.setAttribute("tabindex", "-1");
    this.hints.lastElementChild?.focus();
  }

  showSolution() {
    this.state.solution = true;
    this.keep();
    const use = button(t("practice.use-solution"));
    use.addEventListener("click", async () => (await this.editor())?.setCode(this.sealed.solution));
    this.solutionBox.replaceChildren(element("p", { class: "exercise-solution-title" }, t("practice.solution")),
      codeBox(this.sealed.solution, { class: "exercise-solution-code" }), use);
    this.solution.hidden = true;
  }

  reset() {
    super.reset();
    this.solutionBox.replaceChildren();
    this.solution.hidden = false;
  }

  afterReset() {
    this.state.seed = newSeed();
    this.showHints();
    this.editor().then((editor) => editor?.setCode(this.setup.starter));
    this.keep();
  }
}

/** A concept check: options in this reader's order; an explanation for each, once answered. */
class ChoiceExercise extends Exercise {
  init() {
    this.sealed = unseal(this.section.dataset.sealed).options;
    this.state.order ??= newSeed();
    this.list = element("ul", { class: "exercise-options", role: "list" });
    this.again = button(t("practice.try-again"), { hidden: "" });
    this.again.addEventListener("click", () => {
      delete this.state.choice;
      this.state.order = newSeed();
      this.keep();
      this.draw();
    });
    const controls = element("div", { class: "exercise-buttons" });
    controls.append(this.again, this.resetButton());
    this.body.replaceChildren(this.list, this.feedback, controls);
    this.draw();
  }

  draw() {
    this.list.replaceChildren();
    for (const index of shuffled(this.setup.options.length, this.state.order)) {
      const item = element("li", { class: "exercise-option" });
      const choose = button("", { class: "exercise-option-button", "aria-pressed": "false" });
      choose.innerHTML = this.setup.options[index];  // Markdown the build rendered from the declaration
      choose.dataset.index = index;
      window.typesetMathIn?.(choose);
      choose.addEventListener("click", () => this.choose(index));
      const why = element("div", { class: "exercise-why", hidden: "" });
      item.append(choose, why);
      this.list.append(item);
    }
    this.say([]);
    this.again.hidden = true;
    if (this.state.choice !== undefined) this.answered(this.state.choice);
  }

  choose(index) {
    if (this.state.choice !== undefined) return;
    this.state.choice = index;
    this.mark(this.sealed[index].right);
    this.answered(index);
    this.feedback.focus();  // the options are disabled now: the keyboard goes on from the verdict
  }

  answered(chosen) {
    for (const item of this.list.children) {
      const choose = item.querySelector("button");
      const index = Number(choose.dataset.index);
      const { right, why } = this.sealed[index];
      choose.setAttribute("aria-pressed", String(index === chosen));
      choose.disabled = true;
      item.classList.toggle("exercise-option--right", right);
      item.classList.toggle("exercise-option--chosen", index === chosen);
      const box = item.querySelector(".exercise-why");
      const tags = [right && t("practice.choice.right"), index === chosen && t("practice.choice.yours")].filter(Boolean);
      box.innerHTML = why;  // Markdown the build rendered from the declaration
      if (tags.length) box.prepend(element("strong", { class: "exercise-why-tag" }, `${tags.join(" · ")}: `));
      box.hidden = false;
    }
    const right = this.sealed[chosen].right;
    this.say([element("strong", {}, t(right ? "practice.verdict.right" : "practice.verdict.wrong")), " ",
      t(right ? "practice.choice.well-done" : "practice.choice.read-why")], { kind: right ? "right" : "wrong" });
    this.again.hidden = right;
    window.typesetMathIn?.(this.list);
  }

  afterReset() {
    this.state.order = newSeed();
    this.draw();
  }
}

const KINDS = { number: NumberExercise, code: CodeExercise, choice: ChoiceExercise };

function init() {
  const sections = [...document.querySelectorAll(".exercise[data-exercise]:not([data-ready])")];
  if (!sections.length) return;
  for (const section of sections) section.dataset.ready = "";
  new Practice(sections).init();
}

if (typeof document$ !== "undefined") document$.subscribe(() => setTimeout(init, 0));
else init();
