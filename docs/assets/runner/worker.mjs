// The Python of every block on the site's pages: one Pyodide in this module worker, so the
// page never freezes. Messages in: {type: "init", indexURL, integrity, runtimeURL,
// interruptBuffer?} and {type: "run", id, name, code, session, install, html}. Messages out:
// {type: "progress", bytes}, {type: "ready"}, {type: "init-failed", message},
// {type: "status", id, text}, {type: "output", id, kind, text}, {type: "done", id},
// {type: "fatal", id, message} when Python itself broke and the worker must be replaced.
"use strict";

let pyodide = null;
let pageRuntime = null;
let lock = null;  // pyodide-lock.json: which package provides which import
let lockFile = null;
const fetchLock = (indexURL) =>
  (lockFile ??= fetch(indexURL + "pyodide-lock.json").then((response) => response.json()));
const sessions = new Map();  // session name -> its globals (a Python dict)

// Count what is downloaded (for the reader's progress line) and ask the browser to check
// each core file of the runtime against its pinned hash (Subresource Integrity).
function watchDownloads(integrity, indexURL) {
  const browserFetch = self.fetch.bind(self);
  let bytes = 0;
  let lastReport = 0;
  self.fetch = async (resource, init = {}) => {
    const url = String(resource instanceof Request ? resource.url : resource);
    const name = url.startsWith(indexURL) ? url.slice(indexURL.length) : null;
    if (name && integrity[name] && !init.integrity) init = { ...init, integrity: integrity[name] };
    const response = await browserFetch(resource, init);
    if (response.ok && response.body) count(response.clone().body);
    // The original goes back untouched: WebAssembly compiles it while it streams in.
    return response;
  };

  async function count(body) {
    const reader = body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      bytes += value.byteLength;
      const now = performance.now();
      if (now - lastReport > 100) {
        lastReport = now;
        postMessage({ type: "progress", bytes });
      }
    }
  }
}

async function importWithIntegrity(url, integrity) {
  if (!integrity) return import(url);
  const response = await fetch(url, { integrity });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const blob = new Blob([await response.text()], { type: "text/javascript" });
  return import(URL.createObjectURL(blob));
}

async function init({ indexURL, integrity = {}, runtimeURL, interruptBuffer }) {
  try {
    watchDownloads(integrity, indexURL);
    // Fetched meanwhile: our Python side, and the lock (Pyodide's own fetch of it then hits the cache).
    const source = fetch(runtimeURL).then((response) => response.text());
    const lockReady = fetchLock(indexURL);
    const { loadPyodide } = await importWithIntegrity(indexURL + "pyodide.mjs", integrity["pyodide.mjs"]);
    pyodide = await loadPyodide({ indexURL, fullStdLib: false });
    if (interruptBuffer) pyodide.setInterruptBuffer(interruptBuffer);
    pyodide.FS.writeFile("/home/pyodide/page_runtime.py", await source);
    lock = (await lockReady).packages;
    pageRuntime = pyodide.pyimport("page_runtime");
    postMessage({ type: "ready" });
  } catch (error) {
    postMessage({ type: "init-failed", message: String(error && error.message ? error.message : error) });
  }
}

// Load the packages the code imports, found by Pyodide's import detection: those Pyodide
// has (by pyodide-lock.json), and those the block's install= names that it has not (micropip).
// Nothing else: install="pandas,scikit-learn" on a block that imports only numpy loads numpy.
async function loadImports(id, code, install) {
  const status = (text) => postMessage({ type: "status", id, text });
  const imported = new Set(pyodide.pyodide_py.code.find_imports(code).toJs().map((name) => name.split(".")[0]));
  const packages = Object.keys(lock).filter((name) => lock[name].imports.some((module) => imported.has(module)));
  const fromPyPI = install.filter((name) => !(name in lock) && imported.has(name.replace(/-/g, "_")));
  if (packages.length) {
    await pyodide.loadPackage(packages, {
      messageCallback: (message) => { if (message.startsWith("Loading")) status(message); },
      errorCallback: (message) => status(message),
    });
  }
  if (fromPyPI.length) {
    status(`Installing ${fromPyPI.join(", ")}`);
    await pyodide.loadPackage("micropip");
    await pyodide.pyimport("micropip").install(fromPyPI);
  }
}

async function run({ id, name, code, session, install, html, modules = {} }) {
  const emit = (kind, text) => postMessage({ type: "output", id, kind, text });
  try {
    // The lesson files the block may import, next to it, and what they import loaded too.
    for (const [file, source] of Object.entries(modules)) pyodide.FS.writeFile(`/home/pyodide/${file}`, source);
    await loadImports(id, [code, ...Object.values(modules)].join("\n"), install);
  } catch (error) {  // a package that could not be fetched: the reader can retry
    emit("error", String(error && error.message ? error.message : error));
    postMessage({ type: "done", id });
    return;
  }
  try {
    postMessage({ type: "status", id, text: "Running" });
    if (!sessions.has(session)) sessions.set(session, pageRuntime.new_namespace());
    await pageRuntime.run(code, sessions.get(session), name, emit, html);
    postMessage({ type: "done", id });
  } catch (error) {  // page_runtime.run catches every Python error: this is Pyodide itself failing
    postMessage({ type: "fatal", id, message: String(error && error.message ? error.message : error) });
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
  await Promise.all([...wanted].map((name) =>
    fetch(indexURL + packages[name].file_name).then((response) => response.arrayBuffer()).catch(() => {})));
}

// Runs are taken one after another: one Python, one thing at a time. A prefetch is not a run.
let queue = Promise.resolve();
self.onmessage = ({ data }) => {
  if (data.type === "init") queue = queue.then(() => init(data));
  else if (data.type === "run") queue = queue.then(() => run(data));
  else if (data.type === "prefetch" && !pyodide) prefetch(data).catch(() => {});
};
