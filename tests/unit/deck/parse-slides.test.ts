import { describe, expect, it } from 'vitest';
import { parseSlides, slugify } from '../../../src/deck/parse-slides.ts';
import { formatIssue } from '../../../src/deck/errors.ts';

const FILE = 'slides/02-traditional.md';
const messages = (text: string) => parseSlides(text, FILE).issues.map(formatIssue);

describe('parseSlides', () => {
  it('reads front matter, slides, ids, classes, notes and the line each starts on', () => {
    const { section, issues } = parseSlides(
      [
        '---',
        'id: traditional',
        'title: "Traditional industries"',
        '---',
        '',
        '# Traditional industries {#title .centre}',
        '',
        'Pillar one.',
        '',
        'Note:',
        'Say why. (about 1 minute)',
        '',
        '---',
        '',
        '## More than 80% of manufacturing',
        '',
        '```mermaid',
        'flowchart LR',
        '---',
        '```',
      ].join('\n'),
      FILE,
    );
    expect(issues).toEqual([]);
    expect(section).toMatchObject({ id: 'traditional', title: 'Traditional industries', file: FILE });
    const [title, weight] = section!.slides;
    expect(title).toMatchObject({ id: 'title', classes: ['centre'], line: 6, notes: 'Say why. (about 1 minute)', notesLine: 10 });
    expect(title!.body).toBe('# Traditional industries\n\nPillar one.');
    // A `---` inside a code fence is not a slide break; the id comes from the heading.
    expect(weight).toMatchObject({ id: 'more-than-80-of-manufacturing', line: 15, notes: '' });
    expect(weight!.body).toContain('flowchart LR\n---\n```');
  });

  it('derives ids from headings, so an edit elsewhere does not move them', () => {
    expect(slugify('“Increasing variety”, improving quality & brand')).toBe('increasing-variety-improving-quality-brand');
    expect(slugify('The *share* of $x$')).toBe('the-share-of-x');
  });

  it('says what is wrong with the front matter, with its line', () => {
    expect(messages('# no front matter')).toEqual([
      `${FILE}:1: a section file starts with front matter: a line \`---\`, then \`id:\` and \`title:\`, then \`---\``,
    ]);
    expect(messages('---\nid: a\ntitle: A\n')).toEqual([`${FILE}:1: the front matter is not closed: add a line \`---\` after \`id:\` and \`title:\``]);
    expect(messages('---\nid: a\ntitle: [unclosed\n---\n# A\n')[0]).toMatch(new RegExp(`^${FILE}:3: front matter is not valid YAML: `));
    expect(messages('---\nid: Not An Id\ntitle: A\ncolour: red\n---\n# A\n')).toEqual([
      `${FILE}:4: unknown front matter key "colour": the keys are id, title, objectives`,
      `${FILE}:2: front matter needs \`id:\` in kebab-case (lower-case letters, digits and hyphens), e.g. \`id: traditional\``,
    ]);
  });

  it('refuses two slides with one id, a slide without heading and an empty slide', () => {
    const text = ['---', 'id: a', 'title: A', '---', '# One {#x}', '---', '## Two {#x}', '---', 'no heading here', '---', '', '---', '## Fine'].join('\n');
    expect(messages(text)).toEqual([
      `${FILE}:9: a slide needs a heading (\`## Title {#slide-id}\`): it is the slide's title and its stable id`,
      `${FILE}:11: empty slide: remove the extra \`---\` or write the slide`,
      `${FILE}:7: two slides share the id "x" (the other is on line 5): give one of them its own id with {#another-id} at the end of its heading`,
    ]);
  });

  it('refuses a section without slides and a heading attribute it does not know', () => {
    expect(messages('---\nid: a\ntitle: A\n---\n')).toEqual([
      `${FILE}:5: this section has no slides: add one after the front matter, starting with a heading`,
    ]);
    expect(messages('---\nid: a\ntitle: A\n---\n## Hi {#ok data=1}\n')).toEqual([
      `${FILE}:5: "{#ok data=1}" on a heading takes #kebab-id and .class tokens; "data=1" is neither`,
    ]);
  });
});
