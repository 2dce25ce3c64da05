import * as path from 'node:path';
import { CorpusIndex } from '../../core/corpus/index';
import { withoutBoilerplate } from '../../core/analysis';
import { parseArgs, UsageError } from '../args';
import { filesOf, type CliIO } from '../io';
import { collectFiles, loadCore, maxSizeBytes, readCorpusFile } from '../setup';
import { count } from '../../core/text/plural';

const USAGE = 'Usage: corpus-lens index [paths...] [--json] [--ext .txt] [--knowledge F] [--topics F] [--top N] [--max-size-mb N]';

/**
 * `corpus-lens index`: index a corpus (files or folders; default: the current folder) and print its documents,
 * records (title, date, source), topics and most-mentioned entities. --json prints one object for scripts.
 */
export async function run(argv: string[], io: CliIO): Promise<number> {
  let args;
  try {
    args = parseArgs(argv, { values: ['knowledge', 'topics', 'ext', 'top', 'max-size-mb'], booleans: ['json'] });
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`corpus-lens index: ${error.message}\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  const exts = args.flags.get('ext') ?? ['.txt'];
  const top = Number(args.flags.get('top')?.[0] ?? 20);
  if (!Number.isInteger(top) || top < 0) {
    io.stderr(`corpus-lens index: --top takes a whole number\n${USAGE}`);
    return 2;
  }
  const maxBytes = maxSizeBytes(args.flags.get('max-size-mb'));
  if (typeof maxBytes === 'string') {
    io.stderr(`corpus-lens index: ${maxBytes}\n${USAGE}`);
    return 2;
  }
  let files: string[];
  try {
    files = await collectFiles(filesOf(io), args.positionals, io.cwd, (f) => exts.some((e) => f.endsWith(e)) && !f.endsWith('.annotations.yaml'));
  } catch (error) {
    io.stderr(`corpus-lens index: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const core = await loadCore(io, args.flags.get('knowledge'), args.flags.get('topics'));
  const index = new CorpusIndex({ analyse: (_p, text) => withoutBoilerplate(core.analyzer.analyse(text)), topics: core.topics });
  const started = Date.now();
  let bytes = 0;
  let skipped = 0;
  // One file at a time, read as the index takes it: memory holds the index and one text, never the corpus.
  async function* read(): AsyncGenerator<{ path: string; text: string }> {
    for (const file of files) {
      const shown = path.relative(io.cwd, file) || file;
      let got;
      try {
        got = await readCorpusFile(filesOf(io), file, maxBytes as number);
      } catch (error) {
        got = { error: error instanceof Error ? error.message : String(error) };
      }
      if ('error' in got) {
        io.stderr(`corpus-lens index: ${shown}: ${got.error}`);
        skipped++;
        continue;
      }
      bytes += got.bytes;
      yield { path: shown, text: got.text };
    }
  }
  const result = await index.indexAll(read(), { total: files.length });
  for (const f of result.failed) io.stderr(`corpus-lens index: ${f.path}: ${f.error}`);
  const ms = Date.now() - started;
  const entities = [...index.entityCounts()].sort((a, b) => b[1].count - a[1].count).slice(0, top);
  const topics = [...index.topicCounts()].sort((a, b) => b[1] - a[1]);
  if (args.booleans.has('json')) {
    io.stdout(
      JSON.stringify({
        documents: index.documents().map((d) => ({
          path: d.path,
          shape: d.shape,
          entityCount: d.entityCount,
          dateCount: d.dateCount,
          records: d.records.map((r) => ({
            id: r.id,
            label: r.label,
            start: r.span.start,
            end: r.span.end,
            title: r.title,
            date: r.dateText,
            source: r.source,
            authors: r.authors,
            citation: r.citation && { journal: r.citation.journal, year: r.citation.year, issue: r.citation.issue, pages: r.citation.pages },
            keywords: r.keywords,
            sections: r.sections?.map((s) => s.holder),
            topics: index.topicsOfRecord(d.path, r.id).map((t) => t.topicId),
            entityCount: r.entityCount,
            dateCount: r.dateCount,
          })),
        })),
        topics: Object.fromEntries(topics),
        entities: entities.map(([id, c]) => ({ entity: id, name: core.kb.get(id)?.name ?? id, count: c.count, documents: c.documents })),
      }),
    );
    return result.failed.length ? 1 : 0;
  }
  const lines: string[] = [];
  for (const d of index.documents()) {
    lines.push(`${d.path}  [${d.shape}] ${count(d.records.length, 'record')}, ${count(d.entityCount, 'entity mention')}, ${count(d.dateCount, 'date')}`);
    for (const r of d.records) {
      const meta = [r.dateText, r.source, r.authors?.join(', ')].filter(Boolean).join(' · ');
      const topicIds = index.topicsOfRecord(d.path, r.id).map((t) => t.topicId);
      lines.push(`  ${r.id}  ${r.label}${meta ? `  — ${meta}` : ''}${topicIds.length ? `  {${topicIds.join(', ')}}` : ''}`);
    }
  }
  lines.push('', 'Topics:', ...topics.map(([id, n]) => `  ${id}: ${count(n, 'record')}`));
  lines.push('', `Top ${entities.length} entities:`, ...entities.map(([id, c]) => `  ${core.kb.get(id)?.name ?? id}  ${count(c.count, 'mention')} in ${count(c.documents, 'document')}`));
  lines.push('', `${count(files.length - skipped, 'file')} (${(bytes / 1048576).toFixed(2)} MB) indexed in ${ms} ms${skipped ? `, ${count(skipped, 'file')} skipped` : ''}`);
  io.stdout(lines.join('\n'));
  return result.failed.length ? 1 : 0;
}
