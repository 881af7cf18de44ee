/**
 * The authored shapes of the quiz model: what a quiz file says, and what code that builds
 * questions may write. Ids, points, scoring and the other defaults may be left out, and
 * shorthands are allowed (a choice written as its text alone, `answer:`/`tolerance:` for a
 * numeric question's one answer). `normaliseQuiz` and `normaliseQuestion` turn them into the
 * canonical `Quiz` and `Question` once, at the boundary; grading, sessions and results take
 * canonical types only.
 *
 * Every canonical value is also a valid input, and normalising it changes nothing.
 */
import type { ClozeBlank, QuestionLevel, Scoring } from './types.ts';

/** Fields every authored question has, whatever its type. */
export interface QuestionBaseInput {
  id: string;
  /** Default 1. */
  points?: number;
  /** Required, except for a cloze, which may say everything in `text` (default ''). */
  prompt?: string;
  explanation?: string;
  hint?: string;
  slide?: string;
  source?: string;
  objective?: string;
  level?: QuestionLevel;
  title?: string;
  category?: string;
}

/** A choice of a `single` or `multiple` question: its text alone, or with its id (default a, b, c…) and rules. */
export type ChoiceInput =
  | string
  | {
      id?: string;
      text: string;
      correct?: boolean;
      /** Any choice with a fraction makes the question weighted; the others then count 0. */
      fraction?: number;
      feedback?: string;
    };

export interface SingleQuestionInput extends QuestionBaseInput {
  type: 'single';
  choices: ChoiceInput[];
}

export interface MultipleQuestionInput extends QuestionBaseInput {
  type: 'multiple';
  choices: ChoiceInput[];
  /** Default `partial`. */
  scoring?: Scoring;
}

export interface TrueFalseQuestionInput extends QuestionBaseInput {
  type: 'truefalse';
  answer: boolean;
  feedbackTrue?: string;
  feedbackFalse?: string;
}

/** Where a numeric answer accepts values: `answer ± tolerance` (tolerance default 0), or a range. */
export type NumericTargetInput = { answer: number; tolerance?: number } | { range: [min: number, max: number] };

/** One answer of a numeric question's `answers:` list (fraction default 1). */
export type NumericAnswerInput = NumericTargetInput & { fraction?: number; feedback?: string };

/** A numeric question with one answer written on the question itself, or a list of `answers`. */
export type NumericQuestionInput = QuestionBaseInput & {
  type: 'numeric';
  otherFeedback?: string;
} & (NumericTargetInput | { answers: NumericAnswerInput[] });

/** An accepted text alone (worth full marks), or with its fraction (default 1) and feedback. */
export type TextAnswerInput = string | { text: string; fraction?: number; feedback?: string };

export interface TextQuestionInput extends QuestionBaseInput {
  type: 'text';
  answers: TextAnswerInput[];
  /** Default false. */
  caseSensitive?: boolean;
}

/** An order item or a match distractor: its text alone, or with its id. */
export type ItemInput = string | { id?: string; text: string };

export interface OrderQuestionInput extends QuestionBaseInput {
  type: 'order';
  /** In the correct order; ids default to a, b, c… */
  items: ItemInput[];
  /** Default `partial`. */
  scoring?: Scoring;
}

export interface MatchPairInput {
  /** Default a, b, c… */
  id?: string;
  left: string;
  right: string;
}

export interface MatchQuestionInput extends QuestionBaseInput {
  type: 'match';
  pairs: MatchPairInput[];
  /** Ids default to x1, x2, … */
  distractors?: ItemInput[];
}

/** A choice of a cloze's choice blank. */
export type ClozeChoiceInput = string | { id?: string; text: string; fraction?: number; feedback?: string };

/** A blank filled in with text (answers as for a `text` question) or chosen from a list (`answer` a choice id). */
export type ClozeBlankInput =
  | { answers: TextAnswerInput[]; caseSensitive?: boolean }
  | { choices: ClozeChoiceInput[]; answer: string };

export interface ClozeQuestionInput extends QuestionBaseInput {
  type: 'cloze';
  /** With `{{name}}` where each blank goes. */
  text: string;
  /** Keyed by blank name as authored; the canonical list (in text order) is accepted as it is. */
  blanks: Record<string, ClozeBlankInput> | ClozeBlank[];
}

/** An authored question of any type. */
export type QuestionInput =
  | SingleQuestionInput
  | MultipleQuestionInput
  | TrueFalseQuestionInput
  | NumericQuestionInput
  | TextQuestionInput
  | OrderQuestionInput
  | MatchQuestionInput
  | ClozeQuestionInput;

/** An authored quiz: pass 0.7, shuffle true, attempts 0 and penalty 0 unless given. */
export interface QuizInput {
  id: string;
  title: string;
  after?: string;
  pass?: number;
  shuffle?: boolean;
  attempts?: number;
  penalty?: number;
  own?: boolean;
  questions: QuestionInput[];
}
