/**
 * What the deck's first script needs to know about quizzes before their code is loaded (see
 * `quiz-loader.ts`): where the quiz data is, which keys belong to a quiz rather than to slide
 * navigation, how a notice is shown, and the detour a reload may have to return from. Kept apart from `quizzes.ts`, which brings the quiz
 * engine and every quiz view with it.
 */
import type { Translate } from '../i18n/strings.ts';
import { DATA, PAYLOAD_ID, type QuizPayload } from '../shared/contract.ts';
import { html } from '../shared/html.ts';
import { cls, hook } from './hooks.ts';

/** Where a key press belongs to a quiz (or the results), not to slide navigation. */
const INTERACTIVE = `${cls('quizQuestion')}, ${cls('resultsSlide')}, .kit-notice`;

/** What the quiz plugin gives behaviour to: a quiz's slides, the results, the missed-question review, a practice list. */
export const QUIZ_PARTS = `${hook(DATA.quizId)}, ${hook(DATA.practiceId)}, ${hook(DATA.missedReview)}, ${hook(DATA.quizResults)}, ${cls('resultsSlide')}`;

/** Where a "Review the slide" detour keeps its question in a history entry: the id of the question's slide. */
export const RETURN_STATE_KEY = 'kitReturnTo';

/** The question's slide id this history entry is a detour from, if it is one (`slide-return.ts`). */
export function returnState(): string | undefined {
  const state: unknown = history.state;
  const id = state && typeof state === 'object' ? (state as Record<string, unknown>)[RETURN_STATE_KEY] : undefined;
  return typeof id === 'string' ? id : undefined;
}

/** The quizzes' data, written into the page by the build. */
/** Whether reveal.js shows the deck as its scroll view (phones, `?view=scroll`); its types do not name the method yet. */
export function isScrollView(deck: object): boolean {
  return !!(deck as { isScrollView?(): boolean }).isScrollView?.();
}

export function readPayload(doc: Document = document): QuizPayload | undefined {
  const data = doc.getElementById(PAYLOAD_ID)?.textContent;
  return data ? (JSON.parse(data) as QuizPayload) : undefined;
}

/** Keys pressed inside a quiz stay there: arrows move between choices, never to another slide. */
export function keyboardCondition(event: KeyboardEvent): boolean {
  const target = event.target as Element | null;
  return !target?.closest?.(INTERACTIVE);
}

/** A message to the learner that stays until dismissed, announced politely. */
export function showNotice(text: string, t: Translate): () => void {
  const notice = document.createElement('div');
  notice.className = 'kit-notice';
  notice.setAttribute('role', 'status');
  notice.innerHTML = html`<p>${text}</p><button type="button">${t('notice.ok')}</button>`.toString();
  notice.querySelector('button')!.addEventListener('click', () => notice.remove());
  // Several notices at once stand one under the other.
  const others = document.querySelectorAll('.kit-notice').length;
  if (others) notice.style.top = `${12 + others * 8}px`;
  document.body.append(notice);
  return () => notice.remove();
}
