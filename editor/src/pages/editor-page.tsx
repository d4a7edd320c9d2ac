import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useState } from 'react';
import { flowsApi } from '../api/flows.js';
import { FlowCanvas } from '../canvas/flow-canvas.js';
import { placeUnplacedNodes } from '../canvas/layout.js';
import { useT } from '../i18n/i18n.js';
import { Inspector } from '../panels/inspector/inspector.js';
import { Palette } from '../panels/palette.js';
import { PublishDialog } from '../panels/publish/publish-dialog.js';
import { ChatPreview } from '../panels/run/chat-preview.js';
import { RunPanel } from '../panels/run/run-panel.js';
import { useAutosave } from '../state/autosave.js';
import { canvasStore, type SidePanel, useCanvas } from '../state/canvas-store.js';
import { catalogueStore } from '../state/catalogue-store.js';
import { chatStore } from '../state/chat-store.js';
import { flowStore } from '../state/flow-store.js';
import { runStore } from '../state/run-store.js';
import { ErrorNote } from '../ui/error-note.js';
import { EditorToolbar } from './editor-toolbar.js';
import '../styles/editor.css';

const PANELS: { id: SidePanel; label: 'inspector.title' | 'editor.run' | 'editor.chat' }[] = [
  { id: 'inspector', label: 'inspector.title' },
  { id: 'run', label: 'editor.run' },
  { id: 'chat', label: 'editor.chat' },
];

const TAB_KEYS: Record<string, (index: number, count: number) => number> = {
  ArrowRight: (index, count) => (index + 1) % count,
  ArrowLeft: (index, count) => (index - 1 + count) % count,
  Home: () => 0,
  End: (_index, count) => count - 1,
};

function moveBetweenTabs(key: string, current: SidePanel): void {
  const step = TAB_KEYS[key];
  if (!step) return;
  const next =
    PANELS[
      step(
        Math.max(
          0,
          PANELS.findIndex((p) => p.id === current),
        ),
        PANELS.length,
      )
    ];
  if (!next) return;
  canvasStore.getState().setPanel(next.id);
  document.getElementById(`side-tab-${next.id}`)?.focus();
}

function SidePanels() {
  const t = useT();
  const panel = useCanvas((s) => s.panel);
  const selected = useCanvas((s) => s.selectedNodes.size);
  // Selecting a node brings the inspector forward unless the chat is being used.
  useEffect(() => {
    if (selected > 0 && canvasStore.getState().panel === 'run') canvasStore.getState().setPanel('inspector');
  }, [selected]);
  return (
    <aside className="side">
      <div className="tabs" role="tablist" onKeyDown={(event) => moveBetweenTabs(event.key, panel)}>
        {PANELS.map(({ id, label }) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={panel === id}
            // One Tab stop for the tab list; the arrow keys move between its tabs (WAI-ARIA tabs).
            tabIndex={panel === id ? 0 : -1}
            id={`side-tab-${id}`}
            aria-controls="side-panel"
            className={panel === id ? 'tab is-active' : 'tab'}
            onClick={() => canvasStore.getState().setPanel(id)}
            data-testid={`tab-${id}`}
          >
            {t(label)}
          </button>
        ))}
      </div>
      <div className="side-body" role="tabpanel" id="side-panel" aria-labelledby={`side-tab-${panel}`}>
        {panel === 'inspector' && <Inspector />}
        {panel === 'run' && <RunPanel />}
        {panel === 'chat' && <ChatPreview />}
      </div>
    </aside>
  );
}

function useFlowLoader(flowId: string): { ready: boolean; error: unknown } {
  const [state, setState] = useState<{ ready: boolean; error: unknown }>({ ready: false, error: null });
  useEffect(() => {
    let alive = true;
    setState({ ready: false, error: null });
    canvasStore.getState().reset();
    runStore.getState().reset();
    chatStore.getState().newSession();
    void catalogueStore.getState().load();
    flowsApi
      .get(flowId)
      .then((saved) => {
        if (!alive) return;
        flowStore.getState().load(placeUnplacedNodes(saved.document), saved.revision);
        flowStore.getState().setProblems(saved.problems);
        setState({ ready: true, error: null });
      })
      .catch((error: unknown) => alive && setState({ ready: false, error }));
    return () => {
      alive = false;
    };
  }, [flowId]);
  return state;
}

function Workspace() {
  useAutosave();
  const [publishing, setPublishing] = useState(false);
  return (
    <ReactFlowProvider>
      <div className="editor">
        <EditorToolbar onPublish={() => setPublishing(true)} />
        <div className="editor-body">
          <Palette />
          <FlowCanvas />
          <SidePanels />
        </div>
        {publishing && <PublishDialog onClose={() => setPublishing(false)} />}
      </div>
    </ReactFlowProvider>
  );
}

/** The canvas page: palette, canvas, inspector / run / chat, and the publish dialog. */
export default function EditorPage({ flowId }: { flowId: string }) {
  const t = useT();
  const { ready, error } = useFlowLoader(flowId);
  if (error)
    return (
      <div className="page">
        <ErrorNote error={error} />
      </div>
    );
  if (!ready) return <div className="page muted">{t('common.loading')}</div>;
  return <Workspace />;
}
