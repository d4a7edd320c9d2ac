const OPEN = '<think>';
const CLOSE = '</think>';

export interface ThinkSink {
  text(piece: string): void;
  reasoning(piece: string): void;
}

/**
 * Reasoning models served without a reasoning parser (DeepSeek-R1 distills, QwQ, Qwen3 on vLLM,
 * llama.cpp or Ollama) put their thinking inside `<think>…</think>` at the start of the answer.
 * This splits a stream of content pieces into thinking and answer, even when a tag is cut across
 * pieces, so the answer shown to users starts after the thinking.
 */
export function createThinkSplitter(sink: ThinkSink) {
  let state: 'start' | 'thinking' | 'answer' = 'start';
  let buffer = '';
  let answerStarted = false;

  const answer = (piece: string) => {
    const shown = answerStarted ? piece : piece.replace(/^\s+/, '');
    if (!shown) return;
    answerStarted = true;
    sink.text(shown);
  };

  const step = (): boolean => {
    if (state === 'start') {
      const head = buffer.trimStart();
      if (head.length < OPEN.length && OPEN.startsWith(head)) return false;
      if (head.startsWith(OPEN)) {
        state = 'thinking';
        buffer = head.slice(OPEN.length);
        return true;
      }
      state = 'answer';
      answerStarted = true;
      return true;
    }
    if (state === 'thinking') {
      const end = buffer.indexOf(CLOSE);
      if (end >= 0) {
        if (end > 0) sink.reasoning(buffer.slice(0, end));
        buffer = buffer.slice(end + CLOSE.length);
        state = 'answer';
        return true;
      }
      const keep = partialTagLength(buffer);
      if (buffer.length > keep) sink.reasoning(buffer.slice(0, buffer.length - keep));
      buffer = buffer.slice(buffer.length - keep);
      return false;
    }
    if (buffer) answer(buffer);
    buffer = '';
    return false;
  };

  return {
    feed(piece: string): void {
      buffer += piece;
      while (step()) {
        // keep going while the state changes
      }
    },
    /** The stream ended: whatever is held back goes where it belongs. */
    end(): void {
      if (!buffer) return;
      if (state === 'thinking') sink.reasoning(buffer);
      else answer(buffer);
      buffer = '';
    },
  };
}

/** Length of the longest end of `text` that could begin `</think>`. */
function partialTagLength(text: string): number {
  for (let length = Math.min(CLOSE.length - 1, text.length); length > 0; length -= 1) {
    if (CLOSE.startsWith(text.slice(text.length - length))) return length;
  }
  return 0;
}
