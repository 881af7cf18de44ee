/**
 * The quiz engine's public entry: read quiz files and GIFT, grade responses, shuffle with
 * seeds, apply tries and penalties, sum results, save and restore sessions, write GIFT, QTI and
 * quiz files. Authored shapes (`QuizInput`, `QuestionInput`) become the canonical `Quiz` and
 * `Question` once, in `parseQuizBank`, `parseGift` or `normaliseQuiz`; everything else takes
 * canonical types. Pure TypeScript: no DOM, no Node APIs; time and randomness are passed in.
 * The format and its rules: `docs/quiz-format.md`.
 */

export type * from './types.ts';
export type * from './input-types.ts';
export { QUESTION_LEVELS } from './types.ts';

export { parseQuizBank } from './yaml/parse-quiz.ts';
export {
  QuizValidationError,
  ResponseError,
  GiftParseError,
  SessionError,
  formatIssue,
  type ValidationIssue,
  type GiftIssue,
} from './errors.ts';

export { grade } from './grade.ts';
export { numericBounds } from './numeric-bounds.ts';
export { normaliseQuestion, normaliseQuiz } from './normalise.ts';
export { CORRECT_THRESHOLD, isCorrect } from './fraction.ts';
export { normaliseText, matchesAnswer } from './text-match.ts';

export { shuffle, createRandom, randomBelow, type Random } from './shuffle.ts';
export { presentedOrder, questionSeed, startingOrder, type Presentation } from './presentation.ts';

export { tryCredit, bestCredit, remainingTries } from './attempts.ts';
export {
  createSession,
  submitTry,
  triesLeft,
  triesAt,
  SESSION_VERSION,
  type Session,
  type QuestionProgress,
  type TryRecord,
} from './session.ts';
export { serialise, deserialise, readSession } from './session-storage.ts';
export {
  quizResult,
  sectionResults,
  deckResult,
  type QuestionResult,
  type QuizResult,
  type SectionResult,
  type DeckResult,
  type Totals,
} from './results.ts';

export { parseGift, parseGiftWithReport, type DroppedGift, type GiftOptions, type GiftReport, type SkippedGift } from './gift/gift-parse.ts';
export type { HtmlToMarkdown } from './gift/gift-text.ts';
export { toGift, toGiftWithReport, type GiftExport, type GiftExportNote } from './gift/gift-write.ts';
export { letterId, distractorId, slugify } from './ids.ts';
export { answerText, correctResponse, quoted, type TruthWords } from './answer-text.ts';
export { toQuizYaml } from './yaml/write-quiz.ts';
export { toQti, type QtiPackage, type QtiNote, type QtiOptions } from './qti/to-qti.ts';
export { lintQuizzes, LINT_RULES, LINT_SUGGESTIONS, isSuggestion, contentWords, keyedText, type LintFinding, type LintRule, type LintPlace, type LintObjective, type LintInput } from './lint.ts';
export { RE_BLANK, RE_ID, ID_RULE, blankNames, replaceBlanks, splitBlanks, writeBlank } from './blanks.ts';
export { WILDCARD, wildcardPieces, hasWildcard, fillWildcards, type WildcardPiece } from './wildcard.ts';
export { PROGRESS_VERSION, SavedDataError, checkResultsFile, emptyProgress, misfit, readProgress, readResults, reconcileProgress, type CheckedResults, type PlaceOf, type Reconciled, type SavedDataProblem, type SavedProgress, type SetAside } from './saved.ts';
export { csvCell, csvText, readCsvText, parseCsv, readCsv, toCsv, type CsvRow, type CsvValue } from './csv.ts';
export { NAME_MAX, cleanName, dateOf, localIsoTime, nameSlug, resultsFileName } from './learner-name.ts';
export { RESULTS_CSV_COLUMNS, RESULTS_CSV_COLUMNS_V1, readResultsCsv, writeResultsCsv, type ReadResultsFile, type ResultsCsvColumn, type ResultsExport } from './results-csv.ts';
export { loadResultsFile, readResultsText, splitResultsText, type LearnerResults } from './results-file.ts';
export { CLASS_TABLE_FIXED, POINTS_POSSIBLE, classTable, learnerLabel, questionScores, sameLearners, type QuestionScore, type SameLearner } from './class-results.ts';
export { editDistance } from './edit-distance.ts';
export { EASY_ABOVE, HARD_BELOW, ITEM_FLAGS, discriminationIndex, facilityIndex, itemStatistics, type ItemFlag, type ItemFlagCode, type ItemFlagMeaning, type ItemStatistics, type OptionStats, type QuestionStats, type QuizStats } from './item-stats.ts';
export { FIGURES_LEGEND, ITEM_STATS_CSV_COLUMNS, figure, itemStatisticsCsv, itemStatisticsText } from './item-stats-text.ts';
