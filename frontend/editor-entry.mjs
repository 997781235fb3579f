// The code editor of the page's Python blocks: CodeMirror 6 with Python, bundled by
// scripts/vendor_assets.py (esbuild) into docs/assets/vendor/codemirror/editor.mjs.
// Its colours are Material's own code colours, so it follows the light/dark palette.
import { EditorState } from "@codemirror/state";
import {
  EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { bracketMatching, indentOnInput, syntaxHighlighting, HighlightStyle, indentUnit } from "@codemirror/language";
import { python } from "@codemirror/lang-python";
import { tags } from "@lezer/highlight";

const materialColours = HighlightStyle.define([
  { tag: tags.keyword, color: "var(--md-code-hl-keyword-color)" },
  { tag: [tags.string, tags.special(tags.string)], color: "var(--md-code-hl-string-color)" },
  { tag: [tags.number, tags.bool, tags.null], color: "var(--md-code-hl-number-color)" },
  { tag: tags.comment, color: "var(--md-code-hl-comment-color)", fontStyle: "italic" },
  { tag: [tags.function(tags.variableName), tags.function(tags.propertyName)], color: "var(--md-code-hl-function-color)" },
  { tag: [tags.definition(tags.variableName), tags.className], color: "var(--md-code-hl-name-color)" },
  { tag: [tags.operator, tags.punctuation], color: "var(--md-code-hl-operator-color)" },
  { tag: tags.self, color: "var(--md-code-hl-constant-color)" },
]);

const materialTheme = EditorView.theme({
  "&": { color: "var(--md-code-fg-color)", backgroundColor: "var(--md-code-bg-color)", fontSize: ".85em" },
  ".cm-content": { fontFamily: "var(--md-code-font-family)", caretColor: "var(--md-code-fg-color)" },
  ".cm-gutters": { backgroundColor: "var(--md-code-bg-color)", color: "var(--md-default-fg-color--light)", border: "none" },
  // Material's code colours are 4.5:1 on the code's background and no more: the current line
  // is marked by a bar and its number, not by a tint under its text.
  ".cm-activeLine": { backgroundColor: "transparent", boxShadow: "inset 0.15rem 0 0 var(--md-code-hl-color)" },
  ".cm-activeLineGutter": { backgroundColor: "transparent", color: "var(--md-code-fg-color)" },
  "&.cm-focused": { outline: "2px solid var(--md-accent-fg-color)" },
  ".cm-cursor": { borderLeftColor: "var(--md-code-fg-color)" },
  "&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection": { backgroundColor: "var(--md-code-hl-color)" },
});

/** An editor in `parent` holding `code`; `onRun` is called on Ctrl-Enter and Cmd-Enter,
 * `onChange` with the code after each change (an exercise keeps the reader's code). */
export function createEditor({ parent, code, onRun, label, onChange = null }) {
  const runKey = { key: "Mod-Enter", preventDefault: true, run: () => { onRun(); return true; } };
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: code,
      extensions: [
        lineNumbers(), highlightActiveLineGutter(), history(), drawSelection(), indentOnInput(),
        bracketMatching(), highlightActiveLine(), indentUnit.of("    "),
        keymap.of([runKey, { key: "Ctrl-Enter", preventDefault: true, run: runKey.run },
          indentWithTab, ...defaultKeymap, ...historyKeymap]),
        python(), syntaxHighlighting(materialColours), materialTheme,
        // tabindex: the text is focusable anyway (contenteditable); said, so that checkers
        // (axe) see that the keyboard reaches the box that scrolls it.
        EditorView.contentAttributes.of({ "aria-label": label, tabindex: "0" }),
        EditorView.updateListener.of((update) => {
          if (onChange && update.docChanged) onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    view,
    getCode: () => view.state.doc.toString(),
    setCode: (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
    focus: () => view.focus(),
  };
}
