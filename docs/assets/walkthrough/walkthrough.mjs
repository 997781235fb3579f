// The page's walkthroughs: each steps through data that convolutional_steps.py computed
// at build time (so it works the moment the page opens, with no Python in the page),
// and the number editor recomputes them with the same file, in the page's Python.
"use strict";

import { runForWidget } from "../runner/runner.mjs";

const PLAY_MS = 1400;

function element(tag, attributes = {}, text = "") {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text) node.textContent = text;
  return node;
}

/** One walkthrough: panels of matrices, a sentence, and the controls to move through the steps. */
class Walkthrough {
  constructor(root) {
    this.root = root;
    this.name = root.dataset.walkthrough;
    this.original = JSON.parse(root.querySelector('script[type="application/json"]').textContent);
    this.data = this.original;
    this.step = 0;
    this.timer = null;
  }

  init() {
    const title = element("p", { class: "walkthrough-title" });
    const controls = element("div", { class: "walkthrough-controls" });
    this.previous = element("button", { type: "button", class: "md-button", "aria-label": "Previous step" }, "◀ Back");
    this.play = element("button", { type: "button", class: "md-button", "aria-pressed": "false" }, "Play");
    this.next = element("button", { type: "button", class: "md-button", "aria-label": "Next step" }, "Next ▶");
    this.slider = element("input", { type: "range", min: "1", step: "1", "aria-label": "Step" });
    this.position = element("span", { class: "walkthrough-position" });
    controls.append(this.previous, this.play, this.next, this.slider, this.position);
    this.panels = element("div", { class: "walkthrough-panels" });
    this.sentence = element("p", { class: "walkthrough-sentence", "aria-live": "polite" });
    this.titleElement = title;
    this.root.append(title, controls, this.panels, this.sentence);
    this.root.tabIndex = 0;
    this.root.setAttribute("role", "group");

    this.previous.addEventListener("click", () => this.go(this.step - 1));
    this.next.addEventListener("click", () => this.go(this.step + 1));
    this.play.addEventListener("click", () => this.toggle());
    this.slider.addEventListener("input", () => this.go(Number(this.slider.value) - 1));
    this.root.addEventListener("keydown", (event) => this.key(event));
    this.show(this.data);
  }

  /** Show a new set of steps (the lesson's, or the reader's), from the first step. */
  show(data) {
    this.stop();
    this.data = data;
    this.titleElement.textContent = data.title;
    this.root.setAttribute("aria-label", `${data.title}: walkthrough, arrow keys move, space plays`);
    this.slider.max = String(data.steps.length);
    this.go(0);
  }

  key(event) {
    if (event.target.closest("textarea, input:not([type=range])")) return;
    const moves = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
    if (event.key in moves && event.target !== this.slider) {
      this.go(this.step + moves[event.key]);
    } else if (event.key === " " || event.key === "Spacebar") {
      this.toggle();
    } else if (event.key === "Home") {
      this.go(0);
    } else if (event.key === "End") {
      this.go(this.data.steps.length - 1);
    } else {
      return;
    }
    event.preventDefault();
  }

  go(step) {
    const last = this.data.steps.length - 1;
    this.step = Math.max(0, Math.min(last, step));
    const current = this.data.steps[this.step];
    this.panels.replaceChildren(...current.panels.map((panel) => this.drawPanel(panel)));
    this.sentence.textContent = current.sentence;
    this.slider.value = String(this.step + 1);
    this.position.textContent = `Step ${this.step + 1} of ${last + 1}`;
    this.previous.disabled = this.step === 0;
    this.next.disabled = this.step === last;
    if (this.step === last) this.stop();
  }

