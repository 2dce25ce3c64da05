/** One line of the benchmark table: what every bench/*.bench.ts `run()` returns and scripts/bench.ts prints. */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  /** The target as printed ("< 250", ">= 20 MB/s"); `ok` says whether it was met. */
  target?: string;
  ok?: boolean;
}
