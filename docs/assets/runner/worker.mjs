// The Python of every block and widget on the site's pages: one Pyodide in this module
// worker, so the page never freezes. Messages in: {type: "init", indexURL, integrity,
// runtimeURL (the page_runtime package's folder), protocolURL, snapshotURL, interruptBuffer?,
// stallSeconds}, {type: "run", id, name, code, session, install, html, files} and
// {type: "call", id, module, function, arguments, files}
// (a widget's call of a lesson function; arguments in JSON). `files`: {path: address}, the
// site's Python files (coursekit/python_files.py); those the code imports are fetched and
// written under PYTHON_FILES. Messages out: {type: "progress", bytes}, {type: "ready", boot, why},
// {type: "init-failed", message}, {type: "status", id, text}, {type: "output", id, kind,
// text}, {type: "done", id}, {type: "reply", id, reply} (JSON, see protocol.json) or
// {type: "reply", id, failure} (the files or packages could not be loaded), and
// {type: "fatal", id, message} when Python itself broke and the worker must be replaced;
// {type: "started", id} when a run or call begins ({type: "cancel", id} skips one not begun).
"use strict";
import PROTOCOL from "./protocol.json" with { type: "json" };
import { STARTUP, checksum, memoryOffset, xorInto } from "./snapshot.mjs";
import { t } from "../messages/messages.mjs";

const HOME = "/home/pyodide/";
const PYTHON_FILES = HOME + "site-python";
// Our Python side, the package page_runtime (docs/assets/runner/page_runtime/): every file
// of it (a test holds this list to the folder), fetched while Python starts and written
// under HOME as it is on the site, beside the protocol.json it reads.
const RUNTIME_FILES = ["__init__.py", "calls.py", "imports.py", "protocol.py", "running.py", "startup.py",
  "tracebacks.py"];
let pyodide = null;
let pageRuntime = null;
let lock = null;  // pyodide-lock.json: which package provides which import
let lockFile = null;
// A file the worker fetched ahead of Pyodide (the lock; a package prefetched while Python
// starts): Pyodide's own request for it is answered with these bytes, so that nothing is
// downloaded twice, whatever the browser's cache makes of a second request for a file
// still on its way (numpy's wheel was measured downloaded twice, on some visits).
const fetchedAhead = new Map();  // address -> Promise of its bytes (null: ask the network)
const fetchAhead = (url, init = {}) => {
  if (!fetchedAhead.has(url)) {
    fetchedAhead.set(url, fetch(url, init).then((response) => (response.ok ? response.arrayBuffer() : null))
      .catch(() => null));
  }
  return fetchedAhead.get(url);
};
const fetchLock = (indexURL) => (lockFile ??= (async () => {
  const url = indexURL + "pyodide-lock.json";
  const bytes = await fetchAhead(url);
  if (bytes) return JSON.parse(new TextDecoder().decode(bytes));
  const response = await fetch(url);  // again, for the reason it failed
  if (!response.ok) throw httpError(url, response);
  return response.json();
})());
const sessions = new Map();  // session name -> its globals (a Python dict)
const errorText = (error) => String(error && error.message ? error.message : error);
// A download that failed: the reader sees this, as the block's error or why Python could not load.
const httpError = (url, response) => new Error(t("worker.http-error", { url, status: response.status }));

