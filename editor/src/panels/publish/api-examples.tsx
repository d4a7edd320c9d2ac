import { useState } from 'react';
import { type MessageKey, useT } from '../../i18n/i18n.js';
import { CopyButton } from '../../ui/copy-button.js';
import { type ExampleInput, embedSnippet, openAiExample, restExample, sseExample } from './examples.js';

const TABS = ['rest', 'sse', 'openai', 'embed'] as const;
type Tab = (typeof TABS)[number];

function CodeBlock({ code, testId }: { code: string; testId?: string }) {
  return (
    <div className="code-block">
      <pre data-testid={testId}>{code}</pre>
      <CopyButton text={code} testId={testId ? `${testId}-copy` : undefined} />
    </div>
  );
}

/** curl and JavaScript for REST, SSE and the OpenAI-compatible endpoint, and the widget's embed tag. */
export function ApiExamples({ input, hasKey }: { input: ExampleInput; hasKey: boolean }) {
  const t = useT();
  const [tab, setTab] = useState<Tab>('rest');
  const [preview, setPreview] = useState(false);
  const pair =
    tab === 'rest'
      ? restExample(input)
      : tab === 'sse'
        ? sseExample(input)
        : tab === 'openai'
          ? openAiExample(input)
          : null;
  const snippet = embedSnippet(input);
  return (
    <div className="examples">
      <div className="tabs" role="tablist">
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            className={tab === name ? 'tab is-active' : 'tab'}
            onClick={() => setTab(name)}
            data-testid={`example-tab-${name}`}
          >
            {t(`publish.${name}` as MessageKey)}
          </button>
        ))}
      </div>
      {!hasKey && <p className="muted small">{t('publish.needKey')}</p>}
      {pair && (
        <>
          <h4>curl</h4>
          <CodeBlock code={pair.curl} />
          <h4>JavaScript</h4>
          <CodeBlock code={pair.js} />
        </>
      )}
      {tab === 'embed' && (
        <>
          <p className="muted small">{t('publish.embedHint')}</p>
          <CodeBlock code={snippet} testId="embed-snippet" />
          <button type="button" className="button button-small button-ghost" onClick={() => setPreview(!preview)}>
            {preview ? t('common.close') : t('publish.preview')}
          </button>
          {preview && (
            <iframe
              className="widget-preview"
              title="Widget preview"
              sandbox="allow-scripts allow-same-origin"
              srcDoc={`<!doctype html><html><body style="font-family:system-ui;background:#f8fafc">${snippet}</body></html>`}
            />
          )}
        </>
      )}
    </div>
  );
}
