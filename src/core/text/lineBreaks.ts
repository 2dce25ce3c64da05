/**
 * Multi-line text in a single-line input box: a line break is shown as the two characters `\n`. The encoding is
 * reversible: a backslash that would otherwise be read as the start of `\n` or `\\` (one followed by `n`, by a
 * backslash or by a line break) is doubled. Text with no line break and no such backslash is unchanged.
 */
export function encodeLineBreaks(text: string): string {
  return text.replace(/\\(?=[\\n\r\n])|\r\n|\n|\r/g, (m) => (m === '\\' ? '\\\\' : '\\n'));
}

/** The inverse of encodeLineBreaks: `\n` is a line break, `\\` a backslash; any other backslash stays as typed. */
export function decodeLineBreaks(text: string): string {
  return text.replace(/\\([\\n])/g, (_, c: string) => (c === 'n' ? '\n' : '\\'));
}
