// The page's Python blocks (the `pyodide` fence, coursekit/pyodide/fence.py): each becomes
// an editor with Run, Stop, Reset and Clear, a status line and an output area. Their code
// runs in the page's one Python (bridge.mjs), started only when the reader shows intent:
// pointing at or pressing Run, or focusing the editor; never merely for scrolling past.
"use strict";
import PROTOCOL from "./protocol.json" with { type: "json" };
import { decimal, t } from "../messages/messages.mjs";
import { reachableWhenScrolling } from "../javascripts/scrolling.mjs";
import { prefetchPython, pythonBusy, runPython, startPython, stopPython, warmUpPython } from "./bridge.mjs";
import { loadCodeEditor } from "./code-editor.mjs";

/** One block on the page: its editor, buttons, status line and output. */
class Block {
  constructor(element, number) {
    this.element = element;
    this.name = `<block ${number}>`;
    this.session = element.dataset.session || `page:${location.pathname}`;
    this.install = element.dataset.install ? element.dataset.install.split(",") : [];
    this.html = element.dataset.html === "1";
    this.codeArea = element.querySelector(".pyodide-code");
    this.original = this.codeArea.textContent.replace(/\n$/, "");
    this.status = element.querySelector(".pyodide-status");
    this.output = element.querySelector(".pyodide-output");
    this.buttons = Object.fromEntries(["run", "stop", "reset", "clear"].map(
      (name) => [name, element.querySelector(`.pyodide-${name}`)]));
    this.editor = null;
    this.running = false;
  }

