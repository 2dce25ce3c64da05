/**
 * The bundled tagger models (data/ner-zh.b64, data/ner-en.b64; see data/NER-MODELS.md), decoded once per process
 * on first use and shared by every recogniser.
 */
import enModel from '../../../data/ner-en.b64';
import zhModel from '../../../data/ner-zh.b64';
import { EnTagger, ZhTagger } from './tagger';
import { decodeModel } from './tagger-format';

export type { TaggedSpan } from './tagger';

export interface Taggers {
  zh?: ZhTagger;
  en?: EnTagger;
}

let bundled: Taggers | undefined;

/** Whether the bundled models are decoded already (`bundledTaggers` then costs nothing). */
export function bundledTaggersDecoded(): boolean {
  return bundled !== undefined;
}

export function bundledTaggers(): Taggers {
  bundled ??= { zh: new ZhTagger(decodeModel(zhModel)), en: new EnTagger(decodeModel(enModel)) };
  return bundled;
}
