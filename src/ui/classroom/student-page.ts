/**
 * The students' page of a live class (`/join`): join with the class code (and a name, or none),
 * wait, answer the question the teacher opens, see the verdict when the teacher reveals it. The
 * server says where the room is (`room`) and the page shows that, whatever came before: a phone
 * that reconnects, reloads or wakes shows the room as it is now, and an answer sent but never
 * acknowledged is sent again. Everything it touches is passed in, so tests drive it with a fake
 * socket.
 */
import type { Response } from '../../quiz/index.ts';
import {
  CLASSROOM_WS,
  JOIN_PATH,
  STUDENT_CONFIG_ID,
  studentTokenKey,
  type AnswerMessage,
  type ErrorCode,
  type ServerMessage,
  type StudentConfig,
  type StudentRoom,
} from '../../shared/classroom.ts';
import type { Translate } from '../../i18n/strings.ts';
import { html, raw } from '../../shared/html.ts';
import { createConnection, type OpenSocket, type Timers } from './student-connection.ts';
import { joinMarkup, readJoinForm, showJoinError } from './student-join.ts';
import { mountQuestion, type StudentQuestion } from './student-question.ts';

export interface StudentPageOptions {
  doc: Document;
  t: Translate;
  socket: OpenSocket;
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  location: Pick<Location, 'protocol' | 'host' | 'assign'>;
  timers?: Timers;
}

/** Errors after which sending the same answer again may work (once it is changed, or a moment later). */
const SEND_AGAIN: readonly ErrorCode[] = ['bad-message', 'too-big', 'bad-response', 'rate-limited'];

/** What the server put in the page: the class code when the address carried it. */
export function readStudentConfig(doc: Document): StudentConfig {
  const text = doc.getElementById(STUDENT_CONFIG_ID)?.textContent;
  return text ? (JSON.parse(text) as StudentConfig) : {};
}

/** The WebSocket's address on this page's host, `wss:` when the page came over https. */
export const socketUrl = (location: Pick<Location, 'protocol' | 'host'>) => `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${CLASSROOM_WS}`;

/** The page's skeleton: one heading (the class), the connection's status, the join form, the room's status and the question. */
const pageMarkup = (t: Translate, code: string) => html`<header class="student-bar">
<h1 class="student-class">${code ? t('classroom.student.heading', { code }) : t('classroom.student.headingNoCode')}</h1>
<p class="student-connection" role="status" aria-live="polite"></p>
</header>
${joinMarkup(t, code)}
<p class="student-status" role="status" aria-live="polite"></p>
<section class="student-question reveal" aria-labelledby="student-question-heading" hidden>
<h2 id="student-question-heading" class="quiz-heading" tabindex="-1"><span class="quiz-title"></span> <span class="quiz-count"></span></h2>
<div class="student-form"></div>
</section>`;