// Count what is downloaded (for the reader's progress line), ask the browser to check
// each core file of the runtime against its pinned hash (Subresource Integrity), and give
// up on a download that receives nothing for `stallSeconds`: on a line that dropped, a
// package would otherwise keep the run waiting for ever (the page's own watch ends with
// Python's start; a package comes later, when the code imports it).
function watchDownloads(integrity, indexURL, stallSeconds) {
  const browserFetch = self.fetch.bind(self);
  let bytes = 0;
  let lastReport = 0;
  const downloads = new Set();  // under way: {controller, last} (when a byte last came)
  setInterval(() => {
    for (const download of downloads) {
      if (performance.now() - download.last > stallSeconds * 1000) {
        downloads.delete(download);
        download.controller.abort(new Error(t("runner.stalled", { seconds: stallSeconds })));
      }
    }
  }, 1000);

  self.fetch = async (resource, init = {}) => {
    const url = String(resource instanceof Request ? resource.url : resource);
    const ahead = fetchedAhead.get(url);
    if (ahead) {
      fetchedAhead.delete(url);  // handed over once: Pyodide reads each file once
      const bytes = await ahead;
      if (bytes) return new Response(bytes, { status: 200 });
    }
    const name = url.startsWith(indexURL) ? url.slice(indexURL.length) : null;
    if (name && integrity[name] && !init.integrity) init = { ...init, integrity: integrity[name] };
    const download = { controller: new AbortController(), last: performance.now() };
    const signal = either(init.signal, download.controller.signal);
    downloads.add(download);
    let response;
    try {
      response = await browserFetch(resource, { ...init, signal });
    } catch (error) {
      downloads.delete(download);
      throw error;
    }
    if (response.ok && response.body) count(response.clone().body, download);
    else downloads.delete(download);
    // The original goes back untouched: WebAssembly compiles it while it streams in.
    return response;
  };

  async function count(body, download) {
    const reader = body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        download.last = performance.now();
        bytes += value.byteLength;
        if (download.last - lastReport > 100) {
          lastReport = download.last;
          postMessage({ type: "progress", bytes });
        }
      }
    } catch {
      // Given up on: whoever reads the response hears why.
    } finally {
      downloads.delete(download);
    }
  }
}

/** A signal that aborts when `theirs` (a caller's, if any) or `ours` does. */
function either(theirs, ours) {
  if (!theirs) return ours;
  if (AbortSignal.any) return AbortSignal.any([theirs, ours]);
  const both = new AbortController();  // browsers before AbortSignal.any (Safari 17.4, Firefox 124)
  for (const signal of [theirs, ours]) {
    if (signal.aborted) both.abort(signal.reason);
    else signal.addEventListener("abort", () => both.abort(signal.reason), { once: true });
  }
  return both.signal;
}

async function importWithIntegrity(url, integrity) {
  if (!integrity) return import(url);
  const response = await fetch(url, { integrity });
  if (!response.ok) throw httpError(url, response);
  const blob = new Blob([await response.text()], { type: "text/javascript" });
  return import(URL.createObjectURL(blob));
}

let interrupt = null;  // where the page writes SIGINT to stop the run under way (if it is cross-origin isolated)

async function init({ indexURL, integrity = {}, runtimeURL, protocolURL, snapshotURL, interruptBuffer, stallSeconds }) {
  try {
    watchDownloads(integrity, indexURL, stallSeconds);
    // Fetched meanwhile: our Python side, the lock (handed to Pyodide when it asks for it)
    // and what the snapshot is.
    const runtimeFiles = RUNTIME_FILES.map((name) => ["page_runtime/" + name, new URL(name, runtimeURL).href]);
    const sources = Promise.all([...runtimeFiles, ["protocol.json", protocolURL]].map(([path, url]) =>
      fetch(url).then((response) => {
        if (!response.ok) throw httpError(url, response);
        return response.text().then((text) => [path, text]);
      })));
    const lockReady = fetchLock(indexURL);
    const wanted = snapshotWanted();
    const snapshot = wanted ? fetchManifest(snapshotURL) : null;
    const { loadPyodide } = await importWithIntegrity(indexURL + "pyodide.mjs", integrity["pyodide.mjs"]);
    // pyodide.asm.js: loaded here (checked, where the page gives its hash), so that Pyodide
    // finds its module already defined and the snapshot can be put in between.
    if (typeof globalThis._createPyodideModule !== "function") {
      await importWithIntegrity(indexURL + "pyodide.asm.js", integrity["pyodide.asm.js"]);
    }
    let boot = { boot: "full", why: wanted ? "this site has no Python snapshot" : "the connection is slow or saves data" };
    const found = await snapshot;
    if (found) {
      try {
        pyodide = await loadPyodideFromSnapshot(loadPyodide, indexURL, found);
        boot = { boot: "snapshot", why: found.url };
      } catch (error) {  // a snapshot that does not fit this runtime: start Python as usual
        console.warn(`Python snapshot not used: ${error.message}`);
        boot = { boot: "full", why: `the snapshot could not be used: ${error.message}` };
      }
    }
    pyodide ??= await loadPyodide({ indexURL, fullStdLib: false, ...STARTUP });
    if (interruptBuffer) pyodide.setInterruptBuffer(interruptBuffer);
    interrupt = interruptBuffer;
    pyodide.FS.mkdirTree(HOME + "page_runtime");
    for (const [path, text] of await sources) pyodide.FS.writeFile(HOME + path, text);
    lock = (await lockReady).packages;
    pageRuntime = pyodide.pyimport("page_runtime");
    pyodide.FS.mkdirTree(PYTHON_FILES);
    pageRuntime.use_python_files(PYTHON_FILES);
    if (boot.boot === "snapshot") pageRuntime.after_snapshot();
    postMessage({ type: "ready", ...boot });
  } catch (error) {
    postMessage({ type: "init-failed", message: errorText(error) });
  }
}

