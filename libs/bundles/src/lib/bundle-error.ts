/** A problem with an uploaded bundle, attributed to a file (and a line, for code). */
export interface BundleProblem {
  file: string;
  line?: number;
  message: string;
}

/** A bundle that cannot be accepted; `problems` name each file at fault. */
export class BundleRejected extends Error {
  constructor(readonly problems: BundleProblem[]) {
    super(problems.map((p) => `${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`).join('; '));
    this.name = 'BundleRejected';
  }
}

export function rejectBundle(file: string, message: string): never {
  throw new BundleRejected([{ file, message }]);
}
