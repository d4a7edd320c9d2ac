import { useState } from 'react';
import { useT } from '../i18n/i18n.js';
import { Icon } from './icon.js';

/** Copies text to the clipboard and says so for two seconds. */
export function CopyButton({ text, testId, label }: { text: string; testId?: string; label?: string }) {
  const t = useT();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // Clipboard access can be refused (http origin, permissions); select-and-copy still works.
      return;
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  };
  return (
    <button type="button" className="button button-small" onClick={copy} data-testid={testId}>
      <Icon name={copied ? 'check' : 'copy'} size={14} />
      {copied ? t('common.copied') : (label ?? t('common.copy'))}
    </button>
  );
}
