// An exercise of code: the reader's function, in the code editor, checked against the
// lesson's tests (and, for a gradient, finite differences) in the page's Python; hints and
// a solution, sealed in the page until the reader asks (the solution once they have checked
// code of their own; the exercise is then "shown", not done).
"use strict";

import { callPython, stopPython } from "../../runner/bridge.mjs";
import { loadCodeEditor } from "../../runner/code-editor.mjs";
import { t } from "../../messages/messages.mjs";
import { element } from "../walkthrough.mjs";
import { newSeed } from "../progress.mjs";
import { Exercise } from "./exercise.mjs";
import { button, codeBox, givenBox, said, shownValue, unseal, whenNear } from "./parts.mjs";

const SAVE_CODE_MS = 300;

/** Code: the reader's function, checked against the lesson's tests. */
export class CodeExercise extends Exercise {
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
    this.afterAttempt = element("p", { class: "exercise-note", hidden: "" }, t("practice.solution-after-attempt"));
    this.body.replaceChildren(this.code, toolbar, this.status, this.feedback, this.hints, this.afterAttempt,
      this.solutionBox);
    this.check.addEventListener("click", () => this.run("check"));
    this.gradient?.addEventListener("click", () => this.run("gradient_check"));
    this.stop.addEventListener("click", () => stopPython(this.callId));
    this.hint.addEventListener("click", () => this.nextHint("hints"));
    this.solution.addEventListener("click", () => this.showSolution());
    resetCode.addEventListener("click", async () => {
      (await this.editor())?.setCode(this.setup.starter);
      delete this.state.code;
      this.keep();
    });
    this.showHints();
    if (this.state.solution) this.openSolution();
    this.offerSolution();
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
      // Code of the reader's own, run (stopped too): the solution may be shown now.
      if (code.trim() !== this.setup.starter.trim()) this.state.attempted = true;
      if (error) this.say([t("practice.code.stopped-or-failed", { reason: error.message })], { kind: "wrong" });
      else if (what === "check") this.report(value);
      else this.gradientReport(value);
      this.offerSolution();
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
    this.record(report.passed ? null : report.mistake);
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

  /** The solution's button, once the reader has checked code of their own (a note says so before). */
  offerSolution() {
    const { attempted, solution } = this.state;
    this.solution.hidden = Boolean(solution) || !attempted;
    this.afterAttempt.hidden = Boolean(solution || attempted) || !this.state.status;
  }

  showSolution() {
    this.state.solution = true;
    this.markShown();
    this.openSolution();
  }

  openSolution() {
    const use = button(t("practice.use-solution"));
    use.addEventListener("click", async () => (await this.editor())?.setCode(this.sealed.solution));
    this.solutionBox.replaceChildren(element("p", { class: "exercise-solution-title" }, t("practice.solution")),
      codeBox(this.sealed.solution, { class: "exercise-solution-code" }), use);
    this.solution.hidden = true;
  }

  reset() {
    super.reset();
    this.solutionBox.replaceChildren();
    this.offerSolution();
  }

  afterReset() {
    this.state.seed = newSeed();
    this.showHints();
    this.editor().then((editor) => editor?.setCode(this.setup.starter));
    this.keep();
  }
}

