import { describe, expect, it } from 'vitest';
import { matchesAnswer, normaliseText } from '../../../src/quiz/index.ts';

describe('normaliseText', () => {
  it('applies NFKC, trims, collapses white space and folds case', () => {
    expect(normaliseText('  Carbon \t\n Peaking  ')).toBe('carbon peaking');
    expect(normaliseText('ＡＢ１')).toBe('ab1');
    expect(normaliseText('ＡＢ１', true)).toBe('AB1');
    expect(normaliseText('carbon\u3000peaking')).toBe('carbon peaking');
    expect(normaliseText('Straße')).toBe(normaliseText('STRASSE'));
    expect(normaliseText('ﬁve')).toBe('five');
  });
});

describe('Chinese answers', () => {
  it('are the same typed in full-width or half-width forms', () => {
    expect(matchesAnswer('６Ｇ技术', '6G技术')).toBe(true);
    expect(matchesAnswer('第６代', '第6代*')).toBe(true);
    expect(matchesAnswer('品种，品质', '品种,品质')).toBe(true);
  });

  it('are the same with or without spaces between words, ideographic spaces too', () => {
    expect(matchesAnswer('国内 大循环', '国内大循环')).toBe(true);
    expect(matchesAnswer('国内\u3000大循环', '国内大循环')).toBe(true);
    expect(matchesAnswer('6G 技术', '6G技术')).toBe(true);
    expect(matchesAnswer('国内大循环', '国内 大 循环')).toBe(true);
  });

  it('still tell different words apart, and keep the spaces of English', () => {
    expect(matchesAnswer('国际大循环', '国内大循环')).toBe(false);
    expect(matchesAnswer('carbonpeaking', 'carbon peaking')).toBe(false);
  });
});

describe('matchesAnswer', () => {
  it('matches after normalising both sides', () => {
    expect(matchesAnswer(' Carbon  Peaking ', 'carbon peaking')).toBe(true);
    expect(matchesAnswer('Carbon Peaking', 'carbon peaking', true)).toBe(false);
  });

  it('lets * match any run, possibly empty, anywhere', () => {
    expect(matchesAnswer('carbon peaking', 'carbon *')).toBe(true);
    expect(matchesAnswer('carbon ', 'carbon*')).toBe(true);
    expect(matchesAnswer('increasing variety, improving quality', '*variety*quality')).toBe(true);
    expect(matchesAnswer('quality variety', '*variety*quality')).toBe(false);
    expect(matchesAnswer('', '*')).toBe(true);
    expect(matchesAnswer('abc', 'a**c')).toBe(true);
    expect(matchesAnswer('ab', 'a*b*c')).toBe(false);
  });

  it('reads \\* as a literal star', () => {
    expect(matchesAnswer('3*4', '3\\*4')).toBe(true);
    expect(matchesAnswer('3x4', '3\\*4')).toBe(false);
    expect(matchesAnswer('robot +', 'robot \\*')).toBe(false);
  });

  it('needs the whole text to match, not a part', () => {
    expect(matchesAnswer('not peaking', 'peaking')).toBe(false);
    expect(matchesAnswer('', 'peaking')).toBe(false);
  });

  it('stays fast on patterns that make regular expressions backtrack', () => {
    const started = Date.now();
    expect(matchesAnswer('a'.repeat(2000), '*a*a*a*a*a*a*a*a*b')).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
