// @vitest-environment jsdom
/** After a graded try each match pair the learner set says right or wrong; a wrong pair never names its answer. */
import { ENGLISH } from '../../../src/i18n/english.ts';
import { describe, expect, it } from 'vitest';
import { createStrings } from '../../../src/i18n/strings.ts';
import { parseQuizBank } from '../../../src/quiz/index.ts';
import { clearVerdicts, markPairs } from '../../../src/ui/quiz-feedback.ts';

const t = createStrings(ENGLISH);
const question = parseQuizBank(`id: m
title: M
questions:
  - id: q
    type: match
    prompt: "Match"
    pairs:
      - { id: a, left: "Emerging", right: "5G" }
      - { id: b, left: "Future", right: "Humanoid robots" }
      - { id: c, left: "Advantageous", right: "High-speed rail" }
`, 'quizzes/m.yaml').questions[0]!;

function formWith(values: Record<string, string>): HTMLFormElement {
  const form = document.createElement('form');
  const options = ['', 'a', 'b', 'c'].map((v) => `<option value="${v}">${v}</option>`).join('');
  form.innerHTML = ['a', 'b', 'c'].map((id) => `<div class="quiz-match-row" data-pair-id="${id}"><label>${id}</label><select>${options}</select></div>`).join('');
  for (const [id, value] of Object.entries(values)) form.querySelector<HTMLSelectElement>(`[data-pair-id="${id}"] select`)!.value = value;
  return form;
}
const marks = (form: HTMLFormElement) =>
  Object.fromEntries([...form.querySelectorAll<HTMLElement>('.quiz-match-row')].map((row) => [row.dataset.pairId, row.querySelector('.quiz-choice-mark')?.textContent?.trim() ?? '']));

describe('match pairs marked after a try', () => {
  it('marks only the pairs set, right or wrong in words, without the right side while tries remain', () => {
    const form = formWith({ a: 'a', b: 'c' });
    markPairs(form, question, t);
    expect(marks(form)).toEqual({ a: '✓ Right', b: '✗ Wrong', c: '' });
    expect(form.querySelector('[data-pair-id="b"]')!.getAttribute('data-verdict')).toBe('wrong');
    clearVerdicts(form);
    expect(marks(form)).toEqual({ a: '', b: '', c: '' });
  });

  it('never names the right side of a wrong pair (the feedback says the answer once the question is over)', () => {
    const form = formWith({ a: 'a', b: 'c' });
    markPairs(form, question, t);
    expect(marks(form).b).toBe('✗ Wrong');
  });
});
