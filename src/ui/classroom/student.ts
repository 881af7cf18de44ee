/**
 * The students' page of a live class, served by `npm run classroom` at `/join`: the page brings
 * its strings, its config and an empty `<main id="kit-student">`; this fills it (student-page.ts).
 */
// KaTeX's styles (a prompt or an explanation may hold maths, rendered at build time) and the
// deck's fonts (cut to the characters the kit shows, these strings included): shared with the
// deck, whose page then links them first, which neither minds. The deck's theme comes in through
// classroom.css: imported here, it would be shared too and linked before reveal.css on the deck's
// page, which would then override it.
import 'katex/dist/katex.min.css';
import 'virtual:kit-fonts.css';
import '../../../assets/theme/classroom.css';
import { createStrings } from '../../i18n/strings.ts';
import { readStrings } from '../language.ts';
import { startStudentPage } from './student-page.ts';

startStudentPage({
  doc: document,
  t: createStrings(readStrings()),
  socket: (url) => new WebSocket(url),
  storage: localStorage,
  location,
});
