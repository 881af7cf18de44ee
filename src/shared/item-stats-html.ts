/**
 * Item statistics as a page for the teacher (the classroom server serves it at
 * `/classroom/stats`): a table per quiz, a bar for each option's share, the flags in words and a
 * legend. A whole document, CSS in its own `<style>`, no script; every name and answer escaped
 * by the `html` template. English only. It takes the report's data (`itemStatistics`), so it
 * needs only the engine's types.
 */
import type { ItemStatistics, OptionStats, QuestionStats, QuizStats } from '../quiz/index.ts';
import { html, raw, type SafeHtml } from './html.ts';

/** The page's own CSS (a constant, not data: hence `raw`). Dark text on light ground: every contrast above 4.5:1. */
const STYLE = raw(`
body { font: 1rem/1.5 system-ui, sans-serif; color: #1a1a1a; background: #fff; margin: 1.5rem; max-width: 70rem; }
h1, h2 { line-height: 1.2; }
table { border-collapse: collapse; width: 100%; margin: 0 0 2rem; }
caption { text-align: left; font-weight: 700; font-size: 1.2rem; padding: 0.5rem 0; }
th, td { border-top: 1px solid #767676; padding: 0.4rem 0.5rem; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid #1a1a1a; }
td.number, span.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
ul.options { list-style: none; margin: 0; padding: 0; }
ul.options li { display: grid; grid-template-columns: minmax(8rem, 1fr) 2.5rem 3rem 8rem; gap: 0.5rem; align-items: center; }
.part { font-weight: 700; margin-top: 0.3rem; }
.bar { display: block; height: 0.8rem; background: #1f4e79; min-width: 1px; }
.bar-track { display: block; background: #e8e8e8; border: 1px solid #767676; }
.flags { color: #8a1c00; margin: 0.3rem 0 0; padding-left: 1.2rem; }
dt { font-weight: 700; }
@media (prefers-reduced-motion: reduce) { * { transition: none !important; animation: none !important; } }
`);

/** A figure as the page shows it: a whole number, or "–" (with a spoken word) when it cannot be computed. */
function shown(value: number | null): SafeHtml {
  return value === null ? html`<span aria-label="not computed">–</span>` : html`${Math.round(value)}`;
}

function optionItem(option: OptionStats): SafeHtml {
  const share = Math.round(option.share);
  const label = option.correct ? html`<strong>${option.label}</strong> (right answer)` : html`${option.label}`;
  // The share is written out; the bar only draws it, so it is hidden from screen readers.
  return html`<li><span>${label}</span><span class="number">${option.count}</span><span class="number">${share}%</span><span class="bar-track" aria-hidden="true"><span class="bar" style="width: ${share}%"></span></span></li>`;
}

/** The options, under a heading per blank or pair when the question has parts. */
function optionList(question: QuestionStats): SafeHtml {
  if (question.options.length === 0) return html`<p>No answers.</p>`;
  const items: SafeHtml[] = [];
  let part: string | undefined;
  for (const option of question.options) {
    if (option.part !== undefined && option.part !== part) {
      part = option.part;
      items.push(html`<li class="part">${question.type === 'cloze' ? `Blank ${part}` : part}:</li>`);
    }
    items.push(optionItem(option));
  }
  return html`<ul class="options">${items}</ul>`;
}

function questionRow(question: QuestionStats, index: number): SafeHtml {
  const flags = question.flags.length ? html`<ul class="flags">${question.flags.map((f) => html`<li>${f.text}</li>`)}</ul>` : '';
  return html`<tr>
<th scope="row">${index + 1}. ${question.prompt}<br><small>${question.id} (${question.type})</small>${flags}</th>
<td class="number">${question.answered} of ${question.n}</td>
<td class="number">${shown(question.facility)}</td>
<td class="number">${shown(question.discrimination)}</td>
<td>${optionList(question)}</td>
</tr>`;
}

function quizTable(quiz: QuizStats): SafeHtml {
  const mean = quiz.mean === null ? 'no learner' : `mean ${Math.round(quiz.mean * 100) / 100} of ${quiz.maxScore} points`;
  return html`<table>
<caption>${quiz.title}: ${quiz.learners} ${quiz.learners === 1 ? 'learner' : 'learners'}, ${mean}</caption>
<thead><tr><th scope="col">Question</th><th scope="col">Answered</th><th scope="col">Facility</th><th scope="col">Discrimination</th><th scope="col">Answers (last try): count and share</th></tr></thead>
<tbody>${quiz.questions.map(questionRow)}</tbody>
</table>`;
}

/**
 * The item statistics page, a whole HTML document in English.
 * @example response.end(itemStatisticsHtml(itemStatistics(quizzes, learners)))
 */
export function itemStatisticsHtml(stats: ItemStatistics, title = 'Item statistics'): string {
  const body = stats.quizzes.length ? stats.quizzes.map(quizTable) : html`<p>No quiz yet.</p>`;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${title}</h1>
${body}
<h2>How to read it</h2>
<dl>
<dt>Answered</dt><dd>Learners who answered the question, of those who started the quiz; an unanswered question scores 0.</dd>
<dt>Facility</dt><dd>The mean score on the question as a share of its points, 0 to 100 (Moodle's facility index): higher is easier.</dd>
<dt>Discrimination</dt><dd>The correlation, −100 to 100, between the score on the question and the score on the rest of the quiz (Moodle's discrimination index): 30 or more is usually taken as telling stronger learners apart well, below 0 as a question to check; “–” when it cannot be computed (fewer than 2 learners, or everyone scored the same).</dd>
<dt>Answers</dt><dd>What each learner who answered gave on their last try, as a count and a share of those who answered; right answers are in bold.</dd>
${stats.flags.map((flag) => html`<dt>${flag.name}</dt><dd>${flag.meaning}</dd>`)}
</dl>
</main>
</body>
</html>
`.toString();
}
