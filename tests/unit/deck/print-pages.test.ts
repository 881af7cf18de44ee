// @vitest-environment jsdom
import { ENGLISH } from '../../../src/i18n/english.ts';
import { describe, expect, it } from 'vitest';
import { answerKeyHtml, handoutHtml, worksheetHtml } from '../../../src/ui/print/print-pages.ts';
import { prepareSlidesForPrint } from '../../../src/ui/print/print-mode.ts';
import { printedOrder } from '../../../src/ui/print/print-question.ts';
import { createMarkdown } from '../../../src/deck/render-markdown.ts';
import { renderQuizStack, type QuizRenderContext } from '../../../src/deck/render-quiz.ts';
import { renderMissedReviewSlide, renderResultsSlide } from '../../../src/deck/render-results.ts';
import type { QuizPayload } from '../../../src/shared/contract.ts';
import type { Quiz } from '../../../src/quiz/index.ts';
import { createStrings } from '../../../src/i18n/strings.ts';

const t = createStrings(ENGLISH);

/** A quiz with a cloze whose blanks are named in Chinese and with a dot: names the engine accepts. */
const QUIZ: Quiz = {
  id: 'review',
  title: 'Review',
  after: 'a',
  pass: 0.7,
  shuffle: false,
  attempts: 0,
  penalty: 0,
  questions: [
    {
      id: 'when',
      type: 'cloze',
      prompt: '',
      text: 'The plan was set out in {{年份}} by the {{a.b}}.',
      blanks: [
        { id: '年份', kind: 'text', answers: [{ text: '2024', fraction: 1 }], caseSensitive: false },
        { id: 'a.b', kind: 'choice', choices: [{ id: 'miit', text: 'MIIT' }, { id: 'ndrc', text: 'NDRC' }], answer: 'miit' },
      ],
      explanation: 'Said at the press conference.',
      points: 1,
    } as Quiz['questions'][number],
  ],
};
const PAYLOAD: QuizPayload = { quizzes: [QUIZ], html: {}, slides: {}, answers: {} };

/** The deck as built, with this quiz's form drawn as the slide renderer may draw it. */
function deck(form: string): Document {
  document.title = 'Deck';
  document.body.innerHTML = `<div class="reveal"><div class="slides">
<section id="a--title" data-section-id="a"><h1 id="a--title-title">A</h1>
<figure class="diagram"><svg id="d-1"><style>#d-1 .node rect{fill:#e8f0fa}</style><g class="node"><rect></rect></g></svg></figure>
<aside class="notes"><p>Say it.</p></aside></section>
<section data-quiz-id="review"><section data-quiz-id="review"><form data-question-id="when">${form}</form></section></section>
</div></div>`;
  return document;
}

describe('the print pages', () => {
  it('print each cloze blank as a line to write on, whatever script its name is in', () => {
    // The renderer left the blanks as text: they still print as lines, numbered in reading order.
    const worksheet = worksheetHtml(deck('<p class="quiz-cloze">The plan was set out in {{年份}} by the {{ a.b }}.</p>'), PAYLOAD, t).toString();
    expect(worksheet).not.toContain('{{');
    expect(worksheet).toContain('The plan was set out in <span class="print-gap">(1) ____________</span> by the <span class="print-gap">(2) ____________</span>.');

    // The renderer made controls of them: the same lines, with a drop-down's options.
    const controls = '<p class="quiz-cloze">The plan was set out in <input data-blank-id="年份"> by the <select data-blank-id="a.b"><option value="">Choose</option><option value="miit">MIIT</option><option value="ndrc">NDRC</option></select>.</p>';
    expect(worksheetHtml(deck(controls), PAYLOAD, t).toString()).toContain(
      'set out in <span class="print-gap">(1) ____________</span> by the <span class="print-gap">(2) ____________ [MIIT / NDRC]</span>.',
    );

    const key = answerKeyHtml(deck(''), PAYLOAD, t).toString();
    expect(key).toContain('The plan was set out in (1) ____________ by the (2) ____________.');
    expect(key).not.toContain('{{');
  });

  it('escape what the quiz says where the page did not render it', () => {
    const quiz: Quiz = { ...QUIZ, id: 'x"><img src=x onerror=alert(1)>', title: '<b>Title</b>' };
    const html = worksheetHtml(deck(''), { ...PAYLOAD, quizzes: [quiz] }, t).toString();
    expect(html).not.toMatch(/<img|<b>/);
    expect(html).toContain('data-quiz-id="x&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"');
  });

  it('keep the ids a diagram\'s own style is scoped to, in the handout', () => {
    const handout = handoutHtml(deck(''), PAYLOAD, t).toString();
    expect(handout).toContain('<svg id="d-1"><style>#d-1 .node rect{fill:#e8f0fa}</style>');
    expect(handout).toContain('<h2>Speaker notes</h2><p>Say it.</p>');
  });
});

