/**
 * The quiz model: what `parseQuizBank` and `parseGift` return, with every default filled in.
 * Authored YAML may leave ids, points and scoring out; these canonical types never do.
 */

/** The question types of QUIZ-FORMAT.md; `Question` is a discriminated union on it. */
export type QuestionType =
  | 'single'
  | 'multiple'
  | 'truefalse'
  | 'numeric'
  | 'text'
  | 'order'
  | 'match'
  | 'cloze';

/** How a `multiple` or `order` question turns a partly right answer into a fraction. */
export type Scoring = 'partial' | 'all-or-nothing';

/** What a question asks of the learner, lowest first: a revised Bloom's taxonomy cut to four levels. */
export const QUESTION_LEVELS = ['recall', 'understand', 'apply', 'analyse'] as const;
export type QuestionLevel = (typeof QUESTION_LEVELS)[number];

/** Fields every question has, whatever its type. Texts are Markdown with `$math$`. */
export interface QuestionBase {
  /** Unique within its quiz; sessions and results are keyed by it. */
  id: string;
  /** Points for a fully correct answer (default 1). */
  points: number;
  /** The question text. A cloze question may leave it empty and put everything in `text`. */
  prompt: string;
  /** Shown after the answer, whatever it was (GIFT's general feedback). */
  explanation?: string;
  /** Shown on request before answering. */
  hint?: string;
  /** `<section id>/<slide id>` of the slide that teaches it. */
  slide?: string;
  /** Evidence quoted verbatim from the source text. */
  source?: string;
  /** `<section id>/<objective id>` of the learning objective it assesses. */
  objective?: string;
  /** What it asks of the learner. */
  level?: QuestionLevel;
  /** A display title (GIFT's `::title::`). */
  title?: string;
  /** A question-bank category (GIFT's `$CATEGORY:`). */
  category?: string;
}

/** One answer option of a `single` or `multiple` question. */
export interface Choice {
  /** `a`, `b`, `c`, … by default, in the order written. */
  id: string;
  text: string;
  /** Whether choosing it is right: for weighted questions, derived from `fraction`. */
  correct: boolean;
  /** Authored weight in [−1, 1]. When any choice of a question has one, the question is weighted. */
  fraction?: number;
  /** Shown when the learner chose it. */
  feedback?: string;
}

export interface SingleQuestion extends QuestionBase {
  type: 'single';
  choices: Choice[];
}

export interface MultipleQuestion extends QuestionBase {
  type: 'multiple';
  choices: Choice[];
  /** Ignored when the choices are weighted (`fraction:`), which is Moodle's rule. */
  scoring: Scoring;
}

export interface TrueFalseQuestion extends QuestionBase {
  type: 'truefalse';
  answer: boolean;
  /** Shown when the learner answered true. */
  feedbackTrue?: string;
  /** Shown when the learner answered false. */
  feedbackFalse?: string;
}

/** `answer ± tolerance`, bounds included. */
export interface NumericPointAnswer {
  answer: number;
  /** Absolute, ≥ 0. */
  tolerance: number;
  /** Credit in [0, 1] (default 1). */
  fraction: number;
  feedback?: string;
}

/** `min ≤ value ≤ max`. */
export interface NumericRangeAnswer {
  range: [min: number, max: number];
  /** Credit in [0, 1] (default 1). */
  fraction: number;
  feedback?: string;
}

export type NumericAnswer = NumericPointAnswer | NumericRangeAnswer;

export interface NumericQuestion extends QuestionBase {
  type: 'numeric';
  /** Tried in order; the first that matches counts. `answer:`/`range:` become a list of one. */
  answers: NumericAnswer[];
  /** Shown when no answer matches (GIFT's `~#feedback`). */
  otherFeedback?: string;
}

/** An accepted text: `*` matches any run of characters, `\*` is a literal star. */
export interface TextAnswer {
  text: string;
  /** Credit in [0, 1] (default 1). */
  fraction: number;
  feedback?: string;
  /**
   * The language of an answer taken from a translation of the quiz (set by the deck, never
   * written in a quiz file): accepted, so progress carries across languages, but not shown.
   */
  lang?: string;
}

export interface TextQuestion extends QuestionBase {
  type: 'text';
  /** Tried in order; the first that matches counts. */
  answers: TextAnswer[];
  caseSensitive: boolean;
}

export interface OrderItem {
  id: string;
  text: string;
}