// The snapshot adds 3.4 MB to the first download and saves about 1 s of computing on the
// benchmark machine, more on a slower one: a gain on fast lines and slow processors, even
// at 20 Mbit/s there, a loss on slower lines (benchmarks/runner.py, its figures in
// benchmarks/README.md). Browsers that say the reader saves data, or that the line is
// slower than 4G, start Python without it.
function snapshotWanted() {
  const connection = self.navigator.connection;
  return !connection || !(connection.saveData || ["slow-2g", "2g", "3g"].includes(connection.effectiveType));
}

/** The snapshot's manifest, with its file's address and `bytes` (the file, as it downloads); null where the site has none. */
async function fetchManifest(snapshotURL) {
  try {
    const response = await fetch(snapshotURL);
    if (!response.ok) return null;
    const manifest = await response.json();
    const url = new URL(manifest.file, snapshotURL).href;
    const bytes = fetchSnapshot(url);  // on its way at once
    bytes.catch(() => {});  // a failed download is reported where it is awaited
    return { ...manifest, url, bytes };
  } catch {
    return null;
  }
}

/** The snapshot file, unpacked (unless the server already did). */
async function fetchSnapshot(url) {
  const response = await fetch(url);
  if (!response.ok) throw httpError(url, response);
  let bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {  // gzip
    const unpacked = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    bytes = new Uint8Array(await new Response(unpacked).arrayBuffer());
  }
  return bytes;
}

// Start Python from the snapshot (its manifest, and `bytes`: the file, on its way). Pyodide
// instantiates its WebAssembly as usual (while the snapshot downloads); then, instead of
// starting Python, it takes the snapshot's memory, decoded against the fresh memory and
// checked before it goes in. A snapshot that does not fit fails here: Python then starts as usual.
async function loadPyodideFromSnapshot(loadPyodide, indexURL, { bytes, length, checksum: expected }) {
  const create = globalThis._createPyodideModule;
  globalThis._createPyodideModule = async (settings) => {
    const Module = await create(settings);
    const snapshot = await bytes;
    if (snapshot.length !== length) throw new Error(`the snapshot has ${snapshot.length} bytes, not ${length}`);
    xorInto(snapshot.subarray(memoryOffset(snapshot)), Module.HEAP8);
    if (checksum(snapshot) !== expected) throw new Error("the snapshot does not fit this Pyodide");
    const restore = settings.API.restoreSnapshot;
    settings.API.restoreSnapshot = () => {
      settings.API.restoreSnapshot = restore;  // and the 21 MB can go
      return restore(snapshot);
    };
    return Module;
  };
  try {
    // Pyodide sizes the memory by the snapshot it is given before it goes in: a stand-in of that size.
    const python = await loadPyodide({ indexURL, fullStdLib: false, ...STARTUP, _loadSnapshot: new Uint8Array(length) });
    // C's time zone was the snapshot machine's: Emscripten's tzset, which runs once, again
    // (page_runtime.after_snapshot then does the rest).
    const { _module: Module } = python;
    const names = Module.HEAPU32.subarray(Module._tzname / 4, Module._tzname / 4 + 2);
    Module.__tzset_js(Module._timezone, Module._daylight, names[0], names[1]);
    return python;
  } finally {
    globalThis._createPyodideModule = create;
  }
}

