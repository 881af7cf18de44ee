import { deckResult, quizResult, readResultsText, SavedDataError } from '../quiz/index.ts';
import type { Translate } from '../i18n/strings.ts';
import { ACTION, DATA, attr, type QuizPayload } from '../shared/contract.ts';
import { html } from '../shared/html.ts';
import type { ProgressStore, ResultsDownload } from './progress-store.ts';
import { formatScore } from './format.ts';

const percent = (share: number) => `${Math.round(share * 100)}%`;
/** How many problems of a refused file the status line lists before "and N more". */
const PROBLEMS_SHOWN = 3;

/** Offers a text as a file to save. */
function download({ name, type, text }: ResultsDownload): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Where in the file, without the file's name, which the status line says first: "line 12", "quiz "x", question "y"". */
function placeIn(file: string, where: string): string {
  const rest = where.startsWith(file) ? where.slice(file.length).replace(/^, /, '').replace(/^:(\d+)$/, 'line $1') : where;
  return rest;
}

/** A refused file's problems, a few of them, for the status line. */
function reasons(error: unknown, file: string, t: Translate): string {
  if (!(error instanceof SavedDataError)) return (error as Error).message;
  const shown = error.problems.slice(0, PROBLEMS_SHOWN).map((p) => [placeIn(file, p.where), p.message].filter(Boolean).join(': '));
  const more = error.problems.length - shown.length;
  return [...shown, ...(more > 0 ? [t('results.moreProblems', { n: more })] : [])].join('; ');
}

/**
 * The results slide: score and pass mark of each quiz, each section and the deck; the learner's
 * name (kept in this browser, written into downloads); download and load results as JSON or
 * CSV; reset everything.
 */
export function createResultsView(root: ParentNode, opts: { payload: QuizPayload; store: ProgressStore; t: Translate; onReset: () => void }) {
  const { payload, store, t } = opts;
  const slide = root.querySelector<HTMLElement>(`[${attr(DATA.quizResults)}]`);
  if (!slide) return { render() {}, destroy() {} };
  const table = slide.querySelector<HTMLElement>(`[${attr(DATA.resultsTable)}]`)!;
  const status = slide.querySelector<HTMLElement>(`[${attr(DATA.resultsStatus)}]`)!;
  const nameInput = slide.querySelector<HTMLInputElement>(`input[${attr(DATA.action)}="${ACTION.learnerName}"]`);
  if (nameInput) nameInput.value = store.name();
  const state = (passed: boolean) => (passed ? `✓ ${t('quiz.passed')}` : `✗ ${t('quiz.notPassed')}`);

  const render = () => {
    const sessions = store.sessions();
    let anyStarted = false;
    const rows = payload.quizzes.map((quiz) => {
      const result = quizResult(quiz, sessions.find((s) => s.quizId === quiz.id));
      const started = result.questions.some((q) => q.tries > 0);
      anyStarted ||= started;
      return html`<tr ${attr(DATA.resultQuiz)}="${quiz.id}"><th scope="row">${quiz.title}</th><td>${formatScore(result.score)} / ${formatScore(result.maxScore)} (${percent(result.share)})</td><td>${percent(quiz.pass)}</td><td>${started ? state(result.passed) : t('results.notStarted')}</td></tr>`;
    });
    const deck = deckResult(payload.quizzes, sessions);
    table.innerHTML = html`<table><caption class="visually-hidden">${t('results.title')}</caption>
<thead><tr><th scope="col">${t('results.quiz')}</th><th scope="col">${t('results.score')}</th><th scope="col">${t('results.pass')}</th><th scope="col">${t('results.status')}</th></tr></thead>
<tbody>${rows}</tbody>
<tfoot><tr ${attr(DATA.resultDeck)}><th scope="row">${t('results.deck')}</th><td>${formatScore(deck.score)} / ${formatScore(deck.maxScore)} (${percent(deck.share)})</td><td></td><td>${anyStarted ? state(deck.passed) : t('results.notStarted')}</td></tr></tfoot></table>`.toString();
    // The table scrolls inside the slide if a deck ever has more quizzes than fit (or on a narrow phone): reachable by keyboard then.
    const scrolls = table.scrollHeight > table.clientHeight + 1 || table.scrollWidth > table.clientWidth + 1;
    if (scrolls) table.setAttribute('tabindex', '0');
    else table.removeAttribute('tabindex');
  };

  const onClick = (event: Event) => {
    const action = (event.target as Element).closest<HTMLElement>(`[${attr(DATA.action)}]`)?.dataset[DATA.action];
    if (action === ACTION.downloadJson) download(store.exportFile('json'));
    if (action === ACTION.downloadCsv) download(store.exportFile('csv'));
    if (action === ACTION.resetAll && confirm(t('results.resetAllConfirm'))) {
      store.resetAll();
      opts.onReset();
      status.textContent = t('results.reset');
    }
  };
  const input = slide.querySelector<HTMLInputElement>(`input[type=file][${attr(DATA.action)}="${ACTION.load}"]`);
  const onFile = async () => {
    const file = input?.files?.[0];
    if (!input || !file) return;
    try {
      const { data, placeOf } = readResultsText(file.name, await file.text(), store.learner);
      // Checked in full and re-graded before anything is written; a refused file changes nothing.
      const loaded = store.load(data, file.name, placeOf);
      if (nameInput) nameInput.value = store.name();
      opts.onReset();
      status.textContent = loaded.name ? t('results.loadedName', { name: loaded.name }) : t('results.loaded');
    } catch (error) {
      status.textContent = t('results.loadFailed', { file: file.name, reason: reasons(error, file.name, t) });
    }
    input.value = '';
  };
  // Kept at each key press, so a download right after typing carries the name.
  const onName = () => store.setName(nameInput!.value);
  slide.addEventListener('click', onClick);
  input?.addEventListener('change', onFile);
  nameInput?.addEventListener('input', onName);
  const stop = store.onChange(render);
  render();
  return {
    render,
    destroy() {
      slide.removeEventListener('click', onClick);
      input?.removeEventListener('change', onFile);
      nameInput?.removeEventListener('input', onName);
      stop();
    },
  };
}
