/** The widget's own words, in English and Chinese; the flow's title, greeting and questions come from its settings. */
const en = {
  title: 'Assistant',
  greeting: 'Hi! How can I help you today?',
  placeholder: 'Ask a question…',
  signIn: 'Please sign in to chat with us.',
  open: 'Open chat',
  close: 'Close chat',
  send: 'Send',
  stop: 'Stop answering',
  reset: 'Start a new conversation',
  you: 'You',
  assistant: 'Assistant',
  thinking: 'Thinking…',
  online: 'Online',
  reconnecting: 'Reconnecting…',
  sources: 'Sources',
  sourcesLabel: 'Sources:',
  suggestions: 'Suggested questions',
  retrying: (seconds: number) => `Connection lost. Retrying in ${seconds} s…`,
  offline: 'You are offline. The answer continues when the connection is back.',
  retryNow: 'Retry now',
  retry: 'Try again',
  failed: 'Sorry, the assistant could not answer this time.',
  stopped: 'Stopped.',
  unreachable: 'The assistant cannot be reached. If this keeps happening, this site may not be allowed to use it.',
  refused: 'This site is not allowed to use this assistant.',
  busy: 'Too many questions at once; please wait a moment and try again.',
  unavailable: 'This assistant is not available right now.',
  poweredBy: 'Powered by Tailor',
};

export type Strings = typeof en;

const zh: Strings = {
  title: '智能助手',
  greeting: '您好！请问有什么可以帮您？',
  placeholder: '请输入您的问题…',
  signIn: '请先登录后再咨询。',
  open: '打开对话',
  close: '关闭对话',
  send: '发送',
  stop: '停止回答',
  reset: '开始新对话',
  you: '我',
  assistant: '助手',
  thinking: '正在思考…',
  online: '在线',
  reconnecting: '正在重新连接…',
  sources: '参考来源',
  sourcesLabel: '参考来源：',
  suggestions: '推荐问题',
  retrying: (seconds: number) => `网络连接中断，${seconds} 秒后重试…`,
  offline: '网络已断开，恢复连接后将继续回答。',
  retryNow: '立即重试',
  retry: '重试',
  failed: '抱歉，这次没能回答您的问题。',
  stopped: '已停止。',
  unreachable: '暂时无法连接到助手。如果一直如此，可能是本网站未被允许使用该助手。',
  refused: '本网站未被允许使用该助手。',
  busy: '提问过于频繁，请稍候再试。',
  unavailable: '该助手暂不可用。',
  poweredBy: '由 Tailor 提供支持',
};

export type Language = 'en' | 'zh';

/** `zh`, `zh-CN`, `zh-Hant` … are Chinese; everything else falls back to English. */
export function pickLanguage(...candidates: Array<string | null | undefined>): Language {
  for (const candidate of candidates) {
    const value = candidate?.trim().toLowerCase();
    if (value) return value.startsWith('zh') ? 'zh' : 'en';
  }
  return 'en';
}

export function stringsFor(language: Language): Strings {
  return language === 'zh' ? zh : en;
}
