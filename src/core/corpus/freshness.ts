/**
 * Which of several overlapping index updates of one document wins.
 *
 * The extension indexes a document from several places that run concurrently: a full index (a pool of reads and
 * worker jobs), the file watcher (create / change / delete), and an open editor's unsaved text. A read that started
 * earlier can finish later (a worker pool, a slow disk read, a full run's queue), and its result is then older than
 * what the index holds: adding it would lose the newer update until the next edit.
 *
 * Every update takes a ticket when it starts (`begin`, before it reads the file or takes the editor's text); its
 * result is applied only if no update that started later has already settled the document (`settle`). A deletion
 * settles too, so a read that started before the file was deleted does not bring it back. A full index lists the
 * files first and removes what the list lacks: with the ticket `run()` taken before listing, so that a document an
 * update added while the list was taken stays.
 */
export class IndexFreshness {
  private ticket = 0;
  /** The ticket of the update whose result the index holds for each document (or that removed it). */
  private readonly settledBy = new Map<string, number>();

  /** A ticket for an update that starts now (before it reads anything). */
  begin(): number {
    return ++this.ticket;
  }

  /**
   * The ticket of a full run that starts listing the files now: removing what its list lacks with `settle(path,
   * run)` keeps a document that an update which started later (a watcher event during the listing) settled.
   */
  run(): number {
    return this.ticket;
  }

  /**
   * Records that the update with `ticket` settles `path` (adds, replaces or removes it), and says whether it may:
   * false when an update that started later already settled it (then the caller drops its result).
   */
  settle(path: string, ticket: number): boolean {
    if ((this.settledBy.get(path) ?? 0) > ticket) return false;
    this.settledBy.set(path, ticket);
    return true;
  }

  /** A rename moves the document: updates of either path that started before it are dropped. */
  rename(from: string, to: string): void {
    this.settledBy.set(from, this.begin());
    this.settledBy.set(to, this.begin());
  }
}
