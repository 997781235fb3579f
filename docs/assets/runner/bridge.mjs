// The bridge to the page's Python: one module worker (worker.mjs), shared by every Python
// block and every widget, started only when a reader shows intent (never merely for
// scrolling past), and one promise for its start-up that every caller shares. Blocks run
// code through it (blocks.mjs); widgets call a lesson's functions through it (callPython).
// This module is evaluated once per visit, so under Material's instant navigation the
// worker, and the runtime it loaded, live on.
"use strict";
import PROTOCOL from "./protocol.json" with { type: "json" };
import { LANGUAGE, decimal, t } from "../messages/messages.mjs";

const here = import.meta.url;
const SITE_ROOT = new URL("../../", here);  // this file is <site>/assets/runner/bridge.mjs
const WORKER_URL = new URL("worker.mjs", here);
const PAGE_RUNTIME_URL = new URL("page_runtime/", here).href;  // the page's Python runtime, a package
const PROTOCOL_URL = new URL("protocol.json", here).href;
const SNAPSHOT_URL = new URL("../vendor/python-snapshot/manifest.json", here).href;
const LOCAL_RUNTIME_URL = new URL("../vendor/pyodide/", here).href;
const STALL_SECONDS = 30;   // a download that receives nothing for this long has failed
const STOP_GRACE_MS = 1000; // an interrupt not obeyed by then ends the worker

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
      // The worker's name says the page's language: its messages are in it (messages.mjs).
      const worker = new Worker(WORKER_URL, { type: "module", name: `python ${LANGUAGE}` });
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
  const progress = (bytes) => onStatus(t("runner.downloaded", { megabytes: decimal(bytes / 1e6, 1) }));
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
    module, function: name, arguments: JSON.stringify(args), files: pythonFiles(), language: LANGUAGE,
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

/** Stop a block's run or a widget's call (the id that runPython's or callPython's onSent gave). */
export function stopPython(id) {
  python.stop(id);
}

// What a Python block (blocks.mjs) needs beyond a widget: start Python with its own status
// line, run code rather than call a function, know whether it waits behind another run.

/**
 * Start the page's Python for the block `element` (its data-* attributes say which
 * runtime), telling `onStatus` how the download goes; rejects if Python could not start.
 */
export function startPython(element, onStatus) {
  return startWithProgress(runtimeOf(element), onStatus);
}

/** While Python starts, let the worker download the packages `code` imports. */
export function prefetchPython(element, code) {
  if (!python.ready) python.prefetch(code, runtimeOf(element));
}

/** Whether Python has runs under way or queued: a new one waits its turn. */
export function pythonBusy() {
  return python.runs.size > 0;
}

/**
 * Run a block's code ({name, code, session, install, html}) in the page's Python, with the
 * site's Python files; resolves when it ends: {} or {restarted: reason}. `onOutput(kind,
 * text)` receives its output as it comes (PROTOCOL.output's kinds).
 */
export function runPython(request, { onOutput, onStatus, onSent }) {
  return python.send("run", { ...request, files: pythonFiles(), language: LANGUAGE }, { onOutput, onStatus, onSent });
}

