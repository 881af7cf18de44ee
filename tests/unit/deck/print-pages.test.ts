// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { answerKeyHtml, handoutHtml, worksheetHtml } from '../../../src/ui/print/print-pages.ts';
import type { QuizPayload } from '../../../src/shared/contract.ts';
import type { Quiz } from '../../../src/quiz/index.ts';
import { createStrings } from '../../../src/i18n/strings.ts';

const t = createStrings();

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
    expect(key).toContain('<p>The plan was set out in ____ by the ____.</p>');
    expect(key).not.toContain('{{');
  });

  it('escape what the quiz says where the page did not render it', () => {
    const quiz: Quiz = { ...QUIZ, id: 'x"><img src=x onerror=alert(1)>', title: '<b>Title</b>' };
    const html = worksheetHtml(deck(''), { ...PAYLOAD, quizzes: [quiz] }, t).toString();
    expect(html).not.toMatch(/<img|<b>/);
    expect(html).toContain('data-quiz-id="x&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"');
  });

  it('keep the ids a diagram\'s own style is scoped to, in the handout', () => {
    const handout = handoutHtml(deck(''), t).toString();
    expect(handout).toContain('<svg id="d-1"><style>#d-1 .node rect{fill:#e8f0fa}</style>');
    expect(handout).toContain('<h2>Speaker notes</h2><p>Say it.</p>');
  });
});