/** A quiz as the build renders it (Markdown, KaTeX, controls, hint, notes), with the results and review slides after it. */
function builtDeck(): QuizPayload {
  const quiz: Quiz = {
    id: 'final',
    title: 'Final review',
    after: 'a',
    pass: 0.7,
    shuffle: false,
    attempts: 1,
    penalty: 0,
    questions: [
      {
        id: 'pick',
        type: 'single',
        points: 1,
        prompt: 'Which merger raises the HHI?',
        hint: 'Square the *merged* share.',
        explanation: 'The HHI rises by $2 s_i s_j$.',
        choices: [
          { id: 'a', text: 'Any merger, by $2 s_i s_j$', correct: true },
          { id: 'b', text: 'None of them', correct: false },
        ],
      },
      {
        id: 'rank',
        type: 'order',
        points: 1,
        prompt: 'Put the focus areas in the order the report gives them.',
        scoring: 'partial',
        items: ['Traditional', 'Advantageous', 'Emerging', 'Future'].map((text, i) => ({ id: `i${i}`, text })),
      },
      {
        id: 'gap',
        type: 'cloze',
        points: 1,
        prompt: '',
        text: 'The *share* of traditional industries is {{share}} of $x^2$.',
        blanks: [{ id: 'share', kind: 'text', answers: [{ text: '80%', fraction: 1 }], caseSensitive: false }],
      },
    ],
  };
  const payload: QuizPayload = { quizzes: [quiz], html: {}, slides: {}, answers: {} };
  const ctx: QuizRenderContext = { md: createMarkdown({ root: process.cwd() }), t, issues: [], slides: payload.slides, html: payload.html, answers: payload.answers };
  document.title = 'Deck';
  document.body.innerHTML = `<div class="reveal"><div class="slides">
<section id="a--title" data-section-id="a" data-slide-id="title"><h1>A</h1><aside class="notes"><p>Say it.</p></aside></section>
${renderQuizStack({ quiz, file: 'quizzes/final.yaml' }, ctx).replace(/<\/section>$/, `${renderMissedReviewSlide(t, quiz.id)}\n</section>`)}
${renderResultsSlide(t)}
</div></div>`;
  expect(ctx.issues).toEqual([]);
  return payload;
}

/** The rows of a printed ordering question, as read. */
const orderRows = (scope: ParentNode) => [...scope.querySelectorAll('[data-question-id="rank"] .print-table tbody td:first-child')].map((td) => td.textContent);
const text = (markup: string) => Object.assign(document.createElement('div'), { innerHTML: markup }).textContent!.replace(/\s+/g, ' ');

