/**
 * Precision check of the bundled knowledge base (evaluation only: nothing here is bundled).
 *
 *   node -r ./test/register-text.cjs -r tsx/cjs scripts/eval-knowledge.ts [NER folder] [--list N]
 *
 * For each NER dev set of the folder (default /work/shared/data/ner: JSON Lines {text, entities: [{start, end,
 * type}]}, types PER/LOC/ORG, GPE/GEO), runs the recogniser with the bundled knowledge base and reports, per
 * knowledge source file (curated, countries, CC-CEDICT):
 *   - precision: confirmed mentions of person/country/place/organization that are exactly a gold span, or lie
 *     inside one (中国 in 中国外交部: a correct link, the gold span is the larger name) / all such mentions;
 *   - type agreement of the exact matches; and recall of the gold spans (exactly found).
 * Mentions of types the NER sets do not annotate (treaty, event, other) are left out. `--list N` prints N
 * mentions that match no gold span, per source, for review.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultKnowledgeSource, loadKnowledge } from '../src/core/entities/knowledge';
import { EntityRecognizer } from '../src/core/entities/recognizer';

interface Gold {
  start: number;
  end: number;
  type: string;
}

const COMPATIBLE: Record<string, string[]> = {
  person: ['PER'],
  country: ['LOC', 'GPE', 'GEO', 'ORG'],
  place: ['LOC', 'GEO', 'GPE'],
  organization: ['ORG', 'GPE'],
};

function main(): void {
  const args = process.argv.slice(2);
  const listAt = args.indexOf('--list');
  const list = listAt >= 0 ? Number(args[listAt + 1]) : 0;
  const dir = args.find((a, i) => !a.startsWith('--') && i !== listAt + 1) ?? '/work/shared/data/ner';
  const kb = loadKnowledge([defaultKnowledgeSource()]).value;
  const recognizer = new EntityRecognizer(kb);
  for (const set of fs.readdirSync(dir).sort()) {
    const file = path.join(dir, set, 'dev.jsonl');
    if (!fs.existsSync(file)) continue;
    const stats = new Map<string, { predicted: number; exact: number; inside: number; typeOk: number; wrong: string[] }>();
    let gold = 0;
    let found = 0;
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const rec = JSON.parse(line) as { text: string; entities: Gold[] };
      gold += rec.entities.length;
      for (const m of recognizer.find(rec.text)) {
        if (!m.confirmed || !COMPATIBLE[m.type]) continue;
        const source = (kb.get(m.entityId)?.source?.file ?? '?').replace('<bundled>/', '');
        const s = stats.get(source) ?? { predicted: 0, exact: 0, inside: 0, typeOk: 0, wrong: [] };
        stats.set(source, s);
        s.predicted++;
        const exact = rec.entities.find((g) => g.start === m.start && g.end === m.end);
        if (exact) {
          s.exact++;
          found++;
          if (COMPATIBLE[m.type]!.includes(exact.type)) s.typeOk++;
        } else if (rec.entities.some((g) => g.start <= m.start && m.end <= g.end)) s.inside++;
        else if (s.wrong.length < list) s.wrong.push(`${m.text} -> ${m.entityId}  «${rec.text.slice(Math.max(0, m.start - 12), m.end + 12).replace(/\s+/g, ' ')}»`);
      }
    }
    process.stdout.write(`\n## ${set} (${gold} gold spans; exactly found ${found}, recall ${((100 * found) / gold).toFixed(1)}%)\n`);
    for (const [source, s] of [...stats].sort()) {
      const precision = (100 * (s.exact + s.inside)) / s.predicted;
      process.stdout.write(
        `  ${source.padEnd(26)} mentions ${String(s.predicted).padStart(6)}  exact ${String(s.exact).padStart(6)}  inside a gold span ${String(s.inside).padStart(5)}  precision ${precision.toFixed(1)}%  type agreement ${((100 * s.typeOk) / Math.max(1, s.exact)).toFixed(1)}%\n`,
      );
      for (const w of s.wrong) process.stdout.write(`      ${w}\n`);
    }
  }
}

main();
