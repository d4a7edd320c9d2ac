import { useReactFlow } from '@xyflow/react';
import { memo, useMemo, useState } from 'react';
import type { CatalogueEntry } from '../api/schemas.js';
import { addNodeAt } from '../canvas/editor-actions.js';
import { PALETTE_MIME } from '../canvas/flow-canvas.js';
import { type MessageKey, useLanguage, useT } from '../i18n/i18n.js';
import { useCatalogue } from '../state/catalogue-store.js';
import { categoryIcon, Icon } from '../ui/icon.js';

const CATEGORY_ORDER = ['io', 'model', 'knowledge', 'tool', 'safety', 'logic', 'code'];

function matches(entry: CatalogueEntry, query: string): boolean {
  if (query === '') return true;
  const haystack = [entry.type, entry.title.en, entry.title.zh, entry.description.en, entry.description.zh]
    .join(' ')
    .toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .every((word) => haystack.includes(word));
}

function groupByCategory(entries: CatalogueEntry[]): [string, CatalogueEntry[]][] {
  const groups = new Map<string, CatalogueEntry[]>();
  for (const entry of entries) {
    const key = CATEGORY_ORDER.includes(entry.category) ? entry.category : 'other';
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  const rank = (category: string) => (CATEGORY_ORDER.includes(category) ? CATEGORY_ORDER.indexOf(category) : 99);
  return [...groups].sort(([a], [b]) => rank(a) - rank(b));
}

const PaletteItem = memo(function PaletteItem({
  entry,
  onAdd,
}: {
  entry: CatalogueEntry;
  onAdd(entry: CatalogueEntry): void;
}) {
  const language = useLanguage();
  return (
    <li>
      <button
        type="button"
        className={`palette-item cat-${entry.category}`}
        draggable
        data-testid={`palette-${entry.type}`}
        title={entry.description[language]}
        onDragStart={(event) => {
          event.dataTransfer.setData(PALETTE_MIME, entry.type);
          event.dataTransfer.effectAllowed = 'move';
        }}
        onDoubleClick={() => onAdd(entry)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') onAdd(entry);
        }}
      >
        <span className="palette-icon">
          <Icon name={categoryIcon(entry.category)} size={15} />
        </span>
        <span className="palette-text">
          <span className="palette-title">{entry.title[language]}</span>
          <span className="palette-desc">{entry.description[language]}</span>
        </span>
      </button>
    </li>
  );
});

/** Node types grouped by category, searchable in both languages; drag, double-click or Enter to add. */
export function Palette() {
  const t = useT();
  const entries = useCatalogue((s) => s.entries);
  const status = useCatalogue((s) => s.status);
  const error = useCatalogue((s) => s.error);
  const [query, setQuery] = useState('');
  const flow = useReactFlow();
  const groups = useMemo(() => groupByCategory(entries.filter((e) => matches(e, query.trim()))), [entries, query]);

  const add = (entry: CatalogueEntry) => {
    const box = document.querySelector('.canvas')?.getBoundingClientRect();
    const centre = box ? { x: box.left + box.width / 2, y: box.top + box.height / 2 } : { x: 400, y: 300 };
    const point = flow.screenToFlowPosition(centre);
    addNodeAt(entry, { x: Math.round(point.x - 110), y: Math.round(point.y - 30) });
  };

  return (
    <aside className="palette" aria-label={t('palette.title')}>
      {/* Under the page's h1 (the flow name), so the category headings below keep their order. */}
      <h2 className="visually-hidden">{t('palette.title')}</h2>
      <div className="palette-search">
        <Icon name="search" size={14} />
        <input
          type="search"
          value={query}
          placeholder={t('palette.search')}
          aria-label={t('palette.search')}
          onChange={(event) => setQuery(event.target.value)}
        />
      </div>
      {status === 'loading' && <p className="muted pad">{t('common.loading')}</p>}
      {status === 'error' && <p className="error-note pad">{error}</p>}
      {status === 'ready' && groups.length === 0 && <p className="muted pad">{t('palette.noMatch', { query })}</p>}
      <div className="palette-groups">
        {groups.map(([category, items]) => (
          <section key={category}>
            <h3>{t(`category.${category}` as MessageKey)}</h3>
            <ul>
              {items.map((entry) => (
                <PaletteItem key={entry.type} entry={entry} onAdd={add} />
              ))}
            </ul>
          </section>
        ))}
      </div>
    </aside>
  );
}
