/**
 * The format of the date evaluation sets (test/eval/dates.<lang>.txt): "@ YYYY-MM-DD" (or "@ none") sets the
 * reference date of the lines after it; every other non-blank line not starting with "#" is one text, in which
 * [mention|value] marks a gold date expression with its value. Errors name the file and line.
 */
export interface GoldMention {
  start: number;
  end: number;
  text: string;
  value: string;
}

export interface EvalItem {
  line: number;
  reference?: string;
  text: string;
  gold: GoldMention[];
}

export function parseEvalSet(source: string, file: string): EvalItem[] {
  const items: EvalItem[] = [];
  let reference: string | undefined;
  let sawReference = false;
  source.split(/\r?\n/).forEach((raw, k) => {
    const line = k + 1;
    const t = raw.trim();
    if (!t || t.startsWith('#')) return;
    if (t.startsWith('@')) {
      const v = t.slice(1).trim();
      if (v !== 'none' && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(v)) throw new Error(`${file}:${line}: reference must be YYYY[-MM[-DD]] or "none", got "${v}"`);
      reference = v === 'none' ? undefined : v;
      sawReference = true;
      return;
    }
    if (!sawReference) throw new Error(`${file}:${line}: a text before the first "@ reference" line`);
    let text = '';
    const gold: GoldMention[] = [];
    let i = 0;
    while (i < t.length) {
      const open = t.indexOf('[', i);
      if (open < 0) {
        text += t.slice(i);
        break;
      }
      const close = t.indexOf(']', open);
      const bar = t.indexOf('|', open);
      if (close < 0 || bar < 0 || bar > close) {
        // A literal bracket (no "|value]"): keep it as text.
        text += t.slice(i, open + 1);
        i = open + 1;
        continue;
      }
      text += t.slice(i, open);
      const mention = t.slice(open + 1, bar);
      const value = t.slice(bar + 1, close);
      if (!mention || !value) throw new Error(`${file}:${line}: empty mention or value in "${t.slice(open, close + 1)}"`);
      gold.push({ start: text.length, end: text.length + mention.length, text: mention, value });
      text += mention;
      i = close + 1;
    }
    const item: EvalItem = { line, text, gold };
    if (reference) item.reference = reference;
    items.push(item);
  });
  return items;
}
