import type { Translate } from '../i18n/strings.ts';
import { escapeHtml } from '../shared/escape-html.ts';


/**
 * The results slide: the runtime fills in the table of quizzes, sections and deck; the
 * buttons to download, load and reset are real buttons from the start.
 */
export function renderResultsSlide(t: Translate): string {
  return `<section id="results" data-quiz-results aria-labelledby="results-title" class="results-slide">
<h2 id="results-title">${escapeHtml(t('results.title'))}</h2>
<div data-results-table></div>
<div class="results-actions">
<button type="button" data-action="download-json">${escapeHtml(t('results.downloadJson'))}</button>
<button type="button" data-action="download-csv">${escapeHtml(t('results.downloadCsv'))}</button>
<label class="results-load"><span>${escapeHtml(t('results.load'))}</span> <input type="file" accept=".json,.csv,application/json,text/csv" data-action="load"></label>
<button type="button" data-action="reset-all">${escapeHtml(t('results.resetAll'))}</button>
</div>
<p data-results-status role="status" aria-live="polite"></p>
<aside class="notes"><p>Learners see their own scores here; nothing leaves their browser unless they download it. (about 1 minute)</p></aside>
</section>`;
}

/** The slide at the end of the final review where missed questions come back. */
export function renderMissedReviewSlide(t: Translate, quizId: string): string {
  return `<section id="quiz-missed" data-quiz-id="${quizId}" data-missed-review aria-labelledby="quiz-missed-title" class="quiz-slide quiz-missed">
<h2 id="quiz-missed-title">${escapeHtml(t('review.title'))}</h2>
<p class="quiz-meta">${escapeHtml(t('review.intro'))}</p>
<div data-missed-list><p>${escapeHtml(t('review.none'))}</p></div>
<aside class="notes"><p>In class, skip this slide; learners alone get their own missed questions here. (about 1 minute per question)</p></aside>
</section>`;
}
