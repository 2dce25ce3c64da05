/**
 * Text from the corpus or from workspace files (entity names and descriptions, claims, notes, record titles, file
 * names, YAML keys in error messages) shown in VS Code UI that interprets markup. Nothing of it may render as
 * Markdown, HTML, a theme icon or a link, let alone run a command: only our own command links are live.
 */

/** Every ASCII punctuation character may be backslash-escaped in CommonMark; escaping all of them leaves no syntax. */
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/g;

/**
 * Markdown-escaped text, shown literally in a MarkdownString (also with supportThemeIcons: `\$(` is not an icon).
 * Line breaks become hard breaks (`multiline`) or spaces; leading spaces cannot start a code block.
 */
export function escapeMarkdown(text: string, multiline = false): string {
  if (!multiline) return text.replace(/\s+/g, ' ').trim().replace(ASCII_PUNCTUATION, '\\$&');
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const escaped = lines.map((line) => line.replace(ASCII_PUNCTUATION, '\\$&').replace(/^[ \t]+/, (ws) => '&nbsp;'.repeat(ws.replace(/\t/g, '    ').length)));
  // Empty lines separate paragraphs; every other line break is a hard break.
  return escaped.join('  \n').replace(/( {2}\n){2,}/g, '\n\n');
}

/** For quick pick labels, descriptions and details, tree labels with icons: `$(name)` shown as written. */
export function escapeIcons(text: string): string {
  return text.replace(/\$\(/g, '\\$(');
}

/**
 * For notification messages, which turn `[text](https:|command:|file:...)` into links: the brackets stay visible,
 * a word joiner (U+2060, invisible) between `]` and `(` keeps them from being a link.
 */
export function noLinks(text: string): string {
  return text.replace(/\]\(/g, ']\u2060(');
}

/**
 * A `command:` link target with JSON arguments, safe inside Markdown link syntax: encodeURIComponent leaves
 * `( ) ! ' *` as they are, and a `)` in an argument (a file name "report (1).txt", a corpus title) would end the link.
 */
export function commandUri(command: string, args: unknown[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args)).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
