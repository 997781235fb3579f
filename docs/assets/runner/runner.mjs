// The page's Python blocks (the `pyodide` fence): each becomes an editor with Run, Stop,
// Reset and Clear, a status line and an output area. Python itself runs in one module
// worker (worker.mjs) shared by every block, started only when the reader shows intent:
// pointing at or pressing Run, or focusing the editor; never merely for scrolling past. This module is evaluated once per visit, so under
// Material's instant navigation the worker, and the runtime it loaded, live on.
"use strict";
import PROTOCOL from "./protocol.json" with { type: "json" };
import { t } from "../messages/messages.mjs";
import { reachableWhenScrolling } from "../javascripts/scrolling.mjs";

const here = import.meta.url;
const SITE_ROOT = new URL("../../", here);  // this file is <site>/assets/runner/runner.mjs
const EDITOR_MODULE = new URL("../vendor/codemirror/editor.mjs", here).href;
const WORKER_URL = new URL("worker.mjs", here);
const PAGE_RUNTIME_URL = new URL("page_runtime.py", here).href;
const PROTOCOL_URL = new URL("protocol.json", here).href;
const SNAPSHOT_URL = new URL("../vendor/python-snapshot/manifest.json", here).href;
const LOCAL_RUNTIME_URL = new URL("../vendor/pyodide/", here).href;
const STALL_SECONDS = 30;   // a download that receives nothing for this long has failed
const STOP_GRACE_MS = 1000; // an interrupt not obeyed by then ends the worker

let editorModule = null;
const loadEditor = () => (editorModule ??= import(EDITOR_MODULE));

/** The code editor's module (CodeMirror, loaded once): widgets with code use the blocks' editor. */
export const loadCodeEditor = loadEditor;

/** The one Python: a worker, its start-up, and the runs under way in it. */
class Python {
  constructor() {
    this.worker = null;
    this.starting = null;
    this.ready = false;
    this.runs = new Map();
    this.nextId = 1;
    this.interrupt = null;
    this.onProgress = new Set();
    this.onIdle = new Set();
    this.current = null;  // the id of the run under way in the worker
  }

  /** Start the runtime once; every caller shares the same promise. */
  start(runtime) {
    if (this.starting) return this.starting;
    this.starting = new Promise((resolve, reject) => {
      const worker = new Worker(WORKER_URL, { type: "module", name: "python" });
      let stall = null;
      const fail = (message) => {
        clearTimeout(stall);
        this.discard();
        reject(new Error(message));
      };
      const watch = () => {
        clearTimeout(stall);
        stall = setTimeout(() => fail(t("runner.stalled", { seconds: STALL_SECONDS })), STALL_SECONDS * 1000);
      };
      worker.onmessage = ({ data }) => {
        if (data.type === "progress") {
          watch();
          for (const listener of this.onProgress) listener(data.bytes);
        } else if (data.type === "ready") {
          clearTimeout(stall);
          // How Python started (from the snapshot or not, and why), for the curious and the tests.
          performance.mark("python-ready", { detail: { boot: data.boot, why: data.why } });
          worker.onmessage = ({ data: message }) => this.receive(message);
          this.ready = true;
          resolve();
          if (!this.runs.size) setTimeout(() => { if (!this.runs.size) this.idle(); }, 0);
        } else if (data.type === "init-failed") {
          fail(data.message);
        }
      };
      worker.onerror = (event) => fail(event.message || t("runner.worker-failed"));
      this.worker = worker;
      this.interrupt = self.crossOriginIsolated ? new Uint8Array(new SharedArrayBuffer(1)) : null;
      watch();
      worker.postMessage({
        type: "init", indexURL: runtime.indexURL, integrity: runtime.integrity,
        runtimeURL: PAGE_RUNTIME_URL, protocolURL: PROTOCOL_URL, snapshotURL: SNAPSHOT_URL,
        interruptBuffer: this.interrupt, stallSeconds: STALL_SECONDS,
      });
    });
    return this.starting;
  }

