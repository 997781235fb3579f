// The Python snapshot: the memory of a Pyodide that has just started Python, taken once at
// setup (scripts/python_snapshot.mjs) and put back by the worker (worker.mjs) instead of
// starting Python again in every reader's browser, which is most of a cold start.
//
// The file is Pyodide's own snapshot (its `_makeSnapshot` / `_loadSnapshot` options): a
// header, then the WebAssembly memory. The memory is stored XOR-ed with the memory a
// freshly instantiated Pyodide has before a snapshot goes in, so that what start-up left
// unchanged is zeros, and gzipped. Both sides use the functions below, so they agree.

/**
 * How Pyodide is started, with or without a snapshot, in Node (where the snapshot is made)
 * and in every reader's browser alike: the memory a fresh Pyodide has before the snapshot
 * goes in must be the same everywhere, and Emscripten writes the program name (in Node,
 * the script's path) and LANG (the browser's language) into it. (So does CPython, a
 * function of its own where the engine has WebAssembly GC: hence Node 24 to make it.)
 */
export const STARTUP = { _sysExecutable: "./this.program", env: { LANG: "C.UTF-8" } };

/** Where the memory starts in a Pyodide snapshot: its header gives the offset. */
export function memoryOffset(snapshot) {
  return new Uint32Array(snapshot.buffer, snapshot.byteOffset, 2)[1];
}

const words = (bytes) => new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >>> 2);

/** target ^= source, word by word (lengths are whole 64 KiB pages of memory). */
export function xorInto(target, source) {
  if (target.byteLength !== source.byteLength || target.byteLength % 4) {
    throw new Error(`snapshot memory has ${target.byteLength} bytes, Pyodide's has ${source.byteLength}`);
  }
  const t = words(target);
  const s = words(source);
  for (let i = 0; i < t.length; i++) t[i] ^= s[i];
}

/** FNV-1a over 32-bit words: tells a snapshot put back exactly as it was made. */
export function checksum(bytes) {
  const w = words(bytes);
  let hash = 0x811c9dc5;
  for (let i = 0; i < w.length; i++) hash = Math.imul(hash ^ w[i], 0x01000193);
  return hash >>> 0;
}