// Load the packages the code imports, found by Pyodide's import detection: those Pyodide
// has (by pyodide-lock.json), and those the block's install= names that it has not (micropip).
// Nothing else: install="pandas,scikit-learn" on a block that imports only numpy loads numpy.
const satisfied = new Map();  // code whose packages are loaded: a re-run need not parse it again
async function loadImports(id, code, install) {
  const question = JSON.stringify([code, install]);
  if (satisfied.has(question)) return;
  const status = (text) => postMessage({ type: "status", id, text });
  const found = pyodide.pyodide_py.code.find_imports(code);
  const imported = new Set(found.toJs().map((name) => name.split(".")[0]));
  found.destroy();
  const packages = Object.keys(lock).filter((name) => lock[name].imports.some((module) => imported.has(module)));
  const fromPyPI = install.filter((name) => !(name in lock) && imported.has(name.replace(/-/g, "_")));
  if (packages.length) {
    const failures = [];
    await pyodide.loadPackage(packages, {
      // Pyodide says "Loading <packages>" (and more, which the reader need not read): in the catalog's words.
      messageCallback: (message) => {
        const loading = message.match(/^Loading (.+)$/s);
        if (loading) status(t("worker.loading", { packages: loading[1] }));
      },
      errorCallback: (message) => {
        failures.push(message);
        status(message);
      },
    });
    // Pyodide reports a package it could not load, and goes on: the run would only meet
    // a ModuleNotFoundError. Say what failed instead (the reader can run again).
    if (failures.some((message) => message.startsWith("The following error occurred while loading"))) {
      throw new Error(failures.join("\n"));
    }
  }
  if (fromPyPI.length) {
    status(t("worker.installing", { packages: fromPyPI.join(", ") }));
    await pyodide.loadPackage("micropip");
    await pyodide.pyimport("micropip").install(fromPyPI);
  }
  remember(satisfied, question, true);
}

/** Keep an answer for a question asked again (a re-run), the last KEPT of them. */
const KEPT = 64;
function remember(answers, question, answer) {
  if (answers.size >= KEPT) answers.delete(answers.keys().next().value);
  answers.set(question, answer);
}

// The lesson and kit files the code (or importing `modules`) imports, following their
// imports (files_needed in page_runtime/imports.py, as the build does): each fetched once (an
// address carries its file's hash) and written under PYTHON_FILES. Resolves with the Python
// files' sources, for import detection.
const written = new Map();  // path -> {address, source}
const answers = new Map();  // what files_needed said of a code, kept for its re-runs (Python parses it: ms)
/** The sources of the Python files among `paths` (not the lessons' catalogs, which come with them). */
const pythonSources = (paths) => paths.filter((path) => path.endsWith(".py")).map((path) => written.get(path).source);

async function writeFilesFor(code, files = {}, modules = []) {
  const paths = Object.keys(files);
  const question = JSON.stringify([code, modules, files]);
  const known = answers.get(question);
  if (known && known.every((path) => written.get(path)?.address === files[path])) {
    return pythonSources(known);
  }
  for (;;) {
    const read = Object.fromEntries([...written].filter(([path, { address }]) => files[path] === address)
      .map(([path, { source }]) => [path, source]));
    const sources = pyodide.toPy(read);
    const answer = pageRuntime.files_needed(code, paths, sources, modules);
    const [needed, missing] = answer.toJs();
    answer.destroy();
    sources.destroy();
    if (!missing.length) {
      remember(answers, question, needed);
      return pythonSources(needed);
    }
    const fetched = await Promise.all(missing.map(async (path) => {
      const response = await fetch(files[path]);
      if (!response.ok) throw httpError(files[path], response);
      return { path, address: files[path], source: await response.text() };
    }));
    for (const { path, address, source } of fetched) {
      pyodide.FS.mkdirTree(`${PYTHON_FILES}/${path}`.replace(/\/[^/]*$/, ""));
      pyodide.FS.writeFile(`${PYTHON_FILES}/${path}`, source);
      written.set(path, { address, source });
    }
    pageRuntime.use_python_files(PYTHON_FILES, fetched.map(({ path }) => path));
  }
}

