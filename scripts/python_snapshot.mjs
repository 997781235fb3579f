// Make the Python snapshot the worker starts from (see docs/assets/runner/snapshot.mjs).
// Usage: node scripts/python_snapshot.mjs <pyodide core folder> <output folder>
// Run by scripts/vendor_assets.py, on the core files it has checked against their pins.
// Writes <output>/pyodide-<version>.snapshot.gz and <output>/manifest.json.
// Needs a Node whose WebAssembly has what today's browsers have (the pinned Node 24 does):
// where the engine can, CPython's start-up writes a function of its own into the memory
// that must be the same here and in the browser (see STARTUP in snapshot.mjs).
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { STARTUP, checksum, memoryOffset, xorInto } from "../docs/assets/runner/snapshot.mjs";

const [core, output] = process.argv.slice(2).map((path) => resolve(path));
if (!core || !output) {
  console.error("usage: node scripts/python_snapshot.mjs <pyodide core folder> <output folder>");
  process.exit(2);
}
const indexURL = core + "/";
process.env.TZ = "UTC";  // one time zone: the worker sets the reader's once the snapshot is in
const { loadPyodide, version } = await import(pathToFileURL(join(core, "pyodide.mjs")).href);

// Free memory keeps what was there before (Python's start-up reads and unpacks modules it
// then drops): zeroed, it compresses to nothing. Take every free block from the allocator
// (largest first, never the untouched top of the heap), zero it, give it back.
function zeroFreeMemory(Module) {
  const malloc = Module.___libc_malloc;
  const free = Module.___libc_free;
  const info = malloc(64);
  Module._mallinfo(info);
  const topSize = Module.HEAPU32[info / 4 + 9];  // mallinfo.keepcost: the top of the heap
  free(info);
  const topStart = Module.HEAPU32[Module._emscripten_get_sbrk_ptr() / 4] - topSize;
  const taken = [];
  for (let size = 1 << 16; size >= 8; size >>= 1) {
    for (;;) {
      const block = malloc(size);
      if (!block) break;
      if (block >= topStart) {  // no free block of this size is left
        free(block);
        break;
      }
      taken.push(block);
    }
  }
  for (const block of taken) Module.HEAP8.fill(0, block, block + Module._malloc_usable_size(block));
  for (const block of taken) free(block);
}

// What loading a package (Pyodide's loader unpacks wheels and reads their metadata) and
// `import numpy` import from the standard library, measured: imported once here, not in
// every reader's browser at the first Run (0.3 s there; the snapshot grows by 0.6 MB).
const PREIMPORTED = [
  "tarfile", "csv", "email.message", "email.utils", "datetime", "calendar", "base64", "importlib.metadata",
  "numbers", "pickle", "ctypes", "platform", "__future__", "encodings.cp437",
];

// 1. Python started as the worker would start it, then its memory.
const python = await loadPyodide({ indexURL, ...STARTUP, _makeSnapshot: true });
if (!python._module._PyEM_CountArgsPtr) {
  throw new Error(`Node ${process.version} lacks WebAssembly features browsers have (GC): its snapshot `
    + "would fit no browser. Use the Node that scripts/setup.sh installs (.venv/bin/node).");
}
python.runPython(`import ${PREIMPORTED.join(", ")}`);
// loadPyodide puts "" at the head of sys.path once Python has started, from a snapshot too.
python.runPython("import gc, sys\nassert sys.path[0] == ''\ndel sys.path[0]\ngc.collect()");
zeroFreeMemory(python._module);
const snapshot = python.makeMemorySnapshot();

// 2. The memory of a fresh Pyodide just before the snapshot goes in (what the worker XORs
// with), and proof that the snapshot starts a working Python.
const create = globalThis._createPyodideModule;
let fresh = null;
globalThis._createPyodideModule = async (settings) => {
  const Module = await create(settings);
  fresh = Module.HEAP8.slice();
  return Module;
};
const restored = await loadPyodide({ indexURL, ...STARTUP, _loadSnapshot: snapshot });
globalThis._createPyodideModule = create;
const answer = restored.runPython("import sys, math; f'{sys.version_info[:2]} {math.factorial(20)}'");
if (answer !== "(3, 12) 2432902008176640000") throw new Error(`the restored Python answered ${answer}`);

// 3. The file: the snapshot with its memory XOR-ed with the fresh memory, gzipped.
const stored = snapshot.slice();
xorInto(stored.subarray(memoryOffset(stored)), fresh);
const file = `pyodide-${version}.snapshot.gz`;
const compressed = gzipSync(stored, { level: 9 });
mkdirSync(output, { recursive: true });
writeFileSync(join(output, file), compressed);
const manifest = { pyodide: version, file, length: snapshot.length, checksum: checksum(snapshot), preimported: PREIMPORTED };
writeFileSync(join(output, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
console.log(`python_snapshot: Pyodide ${version}, ${(snapshot.length / 1e6).toFixed(1)} MB of memory, `
  + `${(compressed.length / 1e6).toFixed(2)} MB stored -> ${output}`);
