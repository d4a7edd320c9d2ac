import { useT } from '../i18n/i18n.js';
import { Icon } from './icon.js';

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** An error sentence shown where the failed action was. */
export function ErrorNote({ error }: { error: unknown }) {
  const t = useT();
  if (error === null || error === undefined) return null;
  return (
    <p className="error-note" role="alert">
      <Icon name="alert" size={14} />
      {t('errors.generic', { message: errorMessage(error) })}
    </p>
  );
}
