/**
 * A flowchart's layouts for a phone (#16): which are tried, in what order, what they change in
 * the source (only the direction, the line breaks of labels and the spacing), and which is chosen.
 */
import { describe, expect, it } from 'vitest';
import { choosePhoneLayout, PHONE_COLUMN, phoneLayouts, splitLabel, withShortLines } from '../../../src/deck/diagram-phone.ts';

/** The source without its line breaks and direction: what no layout may change. */
const words = (code: string) => code.replace(/<br\/>/g, ' ').replace(/\b(TB|TD|LR|RL|BT)\b/, 'DIR').replace(/\s+/g, ' ');

describe('the layouts tried for a phone', () => {
  it('tries the other direction first, then shorter lines, then compact spacing; never the drawing as written', () => {
    const sideways = 'flowchart LR\n  A["Technological transformation, equipment renewal"] -- "helps raise" --> B["Product quality"]';
    const layouts = phoneLayouts(sideways);
    expect(layouts[0]).toEqual({ code: sideways.replace('LR', 'TB'), compact: false, change: 'top to bottom' });
    expect(layouts.map((l) => l.change)).toContain('left to right, lines of at most 14 letters');
    expect(layouts.map((l) => l.change).indexOf('left to right, lines of at most 10 letters')).toBe(layouts.findIndex((l) => l.compact) - 1);
    expect(layouts.filter((l) => l.compact).at(0)?.change).toBe('top to bottom, compact spacing');
    expect(layouts.filter((l) => l.code === sideways && !l.compact)).toEqual([]);
    for (const layout of layouts) expect(words(layout.code)).toBe(words(sideways));

    const upright = phoneLayouts('flowchart TB\n  A --> B\n  C --> D');
    expect(upright.map((l) => l.change)).toEqual(['left to right', 'top to bottom, compact spacing', 'left to right, compact spacing']);
    expect(phoneLayouts('graph RL\n  A --> B')[0]!.code).toBe('graph TB\n  A --> B');
  });

  it('has none for a diagram that is not a flowchart', () => {
    for (const code of ['mindmap\n  root((LR))', 'sequenceDiagram\n  A->>B: flowchart LR', 'timeline\n  2024 : a']) expect(phoneLayouts(code)).toEqual([]);
  });

  it("leaves a group's own direction, its title and settings as written", () => {
    const code = 'flowchart LR\n  subgraph M["Measures listed for emerging industries"]\n    direction LR\n    A["New application scenarios for industry"]\n  end\n  classDef hot fill:#fdd\n  A --> B';
    const short = withShortLines(code, 9);
    expect(short).toContain('subgraph M["Measures listed for emerging industries"]');
    expect(short).toContain('    direction LR\n');
    expect(short).toContain('classDef hot fill:#fdd');
    expect(short).toContain('A["New<br/>application<br/>scenarios<br/>for<br/>industry"]');
  });
});

describe('a label split into shorter lines', () => {
  it('splits only lines longer than the limit, as evenly as the words allow, never inside a word', () => {
    expect(splitLabel('Key areas such as', 14)).toBe('Key areas<br/>such as');
    expect(splitLabel('Internet of Things<br/>industry', 14)).toBe('Internet<br/>of Things<br/>industry');
    expect(splitLabel('Short<br/>lines stay', 14)).toBe('Short<br/>lines stay');
    expect(splitLabel('Manufacturing', 9)).toBe('Manufacturing');
  });

  it('breaks after a hyphen only inside a word longer than the line, and keeps a number with the word before it', () => {
    expect(splitLabel('bio-manufacturing,', 14)).toBe('bio-<br/>manufacturing,');
    expect(splitLabel('and service-oriented', 16)).toBe('and<br/>service-oriented');
    expect(splitLabel('and service-oriented', 14)).toBe('and service-<br/>oriented');
    expect(splitLabel('Project 2: major', 14)).toBe('Project 2:<br/>major');
  });

  it('counts a Chinese character as two letters, breaks between words, and keeps punctuation with its neighbour', () => {
    expect(splitLabel('世界级先进制造业集群', 11)).toMatch(/^世界级.*<br\/>/);
    for (const line of splitLabel('新质生产力（新赛道），引领未来发展', 11).split('<br/>')) {
      expect(line).not.toMatch(/^[，。、）]/);
      expect(line).not.toMatch(/（$/);
    }
    expect(splitLabel('国家制造业创新中心', 9).replace(/<br\/>/g, '')).toBe('国家制造业创新中心');
  });

  it('leaves a label with other HTML than line breaks, and a Markdown string, as written', () => {
    const code = 'flowchart TB\n  A["<b>Technological</b> transformation and renewal"]\n  B["`Markdown strings wrap by themselves`"]';
    expect(withShortLines(code, 9)).toBe(code);
  });
});

describe('the layout a phone shows', () => {
  const narrow = PHONE_COLUMN - 40;
  const wide = PHONE_COLUMN + 400;
  it('is the drawing as written when it fits the column', () => {
    expect(choosePhoneLayout(narrow, [narrow - 100])).toBe(-1);
  });
  it('is the first layout tried that fits, even if a later one is narrower', () => {
    expect(choosePhoneLayout(wide, [wide - 10, narrow, narrow - 200])).toBe(1);
    expect(choosePhoneLayout(wide, [undefined, narrow])).toBe(1);
  });
  it('is the narrowest when none fits, and only if it is narrower than the drawing as written', () => {
    expect(choosePhoneLayout(wide, [wide - 10, PHONE_COLUMN + 50, wide + 10])).toBe(1);
    expect(choosePhoneLayout(wide, [wide + 10, undefined])).toBe(-1);
  });
});
