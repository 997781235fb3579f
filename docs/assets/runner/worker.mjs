// The Python of every block on the site's pages: one Pyodide in this module worker, so the
// page never freezes. Messages in: {type: "init", indexURL, integrity, runtimeURL,
// interruptBuffer?} and {type: "run", id, name, code, session, install, html}. Messages out:
// {type: "progress", bytes}, {type: "ready"}, {type: "init-failed", message},
// {type: "status", id, text}, {type: "output", id, kind, text}, {type: "done", id},
// {type: "fatal", id, message} when Python itself broke and the worker must be replaced.
"use strict";

let pyodide = null;
let pageRuntime = null;
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
    if (!response.ok || !response.body) return response;
    const counter = new TransformStream({
      transform(chunk, controller) {
        bytes += chunk.byteLength;
        const now = performance.now();
        if (now - lastReport > 100) {
          lastReport = now;
          postMessage({ type: "progress", bytes });
        }
        controller.enqueue(chunk);
      },
    });
    return new Response(response.body.pipeThrough(counter), {
      status: response.status, statusText: response.statusText, headers: response.headers,
    });
  };
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
    const { loadPyodide } = await importWithIntegrity(indexURL + "pyodide.mjs", integrity["pyodide.mjs"]);
    pyodide = await loadPyodide({ indexURL, fullStdLib: false });
    if (interruptBuffer) pyodide.setInterruptBuffer(interruptBuffer);
    const source = await (await fetch(runtimeURL)).text();
    pyodide.FS.writeFile("/home/pyodide/page_runtime.py", source);
    pageRuntime = pyodide.pyimport("page_runtime");
    postMessage({ type: "ready" });
  } catch (error) {
    postMessage({ type: "init-failed", message: String(error && error.message ? error.message : error) });
  }
}

// Load the packages the code imports: those of Pyodide's own, found by its import
// detection, and those the block's install= names that Pyodide does not have (micropip).
async function loadImports(id, code, install) {
  const status = (text) => postMessage({ type: "status", id, text });
  const imports = pyodide.pyodide_py.code.find_imports(code).toJs();
  const known = new Set(Object.keys(pyodide.lockfile ? pyodide.lockfile.packages : {}));
  const wanted = new Set(imports.map((name) => name.split(".")[0]));
  const fromPyPI = install.filter((name) => !known.has(name) && wanted.has(name.replace(/-/g, "_")));
  await pyodide.loadPackagesFromImports(code, {
    messageCallback: (message) => { if (message.startsWith("Loading")) status(message); },
    errorCallback: (message) => status(message),
  });
  if (fromPyPI.length) {
    status(`Installing ${fromPyPI.join(", ")}`);
    await pyodide.loadPackage("micropip");
    await pyodide.pyimport("micropip").install(fromPyPI);
  }
}

async function run({ id, name, code, session, install, html }) {
  const emit = (kind, text) => postMessage({ type: "output", id, kind, text });
  try {
    await loadImports(id, code, install);
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

// Runs are taken one after another: one Python, one thing at a time.
let queue = Promise.resolve();
self.onmessage = ({ data }) => {
  if (data.type === "init") queue = queue.then(() => init(data));
  else if (data.type === "run") queue = queue.then(() => run(data));
};
