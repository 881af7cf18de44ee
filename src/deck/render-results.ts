import type { Translate } from '../i18n/strings.ts';
import { ACTION, CLASS, DATA, attr } from '../shared/contract.ts';
import { html, raw } from '../shared/html.ts';
import { NAME_MAX } from '../quiz/index.ts';

const hook = (name: (typeof DATA)[keyof typeof DATA]) => raw(attr(name));

/**
 * The results slide: the runtime fills in the table of quizzes, sections and deck, and the name
 * the learner typed last time; the name field and the buttons to download, load and reset are
 * real, labelled controls from the start.
 */
export function renderResultsSlide(t: Translate): string {
  return html`<section id="results" ${hook(DATA.quizResults)} aria-labelledby="results-title" class="${CLASS.resultsSlide}">
<h2 id="results-title">${t('results.title')}</h2>
<div class="results-table" ${hook(DATA.resultsTable)}></div>
<div class="results-name">
<label for="results-name">${t('results.name')}</label>
<input type="text" id="results-name" name="learner-name" autocomplete="name" maxlength="${NAME_MAX}" spellcheck="false" aria-describedby="results-name-note" ${hook(DATA.action)}="${ACTION.learnerName}">
<p id="results-name-note" class="results-name-note">${t('results.nameNote')}</p>
</div>
<div class="results-actions">
<button type="button" ${hook(DATA.action)}="${ACTION.downloadJson}">${t('results.downloadJson')}</button>
<button type="button" ${hook(DATA.action)}="${ACTION.downloadCsv}">${t('results.downloadCsv')}</button>
<label class="results-load"><span>${t('results.load')}</span> <input type="file" accept=".json,.csv,application/json,text/csv" ${hook(DATA.action)}="${ACTION.load}"></label>
<button type="button" ${hook(DATA.action)}="${ACTION.resetAll}">${t('results.resetAll')}</button>
</div>
<p class="results-status" ${hook(DATA.resultsStatus)} role="status" aria-live="polite"></p>
<aside class="notes"><p>${t('results.notes')}</p></aside>
</section>`.toString();
}

/** The slide at the end of the final review where missed questions come back. */
export function renderMissedReviewSlide(t: Translate, quizId: string): string {
  return html`<section id="quiz-missed" ${hook(DATA.quizId)}="${quizId}" ${hook(DATA.missedReview)} aria-labelledby="quiz-missed-title" class="quiz-slide quiz-missed">
<h2 id="quiz-missed-title">${t('review.title')}</h2>
<p class="quiz-meta">${t('review.intro')}</p>
<div ${hook(DATA.missedList)}><p>${t('review.none')}</p></div>
<aside class="notes"><p>${t('review.notes')}</p></aside>
</section>`.toString();
}
