/**
 * Where JSON text goes wrong, as line and column with a plain reason. Node 20's JSON.parse often
 * reports no position at all ("Unexpected token '}'"), so after it fails this small scanner walks
 * the text to find the first offending character. It only locates; JSON.parse does the parsing.
 */
export interface JsonErrorLocation {
  readonly line: number;
  readonly column: number;
  readonly reason: string;
}

class Failure {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {}
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPE = /["\\/bfnrt]|u[0-9a-fA-F]{4}/y;

class Scanner {
  offset = 0;
  constructor(readonly text: string) {}

  fail(reason: string, at = this.offset): never {
    throw new Failure(
      at,
      this.offset >= this.text.length && at >= this.text.length ? `the text ends too early: ${reason}` : reason,
    );
  }

  space(): void {
    while (/[ \t\n\r]/.test(this.text[this.offset] ?? '')) this.offset++;
  }

  document(): void {
    this.space();
    this.value();
    this.space();
    if (this.offset < this.text.length) this.fail('there is more text after the end of the document');
  }

  value(): void {
    const char = this.text[this.offset];
    if (char === '{') this.object();
    else if (char === '[') this.array();
    else if (char === '"') this.string();
    else if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) this.number();
    else this.literal(char);
  }

  literal(char: string | undefined): void {
    for (const word of ['true', 'false', 'null']) {
      if (this.text.startsWith(word, this.offset)) {
        this.offset += word.length;
        return;
      }
    }
    if (char === undefined) this.fail('expected a value');
    if (char === "'") this.fail('text must be in double quotes (") in JSON, not single quotes');
    this.fail(
      `expected a value (text in double quotes, a number, true, false, null, [ or {), found ${JSON.stringify(char)}`,
    );
  }

  object(): void {
    this.offset++;
    this.space();
    if (this.text[this.offset] === '}') {
      this.offset++;
      return;
    }
    for (;;) {
      this.space();
      if (this.text[this.offset] === '}') this.fail('a comma before "}" is not allowed in JSON');
      if (this.text[this.offset] !== '"') this.fail('expected a property name in double quotes');
      this.string();
      this.space();
      if (this.text[this.offset] !== ':') this.fail('expected ":" after the property name');
      this.offset++;
      this.space();
      this.value();
      this.space();
      const next = this.text[this.offset];
      this.offset++;
      if (next === '}') return;
      if (next !== ',') this.fail('expected "," or "}" after a property value (is a comma missing?)', this.offset - 1);
    }
  }

  array(): void {
    this.offset++;
    this.space();
    if (this.text[this.offset] === ']') {
      this.offset++;
      return;
    }
    for (;;) {
      this.space();
      if (this.text[this.offset] === ']') this.fail('a comma before "]" is not allowed in JSON');
      this.value();
      this.space();
      const next = this.text[this.offset];
      this.offset++;
      if (next === ']') return;
      if (next !== ',') this.fail('expected "," or "]" after a list item (is a comma missing?)', this.offset - 1);
    }
  }

  string(): void {
    const start = this.offset;
    this.offset++;
    for (;;) {
      const char = this.text[this.offset];
      if (char === undefined) this.fail('a text value is not closed with "', start);
      if (char === '"') {
        this.offset++;
        return;
      }
      if (char < ' ') this.fail('a line break or control character inside text must be written as \\n or \\t');
      if (char === '\\') {
        ESCAPE.lastIndex = this.offset + 1;
        if (!ESCAPE.test(this.text)) this.fail('unknown escape sequence after "\\"');
        this.offset = ESCAPE.lastIndex;
        continue;
      }
      this.offset++;
    }
  }

  number(): void {
    NUMBER.lastIndex = this.offset;
    if (!NUMBER.test(this.text)) this.fail('this is not a valid number');
    this.offset = NUMBER.lastIndex;
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset && index < text.length; index++) {
    if (text[index] === '\n') {
      line++;
      lineStart = index + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Locates the first error of text that JSON.parse rejected; undefined if the scanner finds none. */
export function locateJsonError(text: string): JsonErrorLocation | undefined {
  try {
    new Scanner(text).document();
    return undefined;
  } catch (thrown) {
    if (!(thrown instanceof Failure)) return undefined; // e.g. nesting deeper than the stack
    return { ...lineAndColumn(text, thrown.offset), reason: thrown.reason };
  }
}
