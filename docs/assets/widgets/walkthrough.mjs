// Walkthroughs: each steps through data a lesson's Python computed (coursekit/page/steps.py
// says its shape) at build time, so it works the moment the page opens, with no Python
// in the page; a number editor (number-editor.mjs) may replace the steps with the reader's.
"use strict";
import { t } from "../messages/messages.mjs";
import { reachableWhenScrolling } from "../javascripts/scrolling.mjs";

const PLAY_MS = 1400;
const walkthroughs = new WeakMap();  // element -> its Walkthrough

export function element(tag, attributes = {}, text = "") {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text) node.textContent = text;
  return node;
}

/** The walkthroughs of a group (data-group), by name (data-walkthrough). */
export function walkthroughsOf(group) {
  const found = new Map();
  for (const root of document.querySelectorAll(".walkthrough[data-group]")) {
    if (root.dataset.group === group && walkthroughs.has(root)) found.set(root.dataset.walkthrough, walkthroughs.get(root));
  }
  return found;
}

/** One walkthrough: panels of matrices, a sentence, and the controls to move through the steps. */
class Walkthrough {
  constructor(root) {
    this.root = root;
    this.name = root.dataset.walkthrough;
    this.original = JSON.parse(root.dataset.json);
    this.data = this.original;
    this.step = 0;
    this.timer = null;
  }

  init() {
    this.titleElement = element("p", { class: "walkthrough-title" });
    const controls = element("div", { class: "walkthrough-controls" });
    const button = (text, attributes) => element("button", { type: "button", class: "md-button", ...attributes }, text);
    this.previous = button(t("walkthrough.back"), { "aria-label": t("walkthrough.back-label") });
    this.play = button(t("walkthrough.play"), { "aria-pressed": "false" });
    this.next = button(t("walkthrough.next"), { "aria-label": t("walkthrough.next-label") });
    this.slider = element("input", { type: "range", min: "1", step: "1", "aria-label": t("walkthrough.slider") });
    this.position = element("span", { class: "walkthrough-position" });
    controls.append(this.previous, this.play, this.next, this.slider, this.position);
    this.panels = element("div", { class: "walkthrough-panels" });
    this.sentence = element("p", { class: "walkthrough-sentence", "aria-live": "polite" });
    this.root.append(this.titleElement, controls, this.panels, this.sentence);
    this.root.tabIndex = 0;
    this.root.setAttribute("role", "group");

    this.previous.addEventListener("click", () => this.go(this.step - 1));
    this.next.addEventListener("click", () => this.go(this.step + 1));
    this.play.addEventListener("click", () => this.toggle());
    this.slider.addEventListener("input", () => this.go(Number(this.slider.value) - 1));
    this.root.addEventListener("keydown", (event) => this.key(event));
    this.show(this.data);
    walkthroughs.set(this.root, this);
  }

  /** Show a new set of steps (the lesson's, or the reader's), from the first step. */
  show(data) {
    this.stop();
    this.data = data;
    this.titleElement.textContent = data.title;
    this.root.setAttribute("aria-label", t("walkthrough.label", { title: data.title }));
    this.slider.max = String(data.steps.length);
    this.go(0);
  }

  key(event) {
    // Keys typed into a field, or scrolling a matrix too wide for the screen, are theirs.
    if (event.target.closest("textarea, input:not([type=range]), [data-scrolls]")) return;
    // On a focused button, Space and Enter press it (Play's own click plays and pauses).
    if (event.target.closest("button") && [" ", "Spacebar", "Enter"].includes(event.key)) return;
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
    const rows = current.rows || [{ caption: null, panels: current.panels }];
    this.panels.classList.toggle("walkthrough-panels--rows", Boolean(current.rows));
    this.panels.replaceChildren(...rows.map((row) => this.drawRow(row)));
    this.sentence.textContent = current.sentence;
    this.slider.value = String(this.step + 1);
    this.position.textContent = t("walkthrough.position", { step: this.step + 1, steps: last + 1 });
    this.previous.disabled = this.step === 0;
    this.next.disabled = this.step === last;
    if (this.step === last) this.stop();
  }

  drawRow({ caption, panels }) {
    const row = element("div", { class: "walkthrough-row" });
    if (caption) row.append(element("p", { class: "walkthrough-row-caption" }, caption));
    row.append(...panels.map((panel) => drawPanel(panel)));
    return row;
  }

  toggle() {
    if (this.timer) {
      this.stop();
      return;
    }
    if (this.step === this.data.steps.length - 1) this.go(0);
    this.play.textContent = t("walkthrough.pause");
    this.play.setAttribute("aria-pressed", "true");
    this.timer = setInterval(() => this.go(this.step + 1), PLAY_MS);
  }

  stop() {
    clearInterval(this.timer);
    this.timer = null;
    this.play.textContent = t("walkthrough.play");
    this.play.setAttribute("aria-pressed", "false");
  }
}

/** One matrix: its window outlined, its current entry boxed, marked entries picked out,
 *  entries not computed yet blank, padding shaded (coursekit/page/steps.py: panel). */
function drawPanel({ title, cells, window, current, padding = 0, marked = [] }) {
  const [padRows, padColumns] = Array.isArray(padding) ? padding : [padding, padding];
  const isMarked = new Set((marked || []).map(([r, c]) => `${r},${c}`));
  const figure = element("figure", { class: "walkthrough-panel" });
  const table = element("table", { class: "walkthrough-matrix" });
  cells.forEach((row, r) => {
    const tr = element("tr");
    row.forEach((value, c) => {
      const td = element("td", {}, value);
      const inWindow = window && r >= window[0] && r < window[0] + window[2] && c >= window[1] && c < window[1] + window[3];
      if (inWindow) td.classList.add("in-window");
      if (current && r === current[0] && c === current[1]) td.classList.add("current");
      if (isMarked.has(`${r},${c}`)) td.classList.add("marked");
      if (value === "") td.classList.add("pending");
      if (r < padRows || r >= cells.length - padRows || c < padColumns || c >= row.length - padColumns) {
        td.classList.add("padding-cell");
      }
      tr.append(td);
    });
    table.append(tr);
  });
  figure.append(element("figcaption", {}, title), table);
  reachableWhenScrolling(figure, t("scroll.matrix", { title }));  // a large matrix on a phone
  return figure;
}

function init() {
  for (const root of document.querySelectorAll(".walkthrough:not([data-ready])")) {
    root.dataset.ready = "";
    new Walkthrough(root).init();
  }
}

// In a task of its own, not inside the one in which Material sets the page up.
if (typeof document$ !== "undefined") document$.subscribe(() => setTimeout(init, 0));
else init();