describe('the printed slides (?print-pdf)', () => {
  it('print each question as a clean slide: prompt and choices, no control, hint or empty feedback; no results or review slide', () => {
    const payload = builtDeck();
    prepareSlidesForPrint(document, payload, t);
    const slides = document.querySelector('.reveal .slides')!;
    expect(slides.querySelectorAll('form, button, input, select, textarea, .quiz-hint, .quiz-feedback')).toHaveLength(0);
    expect(slides.querySelector('[data-quiz-results], [data-missed-review]')).toBeNull();
    // What prints: the speaker notes (which give the answer) are not on the page.
    const shown = slides.cloneNode(true) as Element;
    shown.querySelectorAll('aside.notes').forEach((notes) => notes.remove());
    const words = shown.textContent!.replace(/\s+/g, ' ');
    for (const control of ['Check', 'Hint', 'Try again', 'Show answer', 'Choose', 'Reset this quiz', 'Your results', 'Questions you missed earlier']) expect(words).not.toContain(control);
    expect(words).not.toContain('Square the merged share');
    // The quiz's first slide still says what the quiz is; each question keeps its heading and notes.
    expect(words).toContain('3 questions · pass mark 70%');
    expect(words).toContain('Question 1 of 3');
    expect(words).toContain('Which merger raises the HHI?');
    expect(slides.querySelectorAll('[data-question-id="pick"] .print-choices li')).toHaveLength(2);
    expect(slides.querySelector('[data-question-id="pick"] .print-choices .katex')).not.toBeNull();
    expect(slides.querySelectorAll('aside.notes').length).toBeGreaterThanOrEqual(4);
    // An ordering question never prints its items in the answer's order.
    const rows = orderRows(slides);
    expect([...rows].sort()).toEqual(['Advantageous', 'Emerging', 'Future', 'Traditional']);
    expect(rows).not.toEqual(['Traditional', 'Advantageous', 'Emerging', 'Future']);
    // A cloze prints its blank as a numbered line.
    expect(slides.querySelector('[data-question-id="gap"] .print-cloze')!.textContent).toContain('is (1) ____________ of');
    expect(words).not.toContain('The answer:');
  });

  it('the teacher\'s copy adds each answer, maths typeset, and its explanation under the question', () => {
    const payload = builtDeck();
    prepareSlidesForPrint(document, payload, t, { withAnswers: true });
    const answer = document.querySelector('[data-question-id="pick"] .quiz-printed-answer')!;
    expect(answer.textContent).toContain('The answer:');
    expect(answer.querySelector('.print-answer .katex')).not.toBeNull();
    expect(answer.querySelector('.print-explanation')!.textContent).toContain('Why:');
    expect(answer.querySelector('.print-explanation .katex')).not.toBeNull();
    expect(answer.textContent).not.toContain('$');
    expect(document.querySelector('[data-question-id="rank"] .print-answer')!.textContent).toContain('1. Traditional; 2. Advantageous');
    expect(document.querySelectorAll('.quiz-printed-answer')).toHaveLength(3);
  });
});

describe('the handout\'s question slides', () => {
  it('print as the worksheet does: no open hint, no control, the order items not in the answer\'s order; no results or review page', () => {
    const payload = builtDeck();
    const handout = handoutHtml(document, payload, t).toString();
    const page = Object.assign(document.createElement('div'), { innerHTML: handout });
    expect(page.querySelectorAll('form, button, input, select, .quiz-hint, .quiz-feedback')).toHaveLength(0);
    expect(text(handout)).not.toContain('Square the merged share');
    expect(text(handout)).not.toContain('Your results');
    // The title, the quiz's first slide and its three questions, numbered as the deck numbers them (7 with the review and results, not printed).
    expect(text(handout)).toContain('Slide 5 of 7');
    expect(text(handout)).not.toContain('Slide 6 of 7');
    const rows = orderRows(page);
    expect(rows).toHaveLength(4);
    expect(rows).not.toEqual(['Traditional', 'Advantageous', 'Emerging', 'Future']);
    // The notes still give the answer, for the teacher.
    expect(text(handout)).toContain('The answer: 1. Traditional; 2. Advantageous; 3. Emerging; 4. Future');
  });
});

