import { describe, expect, it } from 'vitest';
import { htmlToMarkdown } from '../../../src/cli/gift-html.ts';
import { parseGift, parseGiftWithReport, toGift, toGiftWithReport, type Question } from '../../../src/quiz/index.ts';

/** A multiple-answer question with the given weights, the first `right` of them right. */
function weighted(fractions: number[]): Question {
  return {
    id: 'mix',
    type: 'multiple',
    points: 1,
    prompt: 'Which?',
    scoring: 'partial',
    choices: fractions.map((fraction, i) => ({ id: `c${i}`, text: `choice ${i}`, correct: fraction > 0, fraction })),
  };
}

describe('GIFT as Moodle reads it', () => {
  it('reads "~" right before "=" as Moodle does: no empty choice, the "=" answer right', () => {
    const [question] = parseGift('Pick {~high-fat~low-salt~=vegetarian~vitamins}');
    expect(question?.type).toBe('single');
    if (question?.type !== 'single') return;
    expect(question.choices.map((c) => c.text)).toEqual(['high-fat', 'low-salt', 'vegetarian', 'vitamins']);
    expect(question.choices.filter((c) => c.correct).map((c) => c.text)).toEqual(['vegetarian']);
  });

  it('reads Moodle\'s \\(…\\) and \\[…\\] as the deck\'s $…$ and $$…$$', () => {
    const [question] = parseGift('Area \\(\\pi r^2\\) and \\[ a \\= b \\]? {T}');
    expect(question?.prompt).toBe('Area $\\pi r^2$ and $$a = b$$?');
  });

  it('reads a single \\[ in [markdown] text as Markdown does, an escaped bracket, not maths', () => {
    // Moodle's Markdown turns `\[a\]` into "[a]" before MathJax sees it; only `\\[a\\]` is maths there
    // (written `\\\\[a\\\\]` in GIFT, whose own escape halves the backslashes).
    const [question] = parseGift('[markdown]Is \\\\\\\\[x\\\\\\\\] set in \\[brackets\\]? {T#\\[a\\]}');
    expect(question?.prompt).toBe('Is $$x$$ set in \\[brackets\\]?');
    expect(question).toMatchObject({ feedbackFalse: '\\[a\\]' });
    const [back] = parseGift(toGift([question as Question]));
    expect(back).toEqual({ ...question, title: question?.id });
  });

  it('keeps maths through export and import unchanged, and money stays money', () => {
    const [question] = parseGift('::M:: Is $x_1^\\{2\\}$ with $$\\\\frac\\{a\\}\\{b\\}$$ worth $5 and $6? {=yes ~no}');
    expect(question?.prompt).toBe('Is $x_1^{2}$ with $$\\frac{a}{b}$$ worth $5 and $6?');
    const gift = toGift([question as Question]);
    expect(gift).toContain('\\\\\\\\(x\\\\_1^\\{2\\}\\\\\\\\)');
    expect(gift).toContain('$5 and $6');
    const [back] = parseGift(gift);
    expect(back).toEqual(question);
    expect(toGift([back as Question])).toBe(gift);
  });

  it('converts [html] to Markdown through the given converter, naming what it dropped', () => {
    const text = '::H::[html]<p>Pick <b>one</b> of <small>these</small>:</p>{=<i>yes</i> ~no#<table><tr><td>why</td></tr></table>}';
    const report = parseGiftWithReport(text, 'h.gift', { html: htmlToMarkdown });
    const question = report.questions[0];
    expect(question?.prompt).toBe('Pick **one** of these:');
    expect(question?.type === 'single' && question.choices.map((c) => [c.text, c.feedback])).toEqual([['*yes*', undefined], ['no', 'why']]);
    expect(report.dropped).toEqual([{ line: 1, title: 'H', dropped: ['<small>', '<table>'] }]);
  });

  it('keeps a local image and drops a remote one, saying so', () => {
    const local = htmlToMarkdown('<p>See <img src="assets/map.png" alt="map"></p>');
    expect(local).toEqual({ markdown: 'See ![map](assets/map.png)', dropped: [] });
    const remote = htmlToMarkdown('<p>See <img src="@@PLUGINFILE@@/map.png" alt="map"></p>');
    expect(remote.markdown).toBe('See map');
    expect(remote.dropped).toEqual(['<img src="@@PLUGINFILE@@/map.png"> (not a local file)']);
  });

  it('leaves [plain] and [markdown] text as written', () => {
    const [question] = parseGift('[html]<p>Q</p>{=[plain]<b>a</b> ~[markdown]**b**}', undefined);
    expect(question?.type === 'single' && question.choices.map((c) => c.text)).toEqual(['<b>a</b>', '**b**']);
    const report = parseGiftWithReport('[html]<p>Q</p>{=[plain]<b>a</b> ~[markdown]**b**}', undefined, { html: htmlToMarkdown });
    expect(report.questions[0]?.type === 'single' && report.questions[0].choices.map((c) => c.text)).toEqual(['<b>a</b>', '**b**']);
  });
});

describe('GIFT weights Moodle accepts', () => {
  it('writes a weight on Moodle\'s list as it is, with no note', () => {
    const { text, rounded, skipped } = toGiftWithReport([weighted([1 / 3, 1 / 3, 1 / 3, -1])]);
    expect(skipped).toEqual([]);
    expect(rounded).toEqual([]);
    expect(text).toContain('~%33.33333333333333%choice 0');
  });

  it('rounds a weight within 0.5 points of Moodle\'s nearest grade, naming both values', () => {
    const { text, rounded } = toGiftWithReport([weighted([0.332, 0.334, 0.334, -1])]);
    expect(text).toContain('~%33.33333%choice 0');
    expect(rounded).toEqual([
      { id: 'mix', reason: "weight 33.2% written as 33.33333%, Moodle's nearest grade" },
      { id: 'mix', reason: "weight 33.4% written as 33.33333%, Moodle's nearest grade" },
    ]);
    expect(parseGift(text)).toHaveLength(1);
  });

  it('refuses a question whose weight is far from every grade, leaving out only that question', () => {
    const far = weighted([0.35, 0.65, -1]);
    const fine = { ...weighted([0.5, 0.5, -1]), id: 'fine' };
    const { text, skipped } = toGiftWithReport([far, fine]);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]?.id).toBe('mix');
    expect(skipped[0]?.reason).toMatch(/^weight 35% is not one of Moodle's grades \(the nearest, 33\.33333%, is 0\.5 points or more away\)/);
    expect(parseGift(text).map((q) => q.id)).toEqual(['fine']);
  });

  it('refuses a partial multiple choice with eleven wrong choices: its penalty, -9.09%, is not a Moodle grade', () => {
    const question: Question = {
      id: 'many',
      type: 'multiple',
      points: 1,
      prompt: 'Which?',
      scoring: 'partial',
      choices: Array.from({ length: 12 }, (_, i) => ({ id: `c${i}`, text: `choice ${i}`, correct: i === 0 })),
    };
    expect(toGiftWithReport([question]).skipped[0]?.reason).toMatch(/^weight -9\.09091% is not one of Moodle's grades/);
  });

  it('refuses a question whose right answers, as Moodle\'s grades, do not make 100%', () => {
    const { skipped } = toGiftWithReport([weighted([0.25, 0.25, 0.25, 0.2, -1])]);
    expect(skipped[0]?.reason).toBe("the right answers' weights, as Moodle's grades, add up to 95%, and Moodle wants 100%");
  });
});
