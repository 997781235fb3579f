// The code editor (CodeMirror, bundled into vendor/codemirror/editor.mjs): loaded once, on
// first need, for the Python blocks and for the widgets that hold code alike.
"use strict";

const EDITOR_MODULE = new URL("../vendor/codemirror/editor.mjs", import.meta.url).href;

let editorModule = null;

/** The code editor's module ({createEditor}), imported on the first call and shared after. */
export const loadCodeEditor = () => (editorModule ??= import(EDITOR_MODULE));