  init() {
    const { run, stop, reset, clear } = this.buttons;
    run.addEventListener("click", () => this.run());
    // A pointer on its way to Run, or Run focused, says the reader is about to run:
    // start Python then, a few hundred milliseconds ahead of the click.
    for (const intent of ["pointerenter", "pointerdown", "focus"]) {
      run.addEventListener(intent, () => this.warmUp(), { once: true });
    }
    stop.addEventListener("click", () => stopPython(this.runId));
    reset.addEventListener("click", () => this.reset());
    clear.addEventListener("click", () => this.clear());
    for (const button of [run, reset, clear]) button.disabled = false;
    this.setStatus(t("runner.ready"));
    // The editor replaces the static code as the block nears the screen; a click or a key
    // on the code before that upgrades it at once.
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        observer.disconnect();
        this.upgrade();
      }
    }, { rootMargin: "200px" });
    observer.observe(this.element);
    this.codeArea.addEventListener("pointerdown", () => this.upgrade(true), { once: true });
  }

  async upgrade(focus = false) {
    if (!this.editor) {
      this.editor = loadCodeEditor().then(({ createEditor }) => {
        const editor = createEditor({
          code: this.original, parent: document.createElement("div"),
          onRun: () => this.run(), label: t("runner.editor"),
        });
        this.codeArea.replaceChildren(editor.view.dom);
        // Focusing the editor shows intent to run: start Python so it is warm by then.
        editor.view.contentDOM.addEventListener("focus", () => this.warmUp(), { once: true });
        return editor;
      }).catch((error) => {
        this.editor = null;
        this.setStatus(t("runner.editor-failed", { reason: error.message }));
        return null;
      });
    }
    const editor = await this.editor;
    if (focus && editor) editor.focus();
    return editor;
  }

  async code() {
    const editor = this.editor ? await this.editor : null;
    return editor ? editor.getCode() : this.original;
  }

  warmUp() {
    warmUpPython(this.element);  // a failure is reported when Run is pressed
  }

  setStatus(text, { retry = false, error = false } = {}) {
    this.status.textContent = text;
    this.status.classList.toggle("pyodide-status--error", error);
    if (retry) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "md-button pyodide-retry";
      button.textContent = t("runner.retry");
      button.addEventListener("click", () => this.run());
      this.status.append(" ", button);
    }
  }

  async run() {
    if (this.running) return;
    this.running = true;
    const { run, stop } = this.buttons;
    run.disabled = true;
    stop.disabled = false;
    this.clear();
    // Python starts loading now; the editor (if it is still loading) meanwhile.
    const started = startPython(this.element, (text) => this.setStatus(text));
    started.catch(() => {});  // handled below, once the code is read
    const code = await this.code();
    prefetchPython(this.element, code);
    try {
      await started;
    } catch (error) {
      this.setStatus(t("runner.load-failed", { reason: error.message }), { retry: true, error: true });
      this.finish();
      return;
    }
    // Behind another run (a block, a widget's call) it waits its turn; the worker says when it runs.
    this.setStatus(t(pythonBusy() ? "runner.queued" : "runner.running"));
    const runStarted = performance.now();
    const result = await runPython(
      { name: this.name, code, session: this.session, install: this.install, html: this.html },
      { onOutput: (kind, text) => this.show(kind, text), onStatus: (text) => this.setStatus(text),
        onSent: (id) => { this.runId = id; } });
    if (result.restarted) {
      this.setStatus(t("runner.restarted", { reason: result.restarted }),
        { error: result.restarted !== t("runner.stopped") });
    } else {
      const failed = this.output.querySelector(".pyodide-error");
      const stopped = this.output.querySelector(".pyodide-stopped");
      const outcome = failed ? "runner.error" : stopped ? "runner.stopped-after" : "runner.done";
      this.setStatus(t(outcome, { seconds: decimal((performance.now() - runStarted) / 1000, 2) }),
        { error: Boolean(failed) });
    }
    this.finish();
  }

  finish() {
    this.running = false;
    this.buttons.run.disabled = false;
    this.buttons.stop.disabled = true;
  }

  /** Add one piece of output. Text goes in as text, never as HTML. */
  show(kind, text) {
    this.output.hidden = false;
    const last = this.output.lastElementChild;
    const KIND = PROTOCOL.output;
    if ((kind === KIND.stdout || kind === KIND.stderr) && last && last.dataset.kind === kind) {
      last.append(text);
    } else if (kind === KIND.html && this.html) {
      const box = document.createElement("div");
      box.className = "pyodide-html";
      box.innerHTML = text;
      this.output.append(box);
      reachableWhenScrolling(box, t("runner.output"));  // a wide table
    } else if (kind === KIND.image) {
      const image = document.createElement("img");
      image.src = `data:image/png;base64,${text}`;
      image.alt = t("runner.figure", { number: this.output.querySelectorAll("img").length + 1 });
      this.output.append(image);
    } else if (kind === KIND.notice) {  // the runner's own message: a key of the catalog, and its parameters
      const { key, params } = JSON.parse(text);
      const notice = document.createElement("p");
      notice.className = key === "runner.stopped-run" ? "pyodide-notice pyodide-stopped" : "pyodide-notice";
      notice.textContent = t(key, Object.fromEntries(Object.entries(params).map(
        ([name, value]) => [name, typeof value === "number" ? decimal(value, 0) : value])));
      this.output.append(notice);
    } else {
      const pre = document.createElement("pre");
      pre.className = `pyodide-${kind === KIND.error ? "error" : "text"}`;
      pre.dataset.kind = kind;
      pre.textContent = text;
      this.output.append(pre);
    }
    this.output.scrollTop = this.output.scrollHeight;
  }

  clear() {
    this.output.replaceChildren();
    this.output.hidden = true;
  }

  async reset() {
    const editor = await this.upgrade();
    if (editor) editor.setCode(this.original);
    this.setStatus(t("runner.original-back"));
  }
}

function initBlocks() {
  document.querySelectorAll(".pyodide-block").forEach((element, index) => {
    if ("ready" in element.dataset) return;
    element.dataset.ready = "";
    new Block(element, index + 1).init();
  });
}

// Material's document$ emits for the first page and for each page instant navigation shows.
// In a task of its own, not inside the one in which Material sets the page up.
if (typeof document$ !== "undefined") document$.subscribe(() => setTimeout(initBlocks, 0));
else initBlocks();