describe('the answer key', () => {
  it('prints a cloze\'s text as the deck renders it (Markdown and maths), never as raw $…$ or *…*', () => {
    const payload = builtDeck();
    const key = answerKeyHtml(document, payload, t).toString();
    const item = Object.assign(document.createElement('div'), { innerHTML: key }).querySelector('[data-question-id="gap"]')!;
    expect(item.querySelector('.print-cloze em')!.textContent).toBe('share');
    expect(item.querySelector('.print-cloze .katex')).not.toBeNull();
    expect(item.querySelector('.print-cloze')!.textContent).toContain('(1) ____________');
    expect(item.querySelector('.print-prompt')!.textContent).not.toMatch(/[$*]|\{\{/);
    expect(item.querySelector('.print-answer')!.textContent).toContain('80%');
  });
});

/** A shuffled quiz with a question of each kind a key must answer in the worksheet's terms. */
function shuffledDeck(): { payload: QuizPayload; quiz: Quiz } {
  const choices = ['brand', 'scale', 'clusters', 'quality'].map((id) => ({ id, text: id[0]!.toUpperCase() + id.slice(1) }));
  const quiz: Quiz = {
    id: 'mixed',
    title: 'Mixed',
    after: 'a',
    pass: 0.7,
    shuffle: true,
    attempts: 0,
    penalty: 0,
    questions: [
      {
        id: 'gaps',
        type: 'cloze',
        points: 1,
        prompt: '',
        text: 'One {{b1}}, two {{b2}}, three {{b3}}, four {{b4}}.',
        // The key first in every blank, as authors tend to write it.
        blanks: ['b1', 'b2', 'b3', 'b4'].map((id) => ({ id, kind: 'choice' as const, choices, answer: 'brand' })),
      },
      {
        id: 'pick',
        type: 'multiple',
        points: 1,
        prompt: 'Which are right?',
        scoring: 'partial',
        choices: [
          { id: 'a', text: 'Alpha', correct: true },
          { id: 'b', text: 'Beta', correct: false },
          { id: 'c', text: 'Gamma', correct: true },
          { id: 'd', text: 'Delta', correct: false },
        ],
      },
      {
        id: 'rank',
        type: 'order',
        points: 1,
        prompt: 'Order them.',
        scoring: 'partial',
        items: ['First', 'Second', 'Third', 'Fourth'].map((text, i) => ({ id: `i${i}`, text })),
      },
      {
        id: 'pairs',
        type: 'match',
        points: 1,
        prompt: 'Match them.',
        scoring: 'partial',
        pairs: [
          { id: 'p1', left: 'Sun', right: 'Day' },
          { id: 'p2', left: 'Moon', right: 'Night' },
          { id: 'p3', left: 'Rain', right: 'Cloud' },
        ],
        distractors: [{ id: 'x1', text: 'Wind' }],
      },
    ] as Quiz['questions'],
  };
  const payload: QuizPayload = { quizzes: [quiz], html: {}, slides: {}, answers: {} };
  const ctx: QuizRenderContext = { md: createMarkdown({ root: process.cwd() }), t, issues: [], slides: payload.slides, html: payload.html, answers: payload.answers };
  document.title = 'Deck';
  document.body.innerHTML = `<div class="reveal"><div class="slides">
<section id="a--title" data-section-id="a" data-slide-id="title"><h1>A</h1><aside class="notes"><p>Say it.</p></aside></section>
${renderQuizStack({ quiz, file: 'quizzes/mixed.yaml' }, ctx)}
</div></div>`;
  expect(ctx.issues).toEqual([]);
  return { payload, quiz };
}

const page = (markup: string) => Object.assign(document.createElement('div'), { innerHTML: markup });
/** The drop-down options printed after each blank, as read: "[A / B / C]". */
const gapOptions = (scope: ParentNode) => [...scope.querySelectorAll('.print-gap')].map((gap) => /\[(.*)\]/.exec(gap.textContent!)?.[1]);

describe('a shuffled quiz on paper', () => {
  it('prints each drop-down blank\'s options in the print order, not the file\'s (key first), the same on worksheet, slides and handout', () => {
    const { payload, quiz } = shuffledDeck();
    const worksheet = gapOptions(page(worksheetHtml(document, payload, t).toString()));
    expect(worksheet).toHaveLength(4);
    const order = printedOrder(quiz, quiz.questions[0]!);
    expect(order.type).toBe('cloze');
    const names = (ids: string[]) => ids.map((id) => id[0]!.toUpperCase() + id.slice(1)).join(' / ');
    expect(worksheet).toEqual(['b1', 'b2', 'b3', 'b4'].map((b) => names((order as { blanks: Record<string, string[]> }).blanks[b]!)));
    // Not the file's order (the key first), as it was when the options were copied as they are.
    expect(worksheet.filter((options) => options === 'Brand / Scale / Clusters / Quality').length).toBeLessThan(2);
    expect(gapOptions(page(handoutHtml(document, payload, t).toString()))).toEqual(worksheet);
    prepareSlidesForPrint(document, payload, t);
    expect(gapOptions(document.querySelector('.reveal .slides')!)).toEqual(worksheet);
  });

  it('the answer key answers in the worksheet\'s terms: boxes to tick, the Position column, the letters', () => {
    const { payload, quiz } = shuffledDeck();
    const sheet = page(worksheetHtml(document, payload, t).toString());
    const key = page(answerKeyHtml(document, payload, t).toString());
    const answer = (id: string) => key.querySelector(`[data-question-id="${id}"] .print-answer`)!.textContent!.replace(/\s+/g, ' ');

    // Tick boxes: numbered as printed, with their text.
    const boxes = [...sheet.querySelectorAll('[data-question-id="pick"] .print-choices li')].map((li) => li.textContent!.replace('☐', '').trim());
    const ticks = [...key.querySelectorAll('[data-question-id="pick"] .print-key-ticks li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
    expect(ticks).toEqual(boxes.flatMap((text, i) => (['Alpha', 'Gamma'].includes(text) ? [`Tick box ${i + 1}: ${text}`] : [])));

    // Ordering: the position each printed row should get, top to bottom.
    const rows = [...sheet.querySelectorAll('[data-question-id="rank"] .print-table tbody td:first-child')].map((td) => td.textContent!);
    const positions = rows.map((text) => ['First', 'Second', 'Third', 'Fourth'].indexOf(text) + 1);
    expect(positions).not.toEqual([1, 2, 3, 4]);
    expect(answer('rank')).toContain(`Position column, top to bottom: ${positions.join(', ')}`);

    // Matching: each numbered row's letter in the printed option list, then the names.
    const options = [...sheet.querySelectorAll('[data-question-id="pairs"] .print-options li')].map((li) => li.textContent!);
    const lefts = [...sheet.querySelectorAll('[data-question-id="pairs"] .print-table tbody tr')].map((tr) => tr.textContent!);
    expect(lefts).toEqual(['1Sun', '2Moon', '3Rain']);
    const letterOf = (right: string) => String.fromCharCode(65 + options.indexOf(right));
    expect(answer('pairs')).toContain(`1 → ${letterOf('Day')}, 2 → ${letterOf('Night')}, 3 → ${letterOf('Cloud')}`);
    expect(answer('pairs')).toContain('Sun → Day');
    expect(quiz.shuffle).toBe(true);
  });

  it('the handout is the teacher\'s copy: titled so, a question\'s notes headed so, and no key to press', () => {
    const { payload } = shuffledDeck();
    const handout = handoutHtml(document, payload, t).toString();
    const words = text(handout);
    expect(words).toContain("teacher's copy, contains the quiz answers");
    expect(words).toContain("Speaker notes — teacher's copy: the answer");
    expect(words).toContain('The answer:');
    expect(words).not.toMatch(/Press A|reveal/);
  });
});
