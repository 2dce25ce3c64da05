import type { Feature } from '../services/index';
import { annotateFeature } from './annotate';
import { codesFeature } from './codes';
import { correctFeature } from './correct';
import { highlightFeature } from './highlight';
import { hoverFeature } from './hover';
import { knowledgeFeature } from './knowledge';
import { navigateFeature } from './navigate';
import { outlineFeature } from './outline';
import { protectFeature } from './protect';
import { reviewFeature } from './review';
import { statusFeature } from './status';
import { teamFeature } from './team';
import { viewsFeature } from './views';
import { visualizeFeature } from './visualize';

/** Every feature of the extension, in activation order. */
export const features: Feature[] = [
  highlightFeature,
  hoverFeature,
  outlineFeature,
  viewsFeature,
  navigateFeature,
  knowledgeFeature,
  correctFeature,
  annotateFeature,
  codesFeature,
  teamFeature,
  reviewFeature,
  statusFeature,
  protectFeature,
  visualizeFeature,
];
