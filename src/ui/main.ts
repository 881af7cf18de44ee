import Reveal, { type RevealApi } from 'reveal.js';
import Search from 'reveal.js/plugin/search';
import Zoom from 'reveal.js/plugin/zoom';
import 'reveal.js/reveal.css';
import 'katex/dist/katex.min.css';
// The deck's fonts, cut at build time to the characters it shows (src/deck/fonts.ts).
import 'virtual:kit-fonts.css';
import '../../assets/theme/kit.css';
import '../../assets/theme/print.css';
import { createStrings, type Translate } from '../i18n/strings.ts';
import { createAccessibilityPlugin } from './accessibility.ts';
import { createContrastPlugin } from './contrast.ts';
import { createDiagramViewerPlugin } from './diagram-viewer.ts';
import { createLayoutPlugin, PHONE_WIDTH } from './layout.ts';
import { createMotionPlugin } from './motion.ts';
import { createNotesLoaderPlugin } from './notes-loader.ts';
import { createQuizLoaderPlugin, type QuizStart } from './quiz-loader.ts';
import { keyboardCondition, readPayload } from './quiz-page.ts';
import { keepSection } from './section.ts';
import { attr, DATA, emptyPayload, readPrintQuery } from '../shared/contract.ts';
import type { KeyValueStorage } from './progress-store.ts';
import { LEARNER_KEY, PROGRESS_KEY } from './progress-keys.ts';
import { findScormApi } from './scorm-api.ts';
import { createSpeakerViewPlugin } from './speaker-view.ts';
import { connectLanguageSwitch, readStrings, reserveSwitchCorner, translateKeyboardHelp } from './language.ts';

/**
 * The deck itself: reveal.js with our plugins, the learner's preferences among them. The first
 * slide waits only for what it shows: the quiz plugin comes when a quiz is near or saved progress
 * must be restored (`quiz-loader.ts`), the speaker view on S (`notes-loader.ts`), the print code
 * only in a print view. Printed (`print`), it runs without the quiz plugin: a printed question
 * has no form to grade, no progress to restore and no results to show. Inside an LMS the quiz
 * plugin starts with the deck, as the LMS's progress is restored and reported from the start.
 */
async function startDeck(t: Translate, print = false): Promise<void> {
  const lms = print ? undefined : await lmsStorage();
  const quizzes = print ? [] : lms ? [(await import('./quizzes.ts')).createQuizPlugin(t, lms)] : [createQuizLoaderPlugin({ t, load: loadQuizPlugin(t) })];
  const deck = new Reveal({
    // The layout plugin sets the size for the screen (a phone gets a narrower slide).
    width: 1280,
    height: 720,
    margin: 0.04,
    hash: true,
    slideNumber: 'c/t',
    progress: true,
    controls: true,
    // Content starts at the top of every slide, so headings do not jump; title slides centre by CSS.
    center: false,
    // Below this width (phones) the deck becomes a scroll view; `?view=scroll` asks for it anywhere.
    scrollActivationWidth: PHONE_WIDTH,
    scrollLayout: 'compact',
    // Slides change at once: nothing to wait for in class, in print or in a screenshot.
    // `?transition=fade` asks for one, and reduced motion always turns it off again.
    transition: 'none',
    backgroundTransition: 'none',
    keyboardCondition,
    // Printed slides show every fragment in its final state; `?pdfSeparateFragments=true` prints each step.
    pdfSeparateFragments: false,
    // Each concern is a plugin built with the deck and undone with it (`init`, `destroy`).
    plugins: [
      createNotesLoaderPlugin(async () => (await import('reveal.js/plugin/notes')).default),
      Search,
      Zoom,
      createSpeakerViewPlugin(window, t),
      createLayoutPlugin(),
      createMotionPlugin(),
      createAccessibilityPlugin(t),
      createContrastPlugin(t),
      createDiagramViewerPlugin(t),
      ...quizzes,
    ],
  });
  // Tools and tests reach the deck through the same global reveal.js has always offered.
  (globalThis as { Reveal?: unknown }).Reveal = deck;
  // In print view (`?print-pdf`) the PDF export waits for this signal, not for a timer.
  if (print)
    deck.on('pdf-ready', async () => {
      const { fitPrintedQuestions, signalPrintReady } = await import('./print/print-mode.ts');
      fitPrintedQuestions(document, deck.getComputedSlideSize(window.innerWidth, window.innerHeight).height);
      void signalPrintReady();
    });
  reserveSwitchCorner(deck);
  translateKeyboardHelp(deck, t);
  connectLanguageSwitch(document, globalThis.localStorage, () => deck.getCurrentSlide()?.id);
  await deck.initialize();
  if (!print) await startClassroom(deck, t);
}

