// The code editor: CodeMirror 6 with JavaScript highlighting, line numbers, history, and a
// highlighted line for the source line that is running at the current step.
import { EditorState, StateEffect, StateField } from '@codemirror/state';
import {
  EditorView, Decoration, keymap, lineNumbers, highlightActiveLineGutter, drawSelection,
} from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, indentOnInput, syntaxHighlighting, HighlightStyle } from '@codemirror/language';
import { javascript } from '@codemirror/lang-javascript';
import { tags as t } from '@lezer/highlight';

// Colours come from the stylesheet's custom properties, so the editor follows the light or
// dark theme with the rest of the page.
const highlight = HighlightStyle.define([
  { tag: [t.keyword, t.operatorKeyword, t.controlKeyword, t.definitionKeyword, t.moduleKeyword], color: 'var(--syn-keyword)' },
  { tag: [t.string, t.special(t.string), t.regexp], color: 'var(--syn-string)' },
  { tag: [t.number, t.bool, t.null, t.atom], color: 'var(--syn-number)' },
  { tag: [t.comment, t.lineComment, t.blockComment], color: 'var(--syn-comment)', fontStyle: 'italic' },
  { tag: [t.function(t.variableName), t.function(t.propertyName)], color: 'var(--syn-function)' },
  { tag: [t.definition(t.variableName), t.className], color: 'var(--syn-definition)' },
]);

const setRunning = StateEffect.define();
const runningLine = Decoration.line({ class: 'cm-running-line', attributes: { 'aria-current': 'step' } });

const runningField = StateField.define({
  create: () => Decoration.none,
  update(deco, tr) {
    for (const e of tr.effects) {
      if (e.is(setRunning)) {
        const n = e.value;
        if (!n || n > tr.state.doc.lines) return Decoration.none;
        return Decoration.set([runningLine.range(tr.state.doc.line(n).from)]);
      }
    }
    return tr.docChanged ? Decoration.none : deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

export function createEditor(parent, doc, { onRun, label }) {
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        syntaxHighlighting(highlight),
        javascript(),
        runningField,
        // Tab indents, so Escape then Tab leaves the editor (CodeMirror's documented escape hatch).
        keymap.of([
          { key: 'Mod-Enter', run: () => { onRun(); return true; } },
          ...defaultKeymap, ...historyKeymap, indentWithTab,
        ]),
        EditorView.contentAttributes.of({ 'aria-label': label }),
      ],
    }),
  });
  return {
    view,
    get code() { return view.state.doc.toString(); },
    set code(text) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    // showRunning marks line n (1-based) as the one running, or none for 0.
    showRunning(n) {
      view.dispatch({ effects: setRunning.of(n) });
      if (n && n <= view.state.doc.lines) {
        view.dispatch({ effects: EditorView.scrollIntoView(view.state.doc.line(n).from, { y: 'nearest' }) });
      }
    },
  };
}