  drawPanel({ title, cells, window, current, padding = 0 }) {
    const [padRows, padColumns] = Array.isArray(padding) ? padding : [padding, padding];
    const figure = element("figure", { class: "walkthrough-panel" });
    const table = element("table", { class: "walkthrough-matrix" });
    cells.forEach((row, r) => {
      const tr = element("tr");
      row.forEach((value, c) => {
        const td = element("td", {}, value);
        const inWindow = window && r >= window[0] && r < window[0] + window[2] && c >= window[1] && c < window[1] + window[3];
        if (inWindow) td.classList.add("in-window");
        if (current && r === current[0] && c === current[1]) td.classList.add("current");
        if (value === "") td.classList.add("pending");
        if (r < padRows || r >= cells.length - padRows || c < padColumns || c >= row.length - padColumns) {
          td.classList.add("padding-cell");
        }
        tr.append(td);
      });
      table.append(tr);
    });
    figure.append(element("figcaption", {}, title), table);
    return figure;
  }

  toggle() {
    if (this.timer) {
      this.stop();
      return;
    }
    if (this.step === this.data.steps.length - 1) this.go(0);
    this.play.textContent = "Pause";
    this.play.setAttribute("aria-pressed", "true");
    this.timer = setInterval(() => this.go(this.step + 1), PLAY_MS);
  }

  stop() {
    clearInterval(this.timer);
    this.timer = null;
    this.play.textContent = "Play";
    this.play.setAttribute("aria-pressed", "false");
  }
}

/** A matrix the reader typed: rows on lines (or separated by ";"), entries by spaces or commas. */
function parseMatrix(text, label, limit) {
  const rows = text.split(/[\n;]/).map((row) => row.trim()).filter((row) => row !== "");
  if (!rows.length) throw new Error(`${label} is empty: type its rows, one per line`);
  const matrix = rows.map((row, r) => row.split(/[\s,]+/).map((entry) => {
    const value = Number(entry.replace("\u2212", "-"));
    if (!Number.isFinite(value)) throw new Error(`${label}, row ${r + 1}: "${entry}" is not a number`);
    return value;
  }));
  const width = matrix[0].length;
  const ragged = matrix.findIndex((row) => row.length !== width);
  if (ragged >= 0) {
    throw new Error(`${label}: row ${ragged + 1} has ${matrix[ragged].length} entries, row 1 has ${width}; ` +
      "every row needs the same number");
  }
  if (matrix.length > limit || width > limit) {
    throw new Error(`${label} is ${matrix.length}×${width}: here it can be at most ${limit}×${limit}`);
  }
  return matrix;
}

function parseNumber(text, label) {
  const value = Number(text.trim().replace("\u2212", "-"));
  if (text.trim() === "" || !Number.isFinite(value)) throw new Error(`${label}: "${text.trim()}" is not a number`);
  return value;
}

// Which field a ValueError of convolutional.py is about, by how its message starts.
const FIELD_OF_MESSAGE = [
  [/^the kernel K|^K /, "K"], [/^X /, "X"], [/^dL\/dY/, "dL_dY"], [/^b /, "b"],
  [/^the stride/, "stride"], [/^the padding/, "padding"],
];

/** The form where the reader changes the numbers; it recomputes every walkthrough and the table. */
class NumberEditor {
  constructor(form, walkthroughs) {
    this.form = form;
    this.walkthroughs = walkthroughs;
    this.setup = JSON.parse(form.querySelector('script[type="application/json"]').textContent);
    this.status = form.querySelector(".walkthrough-editor-status");
    this.table = document.querySelector(".walkthrough-table");
    this.originalTable = this.table ? this.table.innerHTML : "";
    this.originalValues = Object.fromEntries([...form.elements].filter((e) => e.name).map((e) => [e.name, e.value]));
  }

