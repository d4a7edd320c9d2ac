import { describe, expect, it } from 'vitest';
import type { LiveMessage } from './chat-session.js';
import { stringsFor } from './i18n.js';
import { renderMessage } from './message-view.js';

const en = stringsFor('en');

function render(message: Partial<LiveMessage>, retried: LiveMessage[] = []): HTMLElement {
  const element = document.createElement('div');
  const full: LiveMessage = { id: 1, role: 'assistant', text: '', state: 'done', ...message };
  renderMessage(element, full, en, { retry: (m) => retried.push(m) });
  return element;
}

describe('renderMessage', () => {
  it('marks each message for automation and screen readers', () => {
    const element = render({ role: 'user', text: '**not bold**' });
    expect(element.dataset.testid).toBe('widget-message');
    expect(element.dataset.role).toBe('user');
    expect(element.querySelector('.sr')?.textContent).toBe('You: ');
    // The visitor's own text is shown as typed, not as Markdown.
    expect(element.querySelector('.body')?.textContent).toBe('**not bold**');
  });

  it('shows a thinking indicator while waiting and marks the message busy', () => {
    const element = render({ state: 'waiting', question: 'q' });
    expect(element.querySelector('.dots')?.getAttribute('aria-label')).toBe('Thinking…');
    expect(element.getAttribute('aria-busy')).toBe('true');
  });

  it('lists sources, linking only those with a web address', () => {
    const element = render({
      text: 'Answer',
      sources: [{ title: 'Returns policy', url: 'https://shop.example/returns' }, { title: 'faq.md › Shipping' }],
    });
    const chips = [...element.querySelectorAll('.chip')];
    expect(chips.map((chip) => chip.textContent)).toEqual(['Returns policy', 'faq.md › Shipping']);
    expect(chips[0]?.getAttribute('href')).toBe('https://shop.example/returns');
    expect(chips[0]?.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    expect(chips[1]?.tagName).toBe('SPAN');
  });

  it('explains a failure in words the visitor can act on, with a button to ask again', () => {
    const retried: LiveMessage[] = [];
    const cases: Array<[string, string]> = [
      ['NETWORK', en.unreachable],
      ['FORBIDDEN', en.refused],
      ['RATE_LIMITED', en.busy],
      ['AUTH_REQUIRED', en.signIn],
      ['FLOW_NOT_PUBLISHED', en.unavailable],
      ['PROVIDER_TIMEOUT', en.failed],
    ];
    for (const [errorCode, sentence] of cases) {
      const element = render({ state: 'failed', errorCode, question: 'Where is my order?' }, retried);
      expect(element.querySelector('.note')?.textContent).toBe(`${sentence}${en.retry}`);
      element.querySelector<HTMLButtonElement>('.note button')?.click();
    }
    expect(retried).toHaveLength(cases.length);
  });

  it('keeps the part of an answer that arrived before the visitor stopped it', () => {
    const element = render({ state: 'stopped', text: 'Half of', question: 'q' });
    expect(element.querySelector('.body')?.textContent).toBe('Half of');
    expect(element.querySelector('.note')?.textContent).toContain(en.stopped);
  });
});
