/** What other packages use from the safety family: the node, the stream filter, the guard prompt. */
export { checkInjection } from './checks/injection.js';
export { checkKeywords, type KeywordOptions } from './checks/keywords.js';
export { checkPii } from './checks/pii.js';
export { type Finding, FindingSchema } from './finding.js';
export { GUARD_SYSTEM_PROMPT, modelSideGuard } from './guard-prompt.js';
export { redact, restorePlaceholders } from './redaction.js';
export { DEFAULT_REPLY, type SafetyConfig, safetyNode } from './safety.js';
export {
  createAnswerFilter,
  type StreamFilterOptions,
  type StreamFilterResult,
  StreamingWordFilter,
} from './stream-filter.js';
export { defaultWords, parseWordList } from './word-list.js';
export { type WordEntry, type WordHit, WordMatcher } from './word-matcher.js';
