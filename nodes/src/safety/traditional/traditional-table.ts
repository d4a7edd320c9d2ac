import * as OpenCC from 'opencc-js/t2cn';

/**
 * Traditional → simplified Chinese, one character to one character, from OpenCC's dictionaries
 * (opencc-js). Built once per process, the first time a text is normalized, so that `法輪功` is
 * matched by a list that says `法轮功`. Only single-character, single-code-unit mappings are kept:
 * folding must not change the length of the text, or offsets would no longer point at the original.
 */
const RANGES: ReadonlyArray<[number, number]> = [
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xf900, 0xfaff],
];

export function buildTraditionalTable(into: Uint16Array): number {
  const convert = OpenCC.Converter({ from: 't', to: 'cn' });
  let mapped = 0;
  for (const [from, to] of RANGES) {
    // One call per range: the converter works on whole strings, and one long string is fast.
    const chars: string[] = [];
    for (let c = from; c <= to; c++) chars.push(String.fromCharCode(c));
    const converted = convert(chars.join('\u0001'));
    const parts = converted.split('\u0001');
    if (parts.length !== chars.length) continue;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] ?? '';
      if (part.length === 1 && part !== chars[i]) {
        into[from + i] = part.charCodeAt(0);
        mapped++;
      }
    }
  }
  return mapped;
}
