import { useState } from 'react';
import { flowsApi } from '../../api/flows.js';
import type { FlowVersion } from '../../api/schemas.js';
import { useT } from '../../i18n/i18n.js';
import { ErrorNote } from '../../ui/error-note.js';
import { JsonView } from '../../ui/json-view.js';

function formatDate(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  return new Date(value).toLocaleString();
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
  const [diff, setDiff] = useState<{ from: number; value: unknown } | null>(null);
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
          <JsonView value={diff.value} />
        </details>
      )}
      <ErrorNote error={error} />
    </section>
  );
}
