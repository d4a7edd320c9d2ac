import { useEffect } from 'react';
import { flowStore } from '../state/flow-store.js';
import { copySelection, deleteSelection, duplicateSelection, paste, selectAll, tidyLayout } from './editor-actions.js';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) ||
    !!target.closest('.cm-editor')
  );
}

const withModifier: Record<string, () => void> = {
  z: () => flowStore.getState().undo(),
  y: () => flowStore.getState().redo(),
  c: copySelection,
  v: paste,
  d: duplicateSelection,
  a: selectAll,
  l: () => void tidyLayout(),
};

/**
 * Editor shortcuts: Ctrl/⌘+Z undo, Ctrl/⌘+Shift+Z or +Y redo, +C/+V copy and paste (across flows),
 * +D duplicate, +A select all, +L tidy layout, Delete/Backspace delete. Ignored while typing.
 */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target) || event.defaultPrevented) return;
      const key = event.key.toLowerCase();
      if (event.key === 'Delete' || event.key === 'Backspace') {
        deleteSelection();
        event.preventDefault();
        return;
      }
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const action = key === 'z' && event.shiftKey ? withModifier.y : withModifier[key];
      if (!action) return;
      event.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
