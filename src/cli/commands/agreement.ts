/**
 * `corpus-lens agreement [paths...] --by code|stance [--coders A,B] [--categories X,Y] [--resamples N] [--seed N] [--json]`:
 * inter-coder agreement of the analysts (annotation authors) over the sidecars under the paths (default: the
 * current folder): percent agreement, Cohen's kappa (two analysts), Fleiss' kappa, Krippendorff's alpha and
 * unitized alpha (alpha-u), overall and per code or stance, with 95% bootstrap intervals.
 * Exit code 1 when a sidecar could not be read (the others are still counted), 2 on a usage error.
 */
import { AnnotationStore } from '../../core/annotations';
import { agreementReport, codedAnnotations, formatReport, type CodedAnnotation } from '../../core/agreement';
import { filesOf } from '../io';
import { parseArgs, UsageError } from '../args';
import { checkSidecar, displayPath, findSidecars, formatProblem, type CliIo } from './validate';

const USAGE = `usage: corpus-lens agreement [paths...] --by code|stance [--coders A,B] [--categories X,Y] [--resamples N] [--seed N] [--json]
  --by          code: the annotations' codes (tags); stance: their polarity (default)
  --coders      the analysts to compare (default: every author except "curation")
  --categories  the codes or polarities to report (default: all)
  --resamples   bootstrap resamples for the 95% intervals (default 1000; 0: none)
  --seed        seed of the bootstrap (default 1: reproducible)
  --json        one JSON object (percentAgreement, cohenKappa, fleissKappa, krippendorffAlpha, alphaU, overall and per category)`;

const list = (v: string | undefined): string[] | undefined => v?.split(',').map((s) => s.trim()).filter(Boolean);

export async function run(args: string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(USAGE + '\n');
    return 0;
  }
  let parsed;
  try {
    parsed = parseArgs(args, { values: ['by', 'coders', 'categories', 'resamples', 'seed'], booleans: ['json'] });
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${error.message}\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
  const one = (name: string): string | undefined => parsed.flags.get(name)?.at(-1);
  const by = one('by') ?? 'stance';
  if (by !== 'code' && by !== 'stance') {
    io.stderr(`--by must be code or stance, not "${by}"\n`);
    return 2;
  }
  const int = (name: string, fallback: number): number | undefined => {
    const v = one(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) {
      io.stderr(`--${name} must be a non-negative integer, not "${v}"\n`);
      return undefined;
    }
    return n;
  };
  const resamples = int('resamples', 1000);
  const seed = int('seed', 1);
  if (resamples === undefined || seed === undefined) return 2;

  const files = filesOf(io);
  const found = await findSidecars(files, parsed.positionals, io.cwd);
  let errors = found.problems.length;
  for (const p of found.problems) io.stderr(`error: ${p}\n`);
  const annotations: CodedAnnotation[] = [];
  const documents: Array<{ path: string; length: number }> = [];
  const store = new AnnotationStore(files);
  for (const file of found.files) {
    const checked = await checkSidecar(files, file, io.cwd);
    for (const p of checked.parsed.problems) if (p.severity === 'error') io.stderr(formatProblem(p) + '\n');
    if (!checked.parsed.value || checked.docText === undefined || !checked.docPath) {
      errors++;
      io.stderr(`${checked.display}: skipped (${checked.parsed.value ? 'document not found' : 'the file has errors'})\n`);
      continue;
    }
    const state = await store.load(checked.docPath, checked.docText, { sidecarPath: file });
    const document = displayPath(checked.docPath, io.cwd);
    documents.push({ path: document, length: checked.docText.length });
    annotations.push(...codedAnnotations(document, state.annotations));
  }
  const coders = list(one('coders'));
  const categories = list(one('categories'));
  const report = agreementReport(annotations, documents, {
    by,
    resamples,
    seed,
    ...(coders ? { coders } : {}),
    ...(categories ? { categories } : {}),
  });
  io.stdout(parsed.booleans.has('json') ? JSON.stringify(report) + '\n' : formatReport(report));
  return errors ? 1 : 0;
}
