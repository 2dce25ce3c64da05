/**
 * Undo / redo of annotation changes (see sync.ts): each entry is the list of operations that reverts a change of
 * one document. Undoing applies them and records their inverses for redo, and the other way round.
 */
import type { AnnotationOp } from './state';

/** An undoable annotation change: applying `ops` (in order) to `docPath` reverts it. */
export interface HistoryEntry {
  docPath: string;
  ops: AnnotationOp[];
  label: string;
}

export class UndoHistory {
  private readonly undoStack: HistoryEntry[] = [];
  private readonly redoStack: HistoryEntry[] = [];

  /** `limit`: the number of changes kept for undo (the oldest are dropped). */
  constructor(private readonly limit = 200) {}

  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  /** A new change: undoable, and nothing is left to redo. */
  record(entry: HistoryEntry): void {
    this.undoStack.push(entry);
    if (this.undoStack.length > this.limit) this.undoStack.shift();
    this.redoStack.length = 0;
  }

  /**
   * Undo (or redo) the last change: `apply` carries out its operations and calls `applied` with the entry that
   * reverts them, which goes on the other stack at once. When `apply` throws before that, the change was not
   * applied and stays where it was (to undo once the cause is fixed). Returns the entry applied, undefined when
   * there is none.
   */
  async step(direction: 'undo' | 'redo', apply: (entry: HistoryEntry, applied: (inverse: HistoryEntry) => void) => Promise<void>): Promise<HistoryEntry | undefined> {
    const [from, to] = direction === 'undo' ? [this.undoStack, this.redoStack] : [this.redoStack, this.undoStack];
    const entry = from.pop();
    if (!entry) return undefined;
    let done = false;
    try {
      await apply(entry, (inverse) => {
        done = true;
        to.push(inverse);
      });
    } catch (error) {
      if (!done) from.push(entry);
      throw error;
    }
    return entry;
  }
}
