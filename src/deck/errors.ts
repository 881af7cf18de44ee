/** A problem in an input file, with the place an author has to look. */
export interface SourceIssue {
  /** Path relative to the project root, e.g. `slides/02-traditional.md`. */
  file: string;
  /** 1-based line number in that file. */
  line: number;
  message: string;
}

/** Formats one issue the way editors and terminals link it: `file:line: message`. */
export function formatIssue(issue: SourceIssue): string {
  return `${issue.file}:${issue.line}: ${issue.message}`;
}

/** Thrown when the deck cannot be built; carries every issue found, not only the first. */
export class DeckBuildError extends Error {
  readonly issues: SourceIssue[];

  constructor(issues: SourceIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'DeckBuildError';
    this.issues = issues;
  }
}
