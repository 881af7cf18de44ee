import Reveal from 'reveal.js';
import Notes from 'reveal.js/plugin/notes';
import Search from 'reveal.js/plugin/search';
import Zoom from 'reveal.js/plugin/zoom';
import 'reveal.js/reveal.css';
import 'katex/dist/katex.min.css';
import '@fontsource/atkinson-hyperlegible/400.css';
import '@fontsource/atkinson-hyperlegible/700.css';
import '@fontsource/atkinson-hyperlegible/400-italic.css';
import 'virtual:kit-cjk-fonts.css';
import '../../assets/theme/kit.css';
import { createAccessibility } from './accessibility.ts';
import { createLayout, PHONE_WIDTH } from './layout.ts';
import { createMotionPreference } from './motion.ts';
import { createQuizPlugin, keyboardCondition } from './quizzes.ts';

const motion = createMotionPreference();
const layout = createLayout();
const deck = new Reveal({
  ...layout.size,
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
  plugins: [Notes, Search, Zoom, createQuizPlugin()],
});

// Tools and tests reach the deck through the same global reveal.js has always offered.
(globalThis as { Reveal?: unknown }).Reveal = deck;
await deck.initialize();
motion.bind(deck);
layout.bind(deck);
createAccessibility(deck).bind();