  /** While Python starts, let the worker download the packages `code` imports. */
  prefetch(code, runtime) {
    if (this.worker) this.worker.postMessage({ type: "prefetch", code, indexURL: runtime.indexURL });
  }

  /**
   * Send a "run" (a block's code) or a "call" (a widget's call of a lesson function) to
   * Python; resolves when it ends: {} for a run, {reply} or {failure} for a call, and
   * {restarted: reason} if Python had to be replaced meanwhile.
   */
  send(type, request, { onOutput = () => {}, onStatus = () => {}, onSent = () => {} } = {}) {
    const id = this.nextId++;
    onSent(id);
    return new Promise((resolve) => {
      this.runs.set(id, { onOutput, onStatus, resolve });
      this.worker.postMessage({ type, id, ...request });
    }).finally(() => {
      this.runs.delete(id);
      if (!this.runs.size) this.idle();
    });
  }

  /** Nothing to do: widgets that waited for a free Python go now. */
  idle() {
    const waiting = [...this.onIdle];
    this.onIdle.clear();
    for (const listener of waiting) listener();
  }

  receive(message) {
    const run = this.runs.get(message.id);
    if (!run) return;
    if (message.type === "started") this.current = message.id;
    else if (message.type === "status") run.onStatus(message.text);
    else if (message.type === "output") run.onOutput(message.kind, message.text);
    else if (message.type === "done") run.resolve({});
    else if (message.type === "reply") run.resolve({ reply: message.reply, failure: message.failure });
    else if (message.type === "fatal") this.restart(t("runner.python-failed", { reason: message.message }));
  }

  /**
   * Stop run `id` (what send's onSent was given): one still queued is skipped; the one under
   * way gets a KeyboardInterrupt where the page allows it, else (or if it does not obey) a
   * new worker. Other runs, queued behind it, are left alone.
   */
  stop(id) {
    if (!this.runs.has(id)) return;
    if (id !== this.current) {
      this.worker.postMessage({ type: "cancel", id });
      return;
    }
    if (!this.interrupt) {
      this.restart(t("runner.stopped"));
      return;
    }
    this.interrupt[0] = 2;  // SIGINT: Python raises KeyboardInterrupt at its next check
    setTimeout(() => {
      if (this.runs.has(id)) this.restart(t("runner.stopped"));
    }, STOP_GRACE_MS);
  }

  /** End the worker (and every session with it); the next Run starts a new one. */
  restart(reason) {
    const pending = [...this.runs.values()];
    this.discard();
    for (const run of pending) run.resolve({ restarted: reason });
  }

  discard() {
    if (this.worker) this.worker.terminate();
    this.worker = null;
    this.starting = null;
    this.ready = false;
    this.current = null;
    this.runs.clear();
  }
}

const python = new Python();

function runtimeOf(element) {
  const where = element.dataset.runtime;
  if (where === "local") return { indexURL: LOCAL_RUNTIME_URL, integrity: {} };
  return { indexURL: where, integrity: JSON.parse(element.dataset.integrity || "{}") };
}

/** The site's Python files the page lists ({path: address}, coursekit/python_files.py), with full addresses. */
function pythonFiles() {
  const listed = document.querySelector(".python-files[data-json]");
  const index = listed ? JSON.parse(listed.dataset.json) : {};
  return Object.fromEntries(Object.entries(index).map(([path, address]) => [path, new URL(address, SITE_ROOT).href]));
}

/** Start Python (once), telling `onStatus` how the download goes while it loads. */
async function startWithProgress(runtime, onStatus) {
  const progress = (bytes) => onStatus(t("runner.downloaded", { megabytes: (bytes / 1e6).toFixed(1) }));
  if (!python.ready) {
    onStatus(t("runner.loading"));
    python.onProgress.add(progress);
  }
  try {
    await python.start(runtime);
  } finally {
    python.onProgress.delete(progress);
  }
}