  init() {
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.recompute();
    });
    this.form.querySelector(".walkthrough-restore").addEventListener("click", () => this.restore());
  }

  fieldError(name, message) {
    const field = this.form.elements[name];
    this.form.querySelector(`#walkthrough-${name}-error`).textContent = message;
    field.setAttribute("aria-invalid", message ? "true" : "false");
  }

  read() {
    const values = {};
    let valid = true;
    const fields = { X: "matrix", K: "matrix", dL_dY: "matrix", b: "number", stride: "number", padding: "number" };
    for (const [name, kind] of Object.entries(fields)) {
      const label = name === "dL_dY" ? "dL/dY" : name;
      try {
        const text = this.form.elements[name].value;
        values[name] = kind === "matrix" ? parseMatrix(text, label, this.setup.limit) : parseNumber(text, label);
        this.fieldError(name, "");
      } catch (error) {
        this.fieldError(name, error.message);
        valid = false;
      }
    }
    return valid ? values : null;
  }

  async recompute() {
    const values = this.read();
    if (!values) {
      this.status.textContent = "Not recomputed: see the message by the field. The walkthroughs still show the last valid numbers.";
      return;
    }
    const payload = JSON.stringify({ sources: this.setup.sources, inputs: values });
    const code = [
      "import json, sys, types",
      "import numpy",
      "import pandas",
      `_payload = json.loads(${JSON.stringify(payload)})`,
      "for _name in ('convolutional', 'convolutional_steps'):",
      "    _module = types.ModuleType(_name)",
      "    exec(compile(_payload['sources'][_name + '.py'], _name + '.py', 'exec'), _module.__dict__)",
      "    sys.modules[_name] = _module",
      "import convolutional_steps",
      "_a = _payload['inputs']",
      "print(json.dumps({",
      "    'walkthroughs': convolutional_steps.walkthroughs(_a['X'], _a['K'], _a['b'], _a['dL_dY'], _a['stride'], _a['padding']),",
      "    'table': convolutional_steps.step_table_html(_a['X'], _a['K'], _a['b'], _a['stride'], _a['padding'])}))",
    ].join("\n");
    const button = this.form.querySelector('button[type="submit"]');
    button.disabled = true;
    this.status.textContent = "Recomputing with Python";
    try {
      const { stdout, error } = await runForWidget(this.form, code, { onStatus: (text) => { this.status.textContent = text; } });
      if (error) {
        this.explain(error);
        return;
      }
      const result = JSON.parse(stdout);
      for (const walkthrough of this.walkthroughs) walkthrough.show(result.walkthroughs[walkthrough.name]);
      if (this.table) this.table.innerHTML = result.table;
      this.status.textContent = "Recomputed with your numbers: step through them below.";
    } catch (error) {
      this.status.textContent = `Could not recompute: ${error.message}. The walkthroughs still show the last valid numbers.`;
    } finally {
      button.disabled = false;
    }
  }

  /** A ValueError goes next to the field it names; anything else to the status line. */
  explain(traceback) {
    const last = traceback.trim().split("\n").pop();
    const message = last.replace(/^ValueError: /, "");
    const match = last.startsWith("ValueError: ") && FIELD_OF_MESSAGE.find(([pattern]) => pattern.test(message));
    if (match) this.fieldError(match[1], message);
    this.status.textContent = `Not recomputed: ${match ? "see the message by the field" : last}. ` +
      "The walkthroughs still show the last valid numbers.";
  }

  restore() {
    for (const [name, value] of Object.entries(this.originalValues)) {
      this.form.elements[name].value = value;
      this.fieldError(name, "");
    }
    for (const walkthrough of this.walkthroughs) walkthrough.show(walkthrough.original);
    if (this.table) this.table.innerHTML = this.originalTable;
    this.status.textContent = "Back to the lesson's example.";
  }
}

function init() {
  const walkthroughs = [];
  for (const root of document.querySelectorAll(".walkthrough:not([data-ready])")) {
    root.dataset.ready = "";
    const walkthrough = new Walkthrough(root);
    walkthrough.init();
    walkthroughs.push(walkthrough);
  }
  for (const form of document.querySelectorAll(".walkthrough-editor:not([data-ready])")) {
    form.dataset.ready = "";
    new NumberEditor(form, walkthroughs).init();
  }
}

// In a task of its own, not inside the one in which Material sets the page up.
if (typeof document$ !== "undefined") document$.subscribe(() => setTimeout(init, 0));
else init();