/** The quiz plugin, fetched when the loader says it is needed, with what the page said before it came. */
function loadQuizPlugin(t: Translate) {
  return async (start: QuizStart) => (await import('./quizzes.ts')).createQuizPlugin(t, undefined, start);
}

/**
 * A live class: the classroom server puts its config (`#kit-classroom`) only into the pages it
 * serves the teacher. Only then is the teacher's panel fetched, so the self-study deck carries
 * none of it; never in the speaker view's previews (`?receiver`), which would connect again.
 * The id is `CLASSROOM_CONFIG_ID` written out: importing `shared/classroom.ts` would bring its
 * message schemas (valibot) into every page.
 */
async function startClassroom(deck: RevealApi, t: Translate): Promise<void> {
  if (!document.getElementById('kit-classroom') || new URLSearchParams(location.search).has('receiver')) return;
  const { startTeacherPanel } = await import('./classroom/teacher-panel.ts');
  startTeacherPanel(deck, t, readPayload());
}

/**
 * An LMS's storage when the deck runs as a SCORM package (a SCORM API in a parent frame or the
 * opener): progress then lives in the LMS, which also receives status, score and answers. The
 * adapter is fetched only then; without an LMS the deck keeps its progress in the browser.
 */
async function lmsStorage(): Promise<KeyValueStorage | undefined> {
  // The speaker view's previews (`?receiver`) are copies of the deck: one session per launch.
  const found = new URLSearchParams(location.search).has('receiver') ? undefined : findScormApi();
  if (!found) return undefined;
  const [{ connectLms }, { engine }] = await Promise.all([import('./scorm.ts'), import('./quizzes.ts')]);
  // Only the quizzes on the page: a package of one section reports that section's quiz.
  const quizzes = (readPayload()?.quizzes ?? []).filter((quiz) => document.querySelector(`[${attr(DATA.quizId)}="${CSS.escape(quiz.id)}"]`));
  let local: KeyValueStorage;
  try {
    local = globalThis.localStorage;
  } catch {
    local = { getItem: () => null, setItem: () => {}, removeItem: () => {} };
  }
  return connectLms(found, { quizzes, engine, keys: { progress: PROGRESS_KEY, learner: LEARNER_KEY }, local });
}

const options = readPrintQuery(location.search);
// The page's own strings, in its language.
const t = createStrings(readStrings());
if (options.mode) {
  // A handout, worksheet or answer key: a printable page made from the deck, not the deck.
  const payload = readPayload() ?? emptyPayload();
  if (options.section) keepSection(document, options.section, payload);
  const { renderPrintPage } = await import('./print/print-mode.ts');
  await renderPrintPage({ ...options, mode: options.mode }, payload, t);
} else {
  if (options.section) keepSection(document, options.section);
  // The slides for a room (or, with answers, for the teacher): every question a clean slide.
  if (options.slides) (await import('./print/print-mode.ts')).prepareSlidesForPrint(document, readPayload() ?? emptyPayload(), t, { withAnswers: options.withAnswers });
  await startDeck(t, options.slides);
}
