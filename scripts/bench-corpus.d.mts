/** The bench:extension corpus: the samples of `repo` cut into pieces, file i of `files` holding piece i % length; about `mb` MB in all when given. */
export function benchPieces(repo: string, files: number, mb?: number): { pieces: string[]; cut: number };
