import { stripVTControlCharacters } from 'node:util';

/** Characters of one raw line looked at before colour codes are removed. */
export const RAW_LINE_CAP = 16 * 1024;
/** Characters of one cleaned line that the tool parsers ever see. */
export const LINE_CAP = 4 * 1024;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const TRAILING_CR = /\r+$/;

/**
 * Turns one raw output line into what a terminal would show: at most `LINE_CAP` characters,
 * without colour codes, without a CRLF's CR, only the text after the last carriage return
 * (progress bars redraw a line with `\r`), and without trailing whitespace. Tabs are kept.
 */
export function cleanLine(raw: string): string {
  let text = raw.length > RAW_LINE_CAP ? raw.slice(0, RAW_LINE_CAP) : raw;
  // Colour, cursor and hyperlink sequences (7-bit and 8-bit CSI, OSC); a stray ESC left by a
  // cut, like every other C0 control but tab, goes with CONTROL below.
  if (text.includes('\u001b') || text.includes('\u009b')) text = stripVTControlCharacters(text);
  if (text.includes('\r')) {
    text = text.replace(TRAILING_CR, '');
    const cr = text.lastIndexOf('\r');
    if (cr >= 0) text = text.slice(cr + 1);
  }
  CONTROL.lastIndex = 0;
  if (CONTROL.test(text)) text = text.replace(CONTROL, '');
  return (text.length > LINE_CAP ? text.slice(0, LINE_CAP) : text).trimEnd();
}
