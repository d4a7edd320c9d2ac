import { useState } from 'react';
import { flowsApi } from '../../api/flows.js';
import type { FlowDiff, FlowVersion } from '../../api/schemas.js';
import { useT } from '../../i18n/i18n.js';
import { ErrorNote } from '../../ui/error-note.js';

function formatDate(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return new Date(value).toLocaleString();
}

function DiffView({ diff }: { diff: FlowDiff }) {
  const t = useT();
  const lines: { sign: '+' | '-' | '~'; text: string }[] = [
    ...diff.nodes.added.map((id) => ({ sign: '+' as const, text: id })),
    ...diff.nodes.removed.map((id) => ({ sign: '-' as const, text: id })),
    ...Object.entries(diff.nodes.changed).map(([id, fields]) => ({
      sign: '~' as const,
      text: `${id}: ${fields.join(', ')}`,
    })),
    ...diff.edges.added.map((edge) => ({ sign: '+' as const, text: edge })),
    ...diff.edges.removed.map((edge) => ({ sign: '-' as const, text: edge })),
    ...diff.fields.map((field) => ({ sign: '~' as const, text: field })),
  ];
  if (lines.length === 0) return <p className="muted small">{t('publish.noChanges')}</p>;
  return (
    <ul className="diff" data-testid="diff">
      {lines.map((line) => (
        <li
          key={`${line.sign}${line.text}`}
          className={`diff-${line.sign === '+' ? 'add' : line.sign === '-' ? 'remove' : 'change'}`}
        >
          <span aria-hidden="true">{line.sign}</span> <code>{line.text}</code>
        </li>
      ))}
    </ul>
  );
}

/** Published versions, newest first: compare one with the draft, or roll back to it. */
export function VersionList({
  flowId,
  versions,
  live,
  onRollback,
}: {
  flowId: string;
  versions: FlowVersion[] | null;
  live: number | null;
  onRollback(version: number): void;
}) {
  const t = useT();
  const [diff, setDiff] = useState<{ from: number; value: FlowDiff } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const compare = async (version: number) => {
    setError(null);
    try {
      setDiff({ from: version, value: await flowsApi.diff(flowId, version, 'draft') });
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <section className="section">
      <h3>{t('publish.versions')}</h3>
      {versions?.length === 0 && <p className="muted small">{t('publish.noVersions')}</p>}
      <ul className="versions" data-testid="versions">
        {versions?.map((version) => (
          <li key={version.version}>
            <div>
              <strong>v{version.version}</strong>
              {version.version === live && <span className="pill pill-live">{t('publish.current')}</span>}
              <span className="muted small"> {formatDate(version.createdAt)}</span>
              {version.note && <p className="small">{version.note}</p>}
            </div>
            <div className="row">
              <button
                type="button"
                className="button button-small button-ghost"
                onClick={() => void compare(version.version)}
              >
                {t('publish.diff')}
              </button>
              {version.version !== live && (
                <button
                  type="button"
                  className="button button-small button-ghost"
                  onClick={() => onRollback(version.version)}
                >
                  {t('publish.rollback')}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
      {diff && (
        <details open>
          <summary>{t('publish.diffTitle', { from: diff.from, to: t('flows.draft') })}</summary>
          <DiffView diff={diff.value} />
        </details>
      )}
      <ErrorNote error={error} />
    </section>
  );
}
