/**
 * The typed command ids of Corpus Lens (registered through commands.ts). Plain data, no vscode import, so the unit
 * tests check it against package.json's contributes.commands.
 */

/** Every command id, with the name used in error messages. `internal`: registered but not in package.json. */
export const COMMANDS = {
  'corpusLens.addClaim': { name: 'Add Claim' },
  'corpusLens.editAnnotation': { name: 'Edit Annotation' },
  'corpusLens.deleteAnnotation': { name: 'Delete Annotation' },
  'corpusLens.reattachAnnotation': { name: 'Re-attach Annotation' },
  'corpusLens.acceptReanchored': { name: 'Accept Re-anchored Passage' },
  'corpusLens.keepAnnotationVersion': { name: 'Keep This Version' },
  'corpusLens.keepBothSides': { name: 'Keep Both Sides' },
  'corpusLens.setUpGitMerge': { name: 'Set Up Git Merge for Annotations' },
  'corpusLens.undoAnnotationChange': { name: 'Undo Annotation Change' },
  'corpusLens.redoAnnotationChange': { name: 'Redo Annotation Change' },
  'corpusLens.goToEntity': { name: 'Go to Entity' },
  'corpusLens.goToDocument': { name: 'Go to Document or Record' },
  'corpusLens.goToTopic': { name: 'Go to Topic' },
  'corpusLens.goToAnnotation': { name: 'Go to Annotation' },
  'corpusLens.goToDate': { name: 'Go to Date' },
  'corpusLens.nextMention': { name: 'Next Mention' },
  'corpusLens.previousMention': { name: 'Previous Mention' },
  'corpusLens.nextAnnotation': { name: 'Next Annotation' },
  'corpusLens.previousAnnotation': { name: 'Previous Annotation' },
  'corpusLens.toggleHighlights': { name: 'Toggle Highlights' },
  'corpusLens.toggleHighlightType': { name: 'Toggle Highlights by Type' },
  'corpusLens.reindex': { name: 'Re-index Corpus' },
  'corpusLens.addToKnowledgeBase': { name: 'Add to Knowledge Base' },
  'corpusLens.correctMention': { name: 'Correct This Recognition' },
  'corpusLens.openKnowledgeFile': { name: 'Open Workspace Knowledge File' },
  'corpusLens.openTopicsFile': { name: 'Open Workspace Topics File' },
  'corpusLens.setReferenceDate': { name: 'Set Reference Date' },
  'corpusLens.exportAnnotations': { name: 'Export Annotations' },
  'corpusLens.useForTxtFiles': { name: 'Treat .txt Files as Corpus Text' },
  'corpusLens.annotations.groupBy': { name: 'Group Annotations' },
  'corpusLens.annotations.filter': { name: 'Filter Annotations' },
  'corpusLens.annotations.clearFilter': { name: 'Clear Annotation Filter' },
  'corpusLens.annotations.reveal': { name: 'Reveal Annotation', internal: true },
  'corpusLens.annotations.revealInTree': { name: 'Reveal Annotation in Tree', internal: true },
  'corpusLens.revealMention': { name: 'Reveal Mention' },
  'corpusLens.makeDocumentEditable': { name: 'Make This Document Editable' },
  'corpusLens.makeDocumentReadOnly': { name: 'Make This Document Read-Only' },
  'corpusLens.showAnalysts': { name: 'Show Annotations Of' },
  'corpusLens.toggleColorByAnalyst': { name: 'Colour Annotations by Analyst' },
  'corpusLens.agreementReport': { name: 'Agreement Report' },
  'corpusLens.compareAnalysts': { name: 'Compare Analysts' },
  'corpusLens.adjudicatePassage': { name: 'Adjudicate Passage' },
} as const satisfies Record<string, { name: string; internal?: true }>;

export type CommandId = keyof typeof COMMANDS;

