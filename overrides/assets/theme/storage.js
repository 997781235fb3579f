// Material's storage helpers, which its template defines in an inline script, here as a
// file: the pages run no inline script (coursekit/csp.py). Material's bundle and the
// scripts beside this one use these four globals by name. The scope, the site's root, is
// the tag's data-scope (a path relative to the page). As Zensical's template has it too
// (a superset of Material's): the scope ends with "/", and the page knows its platform.
"use strict";
(() => {
  let scope = new URL(document.currentScript.dataset.scope, location);
  if (!scope.pathname.endsWith("/")) scope = new URL(scope.pathname + "/", location);
  document.documentElement.setAttribute("data-platform", navigator.platform);
  const key = (name, base) => base.pathname + "." + name;
  Object.assign(window, {
    __md_scope: scope,
    __md_hash: (text) => [...text].reduce((hash, character) => (hash << 5) - hash + character.charCodeAt(0), 0),
    __md_get: (name, storage = localStorage, base = window.__md_scope) => JSON.parse(storage.getItem(key(name, base))),
    __md_set: (name, value, storage = localStorage, base = window.__md_scope) => {
      try {
        storage.setItem(key(name, base), JSON.stringify(value));
      } catch {
        // storage full or refused: the setting is not kept, as with Material's own
      }
    },
  });
})();
