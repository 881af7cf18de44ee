import { parseQuizBank, type Question, type Quiz } from '../../../src/quiz/index.ts';

/** A quiz with one question of every type, on the press conference of March 1, 2023. */
export const SAMPLE_YAML = `id: traditional-review
title: "Review: transforming traditional industries"
after: traditional
pass: 0.7
penalty: 0.1
questions:
  - id: traditional-share
    type: single
    prompt: "Traditional industries make up what share of manufacturing?"
    choices:
      - text: "About a quarter"
        feedback: "No: far more."
      - text: "More than 80%"
        correct: true
        feedback: "Yes: 'accounting for more than 80% of the manufacturing industry'."
      - text: "About half"
    explanation: "Traditional industries are the foundation of the modern industrial system."
    slide: traditional/weight
    source: "accounting for more than 80% of the manufacturing industry"
  - id: advantages
    type: multiple
    prompt: "Which sectors have 'formed distinctive advantages'?"
    choices:
      - { text: "High-speed rail", correct: true }
      - { text: "Ships", correct: true }
      - { text: "Metaverse" }
      - { text: "Construction machinery", correct: true }
      - { text: "Quantum technology" }
  - id: stable-share
    type: truefalse
    prompt: "The plan keeps the proportion of manufacturing basically stable."
    answer: true
    feedbackFalse: "It does: 'keep the proportion of manufacturing industry basically stable'."
  - id: world-share
    type: numeric
    prompt: "PCs, phones, appliances and solar panels: more than what share of world output (%)?"
    answer: 50
    tolerance: 0
  - id: carbon
    type: text
    prompt: "The implementation plan for carbon ____ in the industrial field."
    answers: ["peaking", { text: "peak*", fraction: 0.5, feedback: "Nearly: the word is peaking." }]
  - id: focus-order
    type: order
    prompt: "Put the four focus areas in the order the minister gives them."
    items:
      - { id: traditional, text: "Transform and upgrade traditional industries" }
      - { id: advantageous, text: "Consolidate and extend advantageous industries" }
      - { id: emerging, text: "Cultivate and expand emerging industries" }
      - { id: future, text: "Look ahead and lay out future industries" }
  - id: fields
    type: match
    prompt: "Match each kind of industry with a field the minister names for it."
    pairs:
      - { left: "Emerging", right: "5G" }
      - { left: "Future", right: "Humanoid robots" }
      - { left: "Advantageous", right: "High-speed rail" }
    distractors: ["Coal mining"]
  - id: boards
    type: cloze
    prompt: "Complete the phrase."
    text: "Forging {{long}} boards, making up for {{weak}} boards."
    blanks:
      long: { answers: ["long"] }
      weak: { choices: ["strong", "weak", "short"], answer: b }
`;

export const sampleQuiz: Quiz = parseQuizBank(SAMPLE_YAML, 'quizzes/traditional-review.yaml');

/** The sample question with this id, narrowed to its type. */
export function sampleQuestion<T extends Question['type']>(id: string, type: T): Extract<Question, { type: T }> {
  const question = sampleQuiz.questions.find((q) => q.id === id);
  if (!question || question.type !== type) throw new Error(`no ${type} question ${id}`);
  return question as Extract<Question, { type: T }>;
}

/** Parses a quiz with the given questions YAML (indented as list items under `questions:`). */
export function quizWith(questionsYaml: string, header = ''): Quiz {
  return parseQuizBank(`id: t\ntitle: T\n${header}questions:\n${questionsYaml}`, 'quizzes/t.yaml');
}
