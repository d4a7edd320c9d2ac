import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import './embed.js';
import type { TailorChatElement } from './chat-element.js';
import { type PublishedFlowServer, startPublishedFlowServer } from './testing/published-flow-server.js';

let server: PublishedFlowServer;
let mounted = 0;

beforeEach(async () => {
  localStorage.clear();
  document.body.replaceChildren();
  server = await startPublishedFlowServer();
  mounted = 0;
});

afterEach(async () => {
  // Let the config requests of this test's elements finish before their server goes away.
  await until(() => server.configsServed === mounted && server.pending() === 0);
  await server.close();
});

function mount(attributes: Record<string, string> = {}): TailorChatElement {
  const chat = document.createElement('tailor-chat') as TailorChatElement;
  for (const [name, value] of Object.entries({ flow: 'faq', key: 'tk_widget', server: server.url, ...attributes })) {
    chat.setAttribute(name, value);
  }
  document.body.appendChild(chat);
  mounted++;
  return chat;
}

function part<T extends Element = HTMLElement>(chat: TailorChatElement, testid: string): T {
  const found = chat.shadowRoot?.querySelector<T>(`[data-testid="${testid}"]`);
  if (!found) throw new Error(`no ${testid} in the shadow root`);
  return found;
}

function messages(chat: TailorChatElement): HTMLElement[] {
  return [...(chat.shadowRoot?.querySelectorAll<HTMLElement>('[data-testid="widget-message"]') ?? [])];
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(check()).toBe(true);
}

async function type(chat: TailorChatElement, question: string): Promise<void> {
  const input = part<HTMLTextAreaElement>(chat, 'widget-input');
  input.value = question;
  input.dispatchEvent(new Event('input'));
  part<HTMLButtonElement>(chat, 'widget-send').click();
}

describe('<tailor-chat>', () => {
  it('builds its controls in an open shadow root, labelled for screen readers', () => {
    const chat = mount();
    expect(chat.shadowRoot?.mode).toBe('open');
    expect(part(chat, 'widget-input').getAttribute('aria-label')).toBe('Ask a question…');
    expect(part(chat, 'widget-send').getAttribute('aria-label')).toBe('Send');
    expect(chat.shadowRoot?.querySelector('[role="log"]')).not.toBeNull();
    expect(chat.shadowRoot?.querySelector('[aria-live="polite"]')).not.toBeNull();
    // Inline, the chat has no launcher or close button.
    expect(part(chat, 'widget-launcher').hidden).toBe(true);
  });

  it('asks, streams the answer as Markdown and keeps hostile HTML as text', async () => {
    server.script({
      answer: 'Try **this**: <img src=x onerror=alert(1)>',
      pieces: ['Try **this**: ', '<img src=x onerror=alert(1)>'],
    });
    const chat = mount();
    await type(chat, 'Help?');
    await until(() => messages(chat).at(-1)?.dataset.state === 'done');
    const [question, answer] = messages(chat);
    expect(question?.dataset.role).toBe('user');
    expect(question?.textContent).toContain('Help?');
    expect(answer?.querySelector('strong')?.textContent).toBe('this');
    expect(answer?.querySelector('img')).toBeNull();
    expect(answer?.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(chat.shadowRoot?.querySelector('[aria-live="polite"]')?.textContent).toContain('Try **this**');
  });

  it('applies the flow settings, with attributes winning', async () => {
    server.config = {
      title: 'Shop help',
      greeting: 'Welcome to the shop!',
      suggestedQuestions: ['Where is my order?'],
    };
    const chat = mount({ greeting: 'Hello from the page' });
    await until(() => chat.shadowRoot?.querySelector('.title')?.textContent === 'Shop help');
    expect(part(chat, 'widget-greeting').textContent).toBe('Hello from the page');
    expect(part(chat, 'widget-suggestion').textContent).toBe('Where is my order?');
  });

  it('asks a suggested question when it is clicked, then hides the suggestions', async () => {
    server.config = { suggestedQuestions: ['Where is my order?'] };
    server.script({ answer: 'On its way.' });
    const chat = mount();
    await until(() => chat.shadowRoot?.querySelector('[data-testid="widget-suggestion"]') !== null);
    part(chat, 'widget-suggestion').click();
    await until(() => messages(chat).at(-1)?.dataset.state === 'done');
    expect(server.runs[0]?.body.inputs?.message).toBe('Where is my order?');
    expect(chat.shadowRoot?.querySelector<HTMLElement>('.suggest')?.hidden).toBe(true);
  });

  it('asks for a sign-in when the flow needs a signed visitor and the page passed none', async () => {
    server.config = { identityRequired: true };
    const chat = mount();
    const input = part<HTMLTextAreaElement>(chat, 'widget-input');
    await until(() => input.disabled);
    expect(input.placeholder).toBe('Please sign in to chat with us.');
    chat.setAttribute('user-token', 'header.payload.signature');
    expect(input.disabled).toBe(false);
  });

  it('speaks Chinese when the page does', async () => {
    document.documentElement.lang = 'zh-CN';
    const chat = mount();
    expect(part(chat, 'widget-send').getAttribute('aria-label')).toBe('发送');
    expect(part(chat, 'widget-greeting').textContent).toBe('您好！请问有什么可以帮您？');
    document.documentElement.lang = '';
  });

  it('restores the conversation on the next page load', async () => {
    server.script({ answer: 'Hello!' });
    const first = mount();
    await type(first, 'Hi');
    await until(() => messages(first).at(-1)?.dataset.state === 'done');
    first.remove();
    const second = mount();
    await until(() => messages(second).length === 2);
    expect(messages(second).map((m) => m.dataset.role)).toEqual(['user', 'assistant']);
  });

  it('as a bubble opens from the launcher, and Escape closes it and returns focus', async () => {
    const chat = mount({ mode: 'bubble' });
    const launcher = part<HTMLButtonElement>(chat, 'widget-launcher');
    expect(launcher.hidden).toBe(false);
    expect(launcher.getAttribute('aria-expanded')).toBe('false');
    launcher.click();
    expect(chat.hasAttribute('data-open')).toBe(true);
    expect(launcher.getAttribute('aria-expanded')).toBe('true');
    expect(chat.shadowRoot?.activeElement).toBe(part(chat, 'widget-input'));
    part(chat, 'widget-input').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(chat.hasAttribute('data-open')).toBe(false);
    expect(chat.shadowRoot?.activeElement).toBe(launcher);
  });

  it('sends with Enter but not while an input method is composing', async () => {
    server.script({ answer: 'ok' });
    const chat = mount();
    const input = part<HTMLTextAreaElement>(chat, 'widget-input');
    input.value = '你好';
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', isComposing: true, bubbles: true }));
    expect(server.runs).toHaveLength(0);
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await until(() => server.runs.length === 1);
    expect(server.runs[0]?.body.inputs?.message).toBe('你好');
  });
});
