import { describe, expect, it } from 'vitest';
import { mergeConfig, readAttributes, readRemoteConfig, themeRule } from './widget-config.js';

describe('readRemoteConfig', () => {
  it('keeps the well-formed settings of the flow', () => {
    const config = readRemoteConfig(
      {
        title: 'Shop help',
        greeting: 'Hello!',
        suggestedQuestions: ['Where is my order?', 42, '  '],
        theme: { primary: '#0f766e', radius: '12px' },
        avatar: '/avatars/bot.png',
        position: 'bottom-left',
      },
      'https://tailor.example',
    );
    expect(config).toEqual({
      title: 'Shop help',
      greeting: 'Hello!',
      suggestions: ['Where is my order?'],
      theme: { primary: '#0f766e', radius: '12px' },
      avatar: 'https://tailor.example/avatars/bot.png',
      position: 'bottom-left',
    });
  });

  it('drops theme values that could leave their declaration or fetch a resource', () => {
    const theme = readRemoteConfig(
      {
        theme: {
          primary: 'red;}body{display:none',
          background: 'url(https://evil.example/x.png)',
          surface: 'rgb(1 2 3) image-set("https://evil.example")',
          text: 'rgb(10 20 30)',
        },
      },
      'https://tailor.example',
    ).theme;
    expect(theme).toEqual({ text: 'rgb(10 20 30)' });
  });

  it('refuses script and SVG avatars', () => {
    for (const avatar of ['javascript:alert(1)', 'data:image/svg+xml;base64,PHN2Zz4=']) {
      expect(readRemoteConfig({ avatar }, 'https://tailor.example').avatar).toBeUndefined();
    }
  });
});

describe('readAttributes and mergeConfig', () => {
  it('lets attributes win over the flow settings, colour by colour', () => {
    const element = document.createElement('tailor-chat');
    element.setAttribute('chat-title', 'Local title');
    element.setAttribute('suggestions', 'One | Two');
    element.setAttribute('color', '#ff0066');
    element.setAttribute('appearance', 'dark');
    const merged = mergeConfig(
      { title: 'Remote', greeting: 'Hi', suggestions: ['Remote question'], theme: { primary: '#000', text: '#111' } },
      readAttributes(element),
    );
    expect(merged).toMatchObject({
      title: 'Local title',
      greeting: 'Hi',
      suggestions: ['One', 'Two'],
      position: 'bottom-right',
      appearance: 'dark',
      theme: { primary: '#ff0066', text: '#111' },
    });
  });

  it('writes the theme as custom properties of the host', () => {
    expect(themeRule({ primary: '#0f766e', onPrimary: '#fff' })).toBe(
      ':host{--tailor-primary:#0f766e;--tailor-on-primary:#fff}',
    );
    expect(themeRule({})).toBe('');
  });
});
