/** One problem found in a quiz file. */
export interface ValidationIssue {
  /** Where in the quiz, e.g. `questions[2].choices`; empty for the whole file (YAML syntax). */
  path: string;
  message: string;
  /** 1-based line in the file. */
  line: number;
}

/** Formats an issue as `<fileName>:<line>: <path>: <message>` (the path left out when empty). */
export function formatIssue(fileName: string, issue: ValidationIssue): string {
  const where = issue.path ? `${issue.path}: ` : '';
  return `${fileName}:${issue.line}: ${where}${issue.message}`;
}

/** Thrown by `parseQuizBank`: lists every problem of the file, one per line in `message`. */
export class QuizValidationError extends Error {
  override name = 'QuizValidationError';
  readonly fileName: string;
  readonly issues: ValidationIssue[];

  constructor(fileName: string, issues: ValidationIssue[]) {
    super(issues.map((issue) => formatIssue(fileName, issue)).join('\n'));
    this.fileName = fileName;
    this.issues = issues;
  }
}

/** Thrown by `grade` (and `submitTry`) for a response of the wrong shape: it names the question and the fault. */
export class ResponseError extends Error {
  override name = 'ResponseError';
  readonly questionId: string;

  constructor(questionId: string, problem: string) {
    super(`question "${questionId}": ${problem}`);
    this.questionId = questionId;
  }
}

/** One problem found in a GIFT text. */
export interface GiftIssue {
  /** 1-based line. */
  line: number;
  message: string;
}

/** Thrown by `parseGift`: lists every problem, each with its line and what was expected. */
export class GiftParseError extends Error {
  override name = 'GiftParseError';
  readonly issues: GiftIssue[];

  /** Lines read `<fileName>:<line>: <message>`, or `line <line>: <message>` without a file name. */
  constructor(issues: GiftIssue[], fileName?: string) {
    const where = (line: number): string => (fileName ? `${fileName}:${line}` : `line ${line}`);
    super(issues.map((issue) => `${where(issue.line)}: ${issue.message}`).join('\n'));
    this.issues = issues;
  }

  /** Line of the first problem. */
  get line(): number {
    return this.issues[0]?.line ?? 1;
  }
}

/** Thrown when a session cannot be advanced (tries used up, unknown question, wrong quiz) or read back. */
export class SessionError extends Error {
  override name = 'SessionError';
}
