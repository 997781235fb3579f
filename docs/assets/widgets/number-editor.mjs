// The number editor: a form whose fields a lesson declares (coursekit/widgets.py). The
// reader's numbers are read here (a typo gets its message at once, with no Python), then
// the lesson's own function is called with them in the page's Python (the runner's
// callPython), and the walkthroughs and tables of the editor's group show what it
// returned. An error the function raises about one argument is shown by that field. The
// reader's text always stays as typed; the widgets keep the last valid numbers.
"use strict";

import { callPython } from "../runner/bridge.mjs";
import { walkthroughsOf } from "./walkthrough.mjs";
import { t } from "../messages/messages.mjs";

const MINUS = /\u2212/g;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;  // 3, -0.5, .5, 2.5e-7; not 0x10, not Infinity

/** A number as the reader writes it ("−" as well as "-"), or null. */
function decimal(text) {
  const written = text.trim().replace(MINUS, "-");
  const value = DECIMAL.test(written) ? Number(written) : NaN;
  return Number.isFinite(value) ? value : null;
}

/** What the reader typed, as a message quotes it: a long paste shortened to its start. */
const QUOTED = 24;
const quoted = (text) => (text.length > QUOTED ? `${text.slice(0, QUOTED - 1)}…` : text);

/** A number the reader typed, or a message saying why it is not one. */
function parseNumber(text, label) {
  const value = decimal(text);
  if (value === null) throw new Error(t("editor.not-a-number", { label, text: quoted(text.trim()) }));
  return value;
}

/** A whole number between `smallest` and `largest` (either may be null). */
function parseCount(text, label, { smallest, largest }) {
  const value = parseNumber(text, label);
  if (!Number.isInteger(value) || (smallest != null && value < smallest) || (largest != null && value > largest)) {
    const params = { label, text: quoted(text.trim()), smallest: smallest ?? 0, largest };
    throw new Error(largest == null ? t("editor.count-at-least", params) : t("editor.count-from-to", params));
  }
  return value;
}

/** A matrix: rows on lines (or separated by ";"), entries by spaces or commas. */
function parseMatrix(text, label, { largest }) {
  const rows = text.split(/[\n;]/).map((row) => row.trim()).filter((row) => row !== "");
  if (!rows.length) throw new Error(t("editor.matrix-empty", { label }));
  const matrix = rows.map((row, r) => row.split(/\s*,\s*|\s+/).map((entry) => {
    if (entry === "") throw new Error(t("editor.entry-missing", { label, row: r + 1 }));
    const value = decimal(entry);
    if (value === null) throw new Error(t("editor.entry-not-a-number", { label, row: r + 1, entry: quoted(entry) }));
    return value;
  }));
  const width = matrix[0].length;
  const ragged = matrix.findIndex((row) => row.length !== width);
  if (ragged >= 0) {
    throw new Error(t("editor.rows-differ", { label, row: ragged + 1, entries: matrix[ragged].length, width }));
  }
  if (largest != null && (matrix.length > largest || width > largest)) {
    throw new Error(t("editor.matrix-too-large", { label, rows: matrix.length, columns: width, largest }));
  }
  return matrix;
}

const PARSERS = { matrix: parseMatrix, number: parseNumber, count: parseCount };

class NumberEditor {
  constructor(form) {
    this.form = form;
    this.group = form.dataset.group;
    this.setup = JSON.parse(form.dataset.json);
    this.status = form.querySelector(".number-editor-status");
    this.button = form.querySelector('button[type="submit"]');
    this.originalValues = Object.fromEntries(this.setup.fields.map(({ name }) => [name, this.control(name).value]));
    this.originalTables = new Map([...this.tables()].map(([name, table]) => [name, table.innerHTML]));
    this.generation = 0;  // a reply to an earlier Recompute, after Back or a later Recompute, is dropped
  }

  init() {
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.recompute();
    });
    this.form.querySelector(".number-editor-restore").addEventListener("click", () => this.restore());
  }

  control(name) {
    return this.form.elements.namedItem(name);
  }

  tables() {
    const found = new Map();
    for (const table of document.querySelectorAll(".walkthrough-table[data-group]")) {
      if (table.dataset.group === this.group) found.set(table.dataset.table, table);
    }
    return found;
  }

  fieldError(name, message) {
    this.form.querySelector(`#${CSS.escape(`${this.group}-${name}`)}-error`).textContent = message;
    this.control(name).setAttribute("aria-invalid", message ? "true" : "false");
  }

  /** The fields' values, or null where one is not valid (each such field says why). */
  read() {
    const values = {};
    let valid = true;
    for (const field of this.setup.fields) {
      try {
        values[field.name] = PARSERS[field.kind](this.control(field.name).value, field.label, field);
        this.fieldError(field.name, "");
      } catch (error) {
        this.fieldError(field.name, error.message);
        valid = false;
      }
    }
    return valid ? values : null;
  }

  async recompute() {
    const values = this.read();
    if (!values) {
      this.status.textContent = t("editor.see-field");
      return;
    }
    const generation = ++this.generation;
    this.button.disabled = true;
    this.status.textContent = t("editor.recomputing");
    try {
      const { module, function: name } = this.setup.call;
      const { value, error } = await callPython(this.form, module, name, { ...this.setup.fixed, ...values },
        { onStatus: (text) => { if (generation === this.generation) this.status.textContent = text; } });
      if (generation !== this.generation) return;
      if (error) {
        const field = this.setup.fields.find(({ name: field }) => field === error.argument);
        if (field) this.fieldError(field.name, error.message);
        this.status.textContent = field ? t("editor.see-field") : t("editor.not-recomputed", { reason: error.message });
        return;
      }
      this.show(value);
      this.status.textContent = t("editor.recomputed");
    } catch (error) {
      if (generation === this.generation) this.status.textContent = t("editor.failed", { reason: error.message });
    } finally {
      this.button.disabled = false;
    }
  }

  /** What the lesson's function returned: {walkthroughs: {name: data}, tables: {name: html}}. */
  show({ walkthroughs = {}, tables = {} }) {
    for (const [name, walkthrough] of walkthroughsOf(this.group)) {
      if (name in walkthroughs) walkthrough.show(walkthroughs[name]);
    }
    for (const [name, table] of this.tables()) {
      if (name in tables) table.innerHTML = tables[name];  // HTML the lesson's Python made, its values escaped
    }
  }

  restore() {
    this.generation++;
    for (const [name, value] of Object.entries(this.originalValues)) {
      this.control(name).value = value;
      this.fieldError(name, "");
    }
    for (const walkthrough of walkthroughsOf(this.group).values()) walkthrough.show(walkthrough.original);
    for (const [name, table] of this.tables()) table.innerHTML = this.originalTables.get(name);
    this.status.textContent = t("editor.restored");
  }
}

function init() {
  for (const form of document.querySelectorAll(".number-editor:not([data-ready])")) {
    form.dataset.ready = "";
    new NumberEditor(form).init();
  }
}

// After the walkthroughs (whose module subscribes first), in a task of its own.
if (typeof document$ !== "undefined") document$.subscribe(() => setTimeout(init, 0));
else init();