export interface OrderQuestion extends QuestionBase {
  type: 'order';
  /** In the correct order. */
  items: OrderItem[];
  scoring: Scoring;
}

export interface MatchPair {
  id: string;
  left: string;
  right: string;
}

/** A right-hand option that matches no left side; ids `x1`, `x2`, … by default. */
export interface MatchDistractor {
  id: string;
  text: string;
}

export interface MatchQuestion extends QuestionBase {
  type: 'match';
  pairs: MatchPair[];
  distractors: MatchDistractor[];
}

export interface ClozeChoice {
  id: string;
  text: string;
  /** Credit when chosen though it is not the answer (from GIFT weights); default 0. */
  fraction?: number;
  feedback?: string;
}

/** A blank filled in with text, graded like a `text` question. */
export interface ClozeTextBlank {
  id: string;
  kind: 'text';
  answers: TextAnswer[];
  caseSensitive: boolean;
}

/** A blank filled in from a list. */
export interface ClozeChoiceBlank {
  id: string;
  kind: 'choice';
  choices: ClozeChoice[];
  /** Id of the right choice. */
  answer: string;
}

export type ClozeBlank = ClozeTextBlank | ClozeChoiceBlank;

export interface ClozeQuestion extends QuestionBase {
  type: 'cloze';
  /** Markdown with `{{name}}` where each blank goes. */
  text: string;
  /** In order of appearance in `text`; a blank's id is its name. */
  blanks: ClozeBlank[];
}

/** A question of any type. */
export type Question =
  | SingleQuestion
  | MultipleQuestion
  | TrueFalseQuestion
  | NumericQuestion
  | TextQuestion
  | OrderQuestion
  | MatchQuestion
  | ClozeQuestion;

/** A quiz file of `quizzes/`, with defaults filled in. */
export interface Quiz {
  /** Unique across `quizzes/`. */
  id: string;
  title: string;
  /** Id of the deck section this quiz follows. */
  after?: string;
  /** Share of points needed to pass, in [0, 1] (default 0.7). */
  pass: number;
  /** Present choices in a seeded random order (default true). */
  shuffle: boolean;
  /** Tries per question, 0 = unlimited (default 0). */
  attempts: number;
  /**
   * The questions are the teacher's own (an imported bank), not drawn from the source text: they
   * need no `slide:`, `source:` or `explanation:` to build; `kit lint` lists what would improve them.
   */
  own?: boolean;
  /** Share of a question's points lost per extra try, in [0, 1] (default 0). */
  penalty: number;
  questions: Question[];
}

/** Responses use ids, never display positions. */
export interface SingleResponse {
  choice: string;
}
export interface MultipleResponse {
  choices: string[];
}
export interface TrueFalseResponse {
  value: boolean;
}
export interface NumericResponse {
  value: number;
}
export interface TextResponse {
  text: string;
}
export interface OrderResponse {
  order: string[];
}
/** Left pair id → id of the pair (or distractor) whose right side was chosen. Unanswered lefts may be left out. */
export interface MatchResponse {
  matches: Record<string, string>;
}
/** Blank id → typed text, or the choice id for a choice blank. Unanswered blanks may be left out. */
export interface ClozeResponse {
  blanks: Record<string, string>;
}

/** The response shape of each question type. */
export interface ResponseByType {
  single: SingleResponse;
  multiple: MultipleResponse;
  truefalse: TrueFalseResponse;
  numeric: NumericResponse;
  text: TextResponse;
  order: OrderResponse;
  match: MatchResponse;
  cloze: ClozeResponse;
}

/** The response a given question takes, e.g. `ResponseFor<SingleQuestion>` is `SingleResponse`. */
export type ResponseFor<Q extends Question> = ResponseByType[Q['type']];

/** A response to a question of any type. */
export type Response = ResponseByType[QuestionType];

/** What `grade` returns. */
export interface GradeResult {
  /** In [0, 1]. */
  fraction: number;
  /** `fraction × points`. */
  score: number;
  /** The question's points. */
  maxScore: number;
  /** `fraction ≥ 0.999999`, Moodle's threshold. */
  correct: boolean;
  /** Texts to show: chosen choices' feedback in choice order, then per-part feedback. */
  feedback: string[];
  /** Credit per part, for review: per blank of a cloze, per pair of a match (keyed by id). */
  parts?: Record<string, number>;
}
