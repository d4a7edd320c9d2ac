import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.js';

function html(source: string): string {
  const box = document.createElement('div');
  box.appendChild(renderMarkdown(source, document));
  return box.innerHTML;
}

function elementsOf(source: string): string[] {
  const box = document.createElement('div');
  box.appendChild(renderMarkdown(source, document));
  return [...box.querySelectorAll('*')].map((element) => element.tagName.toLowerCase());
}

describe('renderMarkdown: safety', () => {
  it('renders an HTML image with an onerror handler as visible text', () => {
    const box = document.createElement('div');
    box.appendChild(renderMarkdown('Look: <img src=x onerror=alert(1)>', document));
    expect(box.querySelector('img')).toBeNull();
    expect(box.textContent).toBe('Look: <img src=x onerror=alert(1)>');
  });

  it('never creates script, style, iframe or event-handler attributes', () => {
    const hostile = [
      '<script>alert(1)</script>',
      '<style>body{display:none}</style>',
      '<iframe src="https://evil.example"></iframe>',
      '<a href="https://x.example" onclick="alert(1)">x</a>',
      '<svg onload=alert(1)>',
    ].join('\n\n');
    const box = document.createElement('div');
    box.appendChild(renderMarkdown(hostile, document));
    expect(new Set(elementsOf(hostile))).toEqual(new Set(['p', 'a']));
    const attributes = [...box.querySelectorAll('*')].flatMap((element) => element.getAttributeNames());
    expect(new Set(attributes)).toEqual(new Set(['href', 'target', 'rel', 'referrerpolicy']));
    expect(box.textContent).toContain('<script>alert(1)</script>');
  });

  it('drops javascript:, data: and relative link targets but keeps their text', () => {
    for (const target of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,x',
      '/admin',
    ]) {
      const box = document.createElement('div');
      box.appendChild(renderMarkdown(`[click](${target})`, document));
      expect(box.querySelector('a')).toBeNull();
      expect(box.textContent).toBe('click');
    }
  });

  it('opens safe links in a new tab without a referrer or opener', () => {
    const box = document.createElement('div');
    box.appendChild(renderMarkdown('[docs](https://example.com/a?b=1)', document));
    const anchor = box.querySelector('a');
    expect(anchor?.getAttribute('href')).toBe('https://example.com/a?b=1');
    expect(anchor?.getAttribute('target')).toBe('_blank');
    expect(anchor?.getAttribute('rel')).toBe('noopener noreferrer nofollow');
  });

  it('turns images into links so that answers cannot load pixels from any host', () => {
    const box = document.createElement('div');
    box.appendChild(renderMarkdown('![chart](https://evil.example/p.png?q=secret)', document));
    expect(box.querySelector('img')).toBeNull();
    expect(box.querySelector('a')?.textContent).toBe('chart');
  });

  it('creates only allowed elements and attributes from thousands of random hostile inputs', () => {
    const pieces = [
      '<img src=x onerror=alert(1)>',
      '<script>',
      '](javascript:alert(1))',
      '[a',
      '](',
      ')',
      '**',
      '*',
      '_',
      '`',
      '```',
      '\n',
      '\n\n',
      '> ',
      '- ',
      '1. ',
      '| a | b |\n|---|---|\n',
      '~~',
      'http://x.example/',
      '<https://y.example>',
      '![i](https://z.example/p.png)',
      '\\',
      '"',
      "'",
      'onload=',
      ' ',
      'text',
      '中文',
      '#',
      '---',
    ];
    const allowed = new Set([
      'p',
      'br',
      'strong',
      'em',
      'del',
      'code',
      'pre',
      'a',
      'ul',
      'ol',
      'li',
      'blockquote',
      'hr',
      'h3',
      'h4',
      'h5',
      'div',
      'table',
      'thead',
      'tbody',
      'tr',
      'th',
      'td',
    ]);
    const attributes = new Set(['href', 'target', 'rel', 'referrerpolicy', 'class', 'start']);
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < 2000; round++) {
      const source = Array.from(
        { length: 1 + Math.floor(random() * 12) },
        () => pieces[Math.floor(random() * pieces.length)],
      ).join('');
      const box = document.createElement('div');
      box.appendChild(renderMarkdown(source, document));
      for (const element of box.querySelectorAll('*')) {
        expect(allowed.has(element.tagName.toLowerCase()), source).toBe(true);
        for (const name of element.getAttributeNames()) expect(attributes.has(name), source).toBe(true);
        const href = element.getAttribute('href');
        if (href !== null) expect(href, source).toMatch(/^(https?:|mailto:|tel:)/);
      }
    }
  });

  it('survives deeply nested input without recursing without bound', () => {
    const deep = `${'> '.repeat(500)}deep`;
    const box = document.createElement('div');
    box.appendChild(renderMarkdown(deep, document));
    expect(box.textContent).toContain('deep');
  });
});

describe('renderMarkdown: formatting', () => {
  it('renders strong, emphasis, strikethrough and code spans', () => {
    expect(html('**bold** *it* ~~gone~~ `a < b`')).toBe(
      '<p><strong>bold</strong> <em>it</em> <del>gone</del> <code>a &lt; b</code></p>',
    );
  });

  it('leaves snake_case names and lone asterisks alone', () => {
    expect(html('use snake_case_name and 2 * 3 * 4')).toBe('<p>use snake_case_name and 2 * 3 * 4</p>');
  });

  it('keeps single line breaks as breaks, as chat answers mean them', () => {
    expect(html('line one\nline two')).toBe('<p>line one<br>line two</p>');
  });

  it('renders fenced code literally, even when unclosed while streaming', () => {
    expect(html('```js\nconst a = "<b>";\n```')).toBe('<pre><code>const a = "&lt;b&gt;";</code></pre>');
    expect(html('```\npartial')).toBe('<pre><code>partial</code></pre>');
  });

  it('renders headings within h3 to h5', () => {
    expect(elementsOf('# One\n## Two\n#### Four')).toEqual(['h3', 'h4', 'h5']);
  });

  it('renders ordered, unordered and nested lists', () => {
    expect(html('1. first\n2. second\n   - inner\n3. third')).toBe(
      '<ol><li>first</li><li>second<ul><li>inner</li></ul></li><li>third</li></ol>',
    );
    expect(html('- a\n- b')).toBe('<ul><li>a</li><li>b</li></ul>');
  });

  it('renders block quotes and rules', () => {
    expect(html('> quoted\n\n---')).toBe('<blockquote><p>quoted</p></blockquote><hr>');
  });

  it('renders pipe tables inside a scrolling box', () => {
    expect(html('| a | b |\n|---|:-:|\n| 1 | **2** |')).toBe(
      '<div class="table"><table><thead><tr><th>a</th><th>b</th></tr></thead>' +
        '<tbody><tr><td>1</td><td><strong>2</strong></td></tr></tbody></table></div>',
    );
  });

  it('links bare URLs without swallowing the closing punctuation', () => {
    const box = document.createElement('div');
    box.appendChild(renderMarkdown('See https://example.com/docs.', document));
    expect(box.querySelector('a')?.textContent).toBe('https://example.com/docs');
    expect(box.textContent).toBe('See https://example.com/docs.');
  });

  it('renders Chinese text and punctuation unchanged', () => {
    expect(html('您好，**退货**请在七天内办理。')).toBe('<p>您好，<strong>退货</strong>请在七天内办理。</p>');
  });
});
