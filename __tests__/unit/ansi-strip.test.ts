import { describe, expect, it } from '@jest/globals';
import { cleanLine } from '../../src/engine/findings/ansi.js';
import { plain } from '../../src/reporters/junit.js';

/*
 * Terminal sequences are removed with Node's util.stripVTControlCharacters, in the findings
 * parser (cleanLine) and in JUnit/SARIF text (plain): what tools really print, on every
 * supported Node.
 */

const ESC = '\u001b';

const CASES: [name: string, raw: string, shown: string][] = [
  ['bold and colour (mypy)', `${ESC}[1m${ESC}[31merror:${ESC}[m x`, 'error: x'],
  ['256 colours', `${ESC}[38;5;196mred${ESC}[0m`, 'red'],
  ['true colour', `${ESC}[38;2;255;0;0mred${ESC}[0m`, 'red'],
  ['cursor up and erase (progress)', `${ESC}[2F${ESC}[0Jdone`, 'done'],
  ['erase line', `${ESC}[2Ktext${ESC}[K`, 'text'],
  ['private mode (cursor hidden)', `${ESC}[?25ltext${ESC}[?25h`, 'text'],
  ['window title, BEL-terminated', `${ESC}]0;title\u0007text`, 'text'],
  [
    'hyperlink, ST-terminated',
    `${ESC}]8;;https://x.test/a${ESC}\\link${ESC}]8;;${ESC}\\ end`,
    'link end',
  ],
  ['hyperlink, BEL-terminated', `${ESC}]8;;https://x.test/a?b=c\u0007link${ESC}]8;;\u0007`, 'link'],
  ['8-bit CSI', `\u009b31mred\u009b0m`, 'red'],
  ['charset selection', `${ESC}(Btext`, 'text'],
  ['a sequence cut at the end', `text ${ESC}[3`, 'text'],
  [
    'plain text with brackets',
    'app/(auth)/[id]/page.tsx:3:1: [1/3] msg',
    'app/(auth)/[id]/page.tsx:3:1: [1/3] msg',
  ],
];

describe('ANSI stripping', () => {
  it.each(CASES)('cleanLine: %s', (_name, raw, shown) => {
    expect(cleanLine(raw)).toBe(shown);
  });

  it.each(CASES)('plain (JUnit, SARIF): %s', (_name, raw, shown) => {
    expect(plain(raw).trimEnd()).toBe(shown);
  });

  it('cleanLine drops a stray ESC with the other C0 controls, and keeps tabs', () => {
    expect(cleanLine(`a${ESC}b\tc ${ESC}`)).toBe('ab\tc');
  });
});