export function startStudentPage({ doc, t, socket, storage, location, timers }: StudentPageOptions) {
  const main = doc.getElementById('kit-student') ?? doc.body.appendChild(doc.createElement('main'));
  let code = readStudentConfig(doc).code?.toUpperCase() ?? '';
  main.innerHTML = pageMarkup(t, code).toString();
  const find = <E extends HTMLElement>(selector: string) => main.querySelector<E>(selector)!;
  const heading = find('.student-class');
  const connectionStatus = find('.student-connection');
  const joinSection = find('.student-join');
  const joinForm = find<HTMLFormElement>('.student-join form');
  const status = find('.student-status');
  const questionSection = find('.student-question');
  const questionHeading = find('#student-question-heading');
  const slot = find('.student-form');

  const readToken = () => {
    try {
      return code ? (storage.getItem(studentTokenKey(code)) ?? undefined) : undefined;
    } catch {
      return undefined;
    }
  };
  let token = readToken();
  let name = '';
  let welcomeName = '';
  /** A join was sent and neither `welcome` nor an error has come back: an error is about the join. */
  let joining = false;
  /** Counts the sockets opened: an answer sent on an earlier one may never have arrived. */
  let connections = 0;
  let current: StudentQuestion | undefined;
  let revealedTry: string | undefined;
  /** The answer sent and not yet acknowledged, and the socket it went out on (0: none yet). */
  let pending: { message: AnswerMessage; connection: number } | undefined;
  let leaving = false;

  const connection = createConnection(
    socketUrl(location),
    socket,
    {
      onOpen() {
        connections++;
        connectionStatus.textContent = '';
        if (code) sendJoin();
      },
      onMessage: receive,
      onLost() {
        joining = false;
        connectionStatus.textContent = t('classroom.student.reconnecting');
      },
    },
    timers,
  );
  let started = false;
  const connect = () => {
    if (started) return sendJoin();
    started = true;
    connectionStatus.textContent = t('classroom.student.connecting');
    connection.start();
  };

  function sendJoin() {
    joining = connection.send({ type: 'join', code, ...(token ? { token } : name ? { name } : {}) });
  }

  function setCode(next: string) {
    code = next;
    heading.textContent = t('classroom.student.heading', { code });
    doc.title = t('classroom.student.heading', { code });
  }

  function showJoin(error?: ErrorCode) {
    joinSection.hidden = false;
    questionSection.hidden = true;
    status.textContent = '';
    if (error) showJoinError(joinForm, t(`classroom.error.${error}`), error === 'unknown-class');
  }

  const waitingText = () => (welcomeName ? t('classroom.student.waiting', { name: welcomeName }) : t('classroom.student.waitingAnonymous'));

  function receive(message: ServerMessage) {
    if (leaving) return;
    switch (message.type) {
      case 'welcome':
        joining = false;
        token = message.token;
        welcomeName = message.name;
        setCode(message.code);
        try {
          storage.setItem(studentTokenKey(message.code), message.token);
        } catch {
          // Storage refused (private mode): the student stays joined until the page is closed.
        }
        joinSection.hidden = true;
        if (!current) status.textContent = waitingText();
        return;
      case 'room':
        return showRoom(message);
      case 'answered':
        if (pending && sameTry(pending.message, message)) {
          pending = undefined;
          if (current && sameTry(current, message)) current.show('sent');
        }
        return;
      case 'error':
        return refused(message.code);
      default:
        // Teacher messages never reach a student's socket.
        return;
    }
  }

  const sameTry = (a: { quiz: string; question: string; try: number }, b: { quiz: string; question: string; try: number }) =>
    a.quiz === b.quiz && a.question === b.question && a.try === b.try;

  function refused(error: ErrorCode) {
    if (joining) {
      joining = false;
      // The class is gone or does not know this phone: join afresh.
      if (token && (error === 'unknown-class' || error === 'not-joined')) forgetToken();
      return showJoin(error);
    }
    if (error === 'not-joined') {
      // The server no longer knows this socket: join again; the room that follows sends the answer again.
      if (pending) pending.connection = 0;
      return sendJoin();
    }
    if (pending) {
      pending = undefined;
      if (error === 'already-answered') return current?.show('sent');
      return current?.refuse(t(`classroom.error.${error}`), SEND_AGAIN.includes(error));
    }
    status.textContent = t(`classroom.error.${error}`);
  }

  function forgetToken() {
    try {
      storage.removeItem(studentTokenKey(code));
    } catch {
      // Nothing stored to forget.
    }
    token = undefined;
  }

  /** The room as the server says it is now. */
  function showRoom(room: StudentRoom) {
    if (room.lang !== doc.documentElement.lang) return changeLanguage(room);
    joinSection.hidden = true;
    if (room.code !== code) setCode(room.code);
    const asked = room.question;
    if (!asked) {
      current?.destroy();
      current = undefined;
      questionSection.hidden = true;
      status.textContent = waitingText();
      return;
    }
    status.textContent = '';
    if (!current || current.quiz !== asked.quiz || current.question !== asked.question) {
      current?.destroy();
      revealedTry = undefined;
      questionSection.hidden = false;
      questionHeading.querySelector('.quiz-title')!.innerHTML = raw(asked.title).toString();
      questionHeading.querySelector('.quiz-count')!.textContent = t('quiz.questionOf', { n: asked.number, total: asked.total });
      current = mountQuestion(slot, asked, { t, onSend: (response) => sendAnswer(asked.quiz, asked.question, response) });
      if (room.answered) current.write(room.answered.response);
      // A new question: a screen reader starts reading there, and a phone scrolls to it.
      questionHeading.focus();
    } else if (current.try !== asked.try) current.newTry(asked);

    const thisTry = `${asked.quiz}/${asked.question}/${asked.try}`;
    if (room.phase === 'revealed' && room.reveal) {
      pending = undefined;
      if (revealedTry !== thisTry) current.reveal(room.reveal, room.answered?.response);
      revealedTry = thisTry;
      return;
    }
    if (room.answered) {
      if (pending && sameTry(pending.message, asked)) pending = undefined;
      return current.show('sent');
    }
    if (pending && sameTry(pending.message, asked) && room.phase === 'open') {
      // Sent on a socket that dropped before the server said it had it: send it again.
      if (pending.connection !== connections && connection.send(pending.message)) pending.connection = connections;
      return current.show('sending');
    }
    pending = undefined;
    current.show(room.phase === 'open' ? 'answering' : 'closed');
  }

  function sendAnswer(quiz: string, question: string, response: Response) {
    if (!current) return;
    const message: AnswerMessage = { type: 'answer', quiz, question, try: current.try, response } as AnswerMessage;
    pending = { message, connection: connection.send(message) ? connections : 0 };
    current.show('sending');
  }

  /** The teacher's deck speaks another language: the page follows (the token stays in storage). */
  function changeLanguage(room: StudentRoom) {
    leaving = true;
    connection.stop();
    location.assign(`${JOIN_PATH}?code=${encodeURIComponent(room.code)}&lang=${encodeURIComponent(room.lang)}`);
  }

  joinForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const entered = readJoinForm(joinForm, t);
    if (!entered) return;
    if (entered.code !== code) {
      setCode(entered.code);
      token = readToken();
    }
    name = entered.name;
    connect();
  });

  // A phone that wakes or finds its network again tries at once rather than at the end of a wait.
  const hurry = () => {
    if (doc.visibilityState !== 'hidden') connection.hurry();
  };
  doc.addEventListener('visibilitychange', hurry);
  doc.defaultView?.addEventListener('online', hurry);

  if (code && token) connect();
  else showJoin();

  return {
    stop() {
      leaving = true;
      connection.stop();
      current?.destroy();
      doc.removeEventListener('visibilitychange', hurry);
      doc.defaultView?.removeEventListener('online', hurry);
    },
  };
}