/**
 * Call a lesson function for one of the page's widgets, in the same Python as the blocks:
 * `element` carries the runtime's data-* attributes, as a block does.
 * Resolves with {value} (what the function returned) or {error: {argument, message}},
 * the error naming the argument it concerns (or null); rejects if Python could not be
 * started, the function's files could not be loaded, or Python was restarted meanwhile.
 */
export async function callPython(element, module, name, args, { onStatus = () => {}, onSent = () => {} } = {}) {
  await startWithProgress(runtimeOf(element), onStatus);
  const result = await python.send("call", {
    module, function: name, arguments: JSON.stringify(args), files: pythonFiles(),
  }, { onStatus, onSent });
  if (result.restarted || result.failure) throw new Error(result.restarted || result.failure);
  const reply = JSON.parse(result.reply);
  if (PROTOCOL.reply.error in reply) {
    const error = reply[PROTOCOL.reply.error];
    return { error: { argument: error[PROTOCOL.error.argument], message: error[PROTOCOL.error.message] } };
  }
  return { value: reply[PROTOCOL.reply.value] };
}

/**
 * Start the page's Python for a widget whose reader shows intent (a pointer on its button):
 * `element` carries the runtime's data-* attributes. A failure is reported by the call that follows.
 */
export function warmUpPython(element) {
  python.start(runtimeOf(element)).catch(() => {});
}

/** Call `then` once the page's Python is ready and has nothing to do: a widget that needs
 * it waits for the reader to start it (a block's Run, a button of its own) rather than start
 * it, and does not hold up what the reader asked for. */
export function whenPythonFree(then) {
  if (python.ready && !python.runs.size) then();
  else python.onIdle.add(then);
}

/** Stop a widget's call (callPython's onSent gave its id), as a block's Stop stops its run. */
export function stopPython(id) {
  python.stop(id);
}

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
    stop.addEventListener("click", () => python.stop(this.runId));
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
      this.editor = loadEditor().then(({ createEditor }) => {
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
    python.start(runtimeOf(this.element)).catch(() => {});  // a failure is reported when Run is pressed
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
    const runtime = runtimeOf(this.element);
    const started = startWithProgress(runtime, (text) => this.setStatus(text));
    started.catch(() => {});  // handled below, once the code is read
    const code = await this.code();
    if (!python.ready) python.prefetch(code, runtime);
    try {
      await started;
    } catch (error) {
      this.setStatus(t("runner.load-failed", { reason: error.message }), { retry: true, error: true });
      this.finish();
      return;
    }
    // Behind another run (a block, a widget's call) it waits its turn; the worker says when it runs.
    this.setStatus(t(python.runs.size ? "runner.queued" : "runner.running"));
    const runStarted = performance.now();
    const result = await python.send("run",
      { name: this.name, code, session: this.session, install: this.install, html: this.html, files: pythonFiles() },
      { onOutput: (kind, text) => this.show(kind, text), onStatus: (text) => this.setStatus(text),
        onSent: (id) => { this.runId = id; } });
    if (result.restarted) {
      this.setStatus(t("runner.restarted", { reason: result.restarted }),
        { error: result.restarted !== t("runner.stopped") });
    } else {
      const failed = this.output.querySelector(".pyodide-error");
      const stopped = this.output.querySelector(".pyodide-stopped");
      const outcome = failed ? "runner.error" : stopped ? "runner.stopped-after" : "runner.done";
      this.setStatus(t(outcome, { seconds: ((performance.now() - runStarted) / 1000).toFixed(2) }),
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
    } else if (kind === KIND.notice) {
      const notice = document.createElement("p");
      // "Stopped." is page_runtime.py's notice for an interrupted run: its words, not the catalog's.
      notice.className = text === "Stopped." ? "pyodide-notice pyodide-stopped" : "pyodide-notice";
      notice.textContent = text;
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
