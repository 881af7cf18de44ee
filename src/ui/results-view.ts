import { deckResult, quizResult, type Quiz } from '../quiz/index.ts';
import type { Translate } from '../i18n/strings.ts';
import type { QuizPayload } from '../shared/contract.ts';
import type { ProgressStore } from './progress-store.ts';
import { csvToSaved, resultsCsv } from './results-csv.ts';
import { escapeHtml } from '../shared/escape-html.ts';

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** Offers a text as a file to save. */
function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * The results slide: score and pass mark of each quiz, each section and the deck; download
 * and load results as JSON or CSV; reset everything.
 */
export function createResultsView(root: ParentNode, opts: { payload: QuizPayload; store: ProgressStore; t: Translate; sectionTitles: Record<string, string>; onReset: () => void }) {
  const { payload, store, t } = opts;
  const slide = root.querySelector<HTMLElement>('[data-quiz-results]');
  if (!slide) return { render() {} };
  const table = slide.querySelector<HTMLElement>('[data-results-table]')!;
  const status = slide.querySelector<HTMLElement>('[data-results-status]')!;

  const render = () => {
    const sessions = store.sessions();
    const rows = payload.quizzes.map((quiz) => {
      const session = sessions.find((s) => s.quizId === quiz.id);
      const result = quizResult(quiz, session);
      const started = result.questions.some((q) => q.tries > 0);
      const state = !started ? t('results.notStarted') : result.passed ? `✓ ${t('quiz.passed')}` : `✗ ${t('quiz.notPassed')}`;
      return `<tr data-result-quiz="${quiz.id}"><th scope="row">${escapeHtml(quiz.title)}</th><td>${escapeHtml(opts.sectionTitles[quiz.after ?? ''] ?? '')}</td><td>${result.score} / ${result.maxScore} (${percent(result.share)})</td><td>${percent(quiz.pass)}</td><td>${escapeHtml(state)}</td></tr>`;
    });
    const deck = deckResult(payload.quizzes, sessions);
    table.innerHTML = `<table><caption class="visually-hidden">${escapeHtml(t('results.title'))}</caption>
<thead><tr><th scope="col">${escapeHtml(t('results.quiz'))}</th><th scope="col">${escapeHtml(t('results.section'))}</th><th scope="col">${escapeHtml(t('results.score'))}</th><th scope="col">${escapeHtml(t('results.pass'))}</th><th scope="col">${escapeHtml(t('results.status'))}</th></tr></thead>
<tbody>${rows.join('')}</tbody>
<tfoot><tr data-result-deck><th scope="row">${escapeHtml(t('results.deck'))}</th><td></td><td>${deck.score} / ${deck.maxScore} (${percent(deck.share)})</td><td></td><td>${escapeHtml(deck.passed ? `✓ ${t('quiz.passed')}` : `✗ ${t('quiz.notPassed')}`)}</td></tr></tfoot></table>`;
  };

  slide.addEventListener('click', (event) => {
    const action = (event.target as Element).closest<HTMLElement>('[data-action]')?.dataset.action;
    if (action === 'download-json') download('results.json', 'application/json', store.exportJson());
    if (action === 'download-csv') download('results.csv', 'text/csv', resultsCsv(payload.quizzes, store));
    if (action === 'reset-all' && confirm(t('results.resetAllConfirm'))) {
      store.resetAll();
      opts.onReset();
      status.textContent = t('results.reset');
    }
  });
  slide.querySelector<HTMLInputElement>('input[type=file]')?.addEventListener('change', async (event) => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    try {
      const text = await file.text();
      const isCsv = /\.csv$/i.test(file.name) || text.trimStart().startsWith('level,');
      store.importJson(isCsv ? csvToSaved(text, store.learner) : text, payload.quizzes);
      opts.onReset();
      status.textContent = t('results.loaded');
    } catch (error) {
      status.textContent = t('results.loadFailed', { reason: (error as Error).message });
    }
    input.value = '';
  });
  store.onChange(render);
  render();
  return { render };
}