async function run({ id, name, code, session, install, html, files, language }) {
  const emit = (kind, text) => postMessage({ type: "output", id, kind, text });
  try {
    // The lesson files the block imports, and the packages it and they import.
    const sources = await writeFilesFor(code, files);
    await loadImports(id, [code, ...sources].join("\n"), install);
    // What was fetched ahead for a block (a guess from its import lines) and not asked for
    // need not stay in memory once its imports are loaded.
    fetchedAhead.clear();
  } catch (error) {  // a file or package that could not be fetched: the reader can retry
    emit(PROTOCOL.output.error, errorText(error));
    postMessage({ type: "done", id });
    return;
  }
  try {
    postMessage({ type: "status", id, text: t("runner.running") });
    if (!sessions.has(session)) sessions.set(session, pageRuntime.new_namespace());
    pageRuntime.written_in(language);  // what lesson modules print, in the page's language
    await pageRuntime.run(code, sessions.get(session), name, emit, html);
    postMessage({ type: "done", id });
  } catch (error) {  // page_runtime.run catches every Python error: this is Pyodide itself failing
    postMessage({ type: "fatal", id, message: errorText(error) });
  }
}

async function call({ id, module, function: name, arguments: args, files, language }) {
  try {
    const sources = await writeFilesFor("", files, [module]);
    await loadImports(id, sources.join("\n"), []);
  } catch (error) {
    postMessage({ type: "reply", id, failure: errorText(error) });
    return;
  }
  try {
    postMessage({ type: "reply", id, reply: pageRuntime.call(module, name, args, language) });
  } catch (error) {  // page_runtime.call catches every Python error
    postMessage({ type: "fatal", id, message: errorText(error) });
  }
}

// While Python starts, download the packages the code will import (a first guess from its
// import lines), so that on a slow connection their bytes arrive during start-up, not after.
async function prefetch({ code, indexURL }) {
  const { packages } = await fetchLock(indexURL);
  const modules = new Set([...code.matchAll(/^[ \t]*(?:import|from)[ \t]+([A-Za-z_]\w*)/gm)].map((m) => m[1]));
  const wanted = new Set();
  const add = (name) => {
    if (wanted.has(name) || !packages[name]) return;
    wanted.add(name);
    packages[name].depends.forEach(add);
  };
  Object.keys(packages).filter((name) => packages[name].imports.some((m) => modules.has(m))).forEach(add);
  // Checked against the lock's hash, as Pyodide checks what it fetches itself.
  await Promise.all([...wanted].map((name) =>
    fetchAhead(indexURL + packages[name].file_name, { integrity: sha256Integrity(packages[name].sha256) })));
}

/** A lock file's hex SHA-256 as a Subresource Integrity value. */
const sha256Integrity = (hex) =>
  "sha256-" + btoa(String.fromCharCode(...hex.match(/../g).map((byte) => parseInt(byte, 16))));

// Runs are taken one after another: one Python, one thing at a time. A prefetch is not a run.
// A run stopped before its turn ({type: "cancel", id}) is skipped, and says it was stopped.
let queue = Promise.resolve();
const cancelled = new Set();
async function take(data, handle) {
  if (cancelled.delete(data.id)) {
    if (data.type === "run") {
      const text = JSON.stringify({ key: "runner.stopped-run", params: {} });  // as page_runtime's notice says it
      postMessage({ type: "output", id: data.id, kind: PROTOCOL.output.notice, text });
      postMessage({ type: "done", id: data.id });
    } else {
      const error = { [PROTOCOL.error.argument]: null, [PROTOCOL.error.message]: "Stopped." };
      postMessage({ type: "reply", id: data.id, reply: JSON.stringify({ [PROTOCOL.reply.error]: error }) });
    }
    return;
  }
  if (interrupt) interrupt[0] = 0;  // a Stop meant for an earlier run does not reach this one
  postMessage({ type: "started", id: data.id });
  await handle(data);
}
self.onmessage = ({ data }) => {
  if (data.type === "init") queue = queue.then(() => init(data));
  else if (data.type === "run") queue = queue.then(() => take(data, run));
  else if (data.type === "call") queue = queue.then(() => take(data, call));
  else if (data.type === "cancel") cancelled.add(data.id);
  else if (data.type === "prefetch" && !pyodide) prefetch(data).catch(() => {});
};
