/**
 * A rough token count for when a provider reports none (some compatible servers omit usage when
 * streaming) and for memory budgets: about four characters a token for Latin scripts, one per
 * CJK character — close enough for budgets and cost estimates, never used for billing truth.
 */
export function estimateTokens(text: string): number {
  let cjk = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (
      (code >= 0x3400 && code <= 0x9fff) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0x3040 && code <= 0x30ff)
    ) {
      cjk += 1;
    }
  }
  return cjk + Math.ceil((text.length - cjk) / 4);
}
