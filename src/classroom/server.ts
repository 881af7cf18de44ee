/**
 * The classroom server: Node's own `http` for pages and files, `ws` for the live messages, one
 * class at a time, kept in the store. It serves the built deck to the teacher only (its pages
 * carry the quiz key), the students' page to anyone, and speaks the messages of
 * `src/shared/classroom.ts`, every one checked, size-limited and rate-limited before the room
 * sees it.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';
import sirv from 'sirv';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  CLASSROOM_CONFIG_ID,
  CLASSROOM_WS,
  CODE_ALPHABET,
  CODE_LENGTH,
  JOIN_PATH,
  STUDENT_CONFIG_ID,
  STUDENT_DIST,
  TEACHER_PATH,
  readClientMessage,
  type ErrorCode,
  type ServerMessage,
  type StudentConfig,
  type TeacherConfig,
} from '../shared/classroom.ts';
import { STRINGS_ID } from '../shared/contract.ts';
import { format } from '../i18n/strings.ts';
import { html, jsonScript, raw } from '../shared/html.ts';
import { itemStatistics, localIsoTime, writeResultsCsv } from '../quiz/index.ts';
import { itemStatisticsHtml } from '../shared/item-stats-html.ts';
import { localChannel, type Channel } from './channel.ts';
import { DeckContentError, readDeckContent, type DeckContent } from './deck-content.ts';
import { keyedBuckets, tokenBucket, type RateLimit } from './rate-limit.ts';
import { ClassRoom, type RoomNews } from './room.ts';
import type { ClassRecord, ClassStore } from './store.ts';

export interface ClassroomOptions {
  /** The built deck (dist/). */
  dist: string;
  store: ClassStore;
  /** The address to listen on: loopback unless told (`0.0.0.0` for a classroom network). */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Start a new class even if the store holds one. */
  newClass?: boolean;
  /** Joins per address, messages per connection, open connections per address, students per class. */
  limits?: { join?: RateLimit; messages?: RateLimit; perAddress?: number; students?: number };
  /** The channel the room's news travels on (one process: local). */
  channel?: Channel<RoomNews>;
  /** The teacher's answer counts are sent at most this often, in ms (answers coalesced). */
  teacherInterval?: number;
  now?: () => Date;
}

export interface ClassroomServer {
  /** The address the server listens on, as a URL ending in `/`. */
  url: string;
  /** The address students open (the machine's network address when listening on every interface). */
  joinUrl: string;
  joinUrlWithCode: string;
  /** The teacher's link: it carries the secret. */
  teacherUrl: string;
  code: string;
  resumed: boolean;
  room: ClassRoom;
  close(): Promise<void>;
}

/** The default limits: a classroom's phones behind one address (a school's NAT) still join at once; no phone needs more than a few messages a second. */
export const DEFAULT_LIMITS = { join: { burst: 120, perSecond: 20 }, messages: { burst: 20, perSecond: 5 }, perAddress: 500, students: 5000 } satisfies Required<NonNullable<ClassroomOptions['limits']>>;

/** The largest frame the socket takes at all; above `MAX_CLIENT_MESSAGE` the server still answers `too-big`. */
const MAX_FRAME = 64 * 1024;
/** Above this many bytes waiting to be sent, a socket is not reading: it is dropped (its phone reconnects when it can). */
const MAX_BUFFERED = 1024 * 1024;
/** Sockets are pinged this often; one that has not answered the last ping is closed (a phone that slept). */
const HEARTBEAT_MS = 30_000;
/** What the students may fetch from dist/: the scripts, styles, fonts and images (no page: the pages hold the key). */
const RE_PUBLIC = /^\/(?:classroom\/)?assets\/[\w.-]+$/;
const RE_DECK_PAGE = /^\/(?:index(?:\.[\w-]+)?\.html)?$/;

const newCode = () => Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

/** The first address of this machine on a network, for the join link when listening everywhere. */
function networkAddress(): string | undefined {
  for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  return undefined;
}

function sameSecret(given: string | undefined, secret: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A cookie's value as sent (the server's own cookies are URL-safe: nothing to decode, nothing to throw on). */
function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/** Whether a WebSocket's request comes from a page of this server: no Origin (not a browser), or one naming this host. `null` and junk are refused. */
function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/**
 * Whether a request names this server as it was given: an IP address, `localhost`, or this
 * machine's own name. A page elsewhere whose domain is made to point at this computer (DNS
 * rebinding) names its own domain, and is refused.
 */
function knownHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1').toLowerCase();
  const own = hostname().toLowerCase();
  return isIP(name) !== 0 || name === 'localhost' || name === own || name === `${own}.local`;
}

const SECURITY_HEADERS = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'x-frame-options': 'SAMEORIGIN' };

function send(res: ServerResponse, status: number, type: string, body: string | Uint8Array, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...SECURITY_HEADERS, ...headers }).end(body);
}

/** A short page in words: a refusal, or where to go instead. */
function notice(res: ServerResponse, status: number, title: string, text: string, link?: { href: string; label: string }): void {
  send(
    res,
    status,
    'text/html; charset=utf-8',
    html`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
<style>body{font:18px/1.5 system-ui,sans-serif;margin:2rem;color:#14181f;max-width:40rem}a{color:#0b57d0}</style></head>
<body><main><h1>${title}</h1><p>${text}</p>${link && html`<p><a href="${link.href}">${link.label}</a></p>`}</main></body></html>`.toString(),
  );
}

interface ManifestChunk {
  file: string;
  css?: string[];
  imports?: string[];
}

/** The students' page's script, the chunks it imports and every style sheet of either, from Vite's manifest. */
function studentAssets(dist: string): { script: string; chunks: string[]; css: string[]; icon?: string } {
  const file = join(dist, STUDENT_DIST, '.vite', 'manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, ManifestChunk>;
  const entry = manifest['src/ui/classroom/student.ts'];
  if (!entry) throw new DeckContentError(`${file} lists no students' page: rebuild the deck with npm run build`);
  const chunks: string[] = [];
  const css = new Set(entry.css ?? []);
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || chunks.includes(chunk.file)) return;
    chunks.push(chunk.file);
    for (const sheet of chunk.css ?? []) css.add(sheet);
    chunk.imports?.forEach(visit);
  };
  entry.imports?.forEach(visit);
  // The deck's own icon (so the browser asks for no /favicon.ico, which is the teacher's).
  const icon = /<link rel="icon"[^>]* href="\.\/([^"]+)"/.exec(readFileSync(join(dist, 'index.html'), 'utf8'))?.[1];
  const url = (path: string) => `${STUDENT_DIST}/${path}`;
  return { script: url(entry.file), chunks: chunks.map(url), css: [...css].map(url), ...(icon ? { icon } : {}) };
}

/** The students' page: its strings, its class code, and the script that does the rest. */
function studentPage(content: DeckContent, lang: string, config: StudentConfig): string {
  const language = content.languages.get(lang) ?? content.languages.get(content.defaultLang)!;
  const assets = studentAssets(content.dist);
  const strings = language.strings as Record<string, string>;
  const title = config.code ? format(strings['classroom.student.heading']!, { code: config.code }) : strings['classroom.student.headingNoCode']!;
  return html`<!doctype html>
<html lang="${language.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${strings['page.title']}</title>
${assets.icon && html`<link rel="icon" href="/${assets.icon}" type="image/svg+xml">`}
${assets.css.map((css) => html`<link rel="stylesheet" href="/${css}">`)}
${assets.chunks.map((chunk) => html`<link rel="modulepreload" href="/${chunk}">`)}
<script type="module" src="/${assets.script}"></script></head>
<body>${raw(jsonScript(STRINGS_ID, language.strings))}${raw(jsonScript(STUDENT_CONFIG_ID, config))}<main id="kit-student"></main></body></html>`.toString();
}

/** Starts the server with the class the store holds (or a new one), and says where it is. */
export async function startClassroom(options: ClassroomOptions): Promise<ClassroomServer> {
  const { dist, store, host = '127.0.0.1', port = 8080 } = options;
  const now = options.now ?? (() => new Date());
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const content = readDeckContent(dist);
  const channel = options.channel ?? localChannel<RoomNews>();

  const latest = options.newClass ? undefined : await store.latestClass();
  const record: ClassRecord = latest ?? { id: randomBytes(9).toString('base64url'), code: newCode(), secret: randomBytes(24).toString('base64url'), created: now().toISOString(), room: { phase: 'lobby', lang: content.defaultLang, asked: {} } };
  if (!latest) await store.createClass(record);
  const topic = `class:${record.id}`;
  const room = await ClassRoom.open(record, store, content, (news) => channel.publish(topic, news));

  const students = new Map<number, Set<WebSocket>>();
  const teachers = new Set<WebSocket>();
  const joinLimit = keyedBuckets(limits.join);
  const files = sirv(dist, { dev: true, dotfiles: false });

  const server = createServer((req, res) => {
    try {
      route(req, res);
    } catch (error) {
      // Whatever a request holds, it must not stop the class.
      console.error(error);
      if (!res.headersSent) send(res, 500, 'text/plain', 'the server could not answer this request');
    }
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? port, host, () => done());
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const shownHost = host === '0.0.0.0' || host === '::' ? (networkAddress() ?? '127.0.0.1') : host.includes(':') ? `[${host}]` : host;
  const base = `http://${shownHost}:${actualPort}`;
  const join_ = { joinUrl: `${base}${JOIN_PATH}`, joinUrlWithCode: `${base}${JOIN_PATH}?code=${record.code}` };
  const qrSvg = await QRCode.toString(join_.joinUrlWithCode, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  const teacherConfig: TeacherConfig = { code: record.code, ...join_, qrSvg };

  // The cookie holds a value derived from the secret (the link's key never sits in a cookie), and
  // is named after the port: browsers send cookies to every port of a host.
  const cookieName = `kit_teacher_${actualPort}`;
  const cookieValue = createHash('sha256').update(`teacher-cookie\u0000${record.secret}`).digest('base64url');
  function isTeacher(req: IncomingMessage): boolean {
    return sameSecret(cookie(req, cookieName), cookieValue);
  }

  function route(req: IncomingMessage, res: ServerResponse): void {
    if (!knownHost(req.headers.host)) return send(res, 421, 'text/plain', 'open this server by the address it printed');
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'only GET');
    if (path === TEACHER_PATH) {
      if (!sameSecret(url.searchParams.get('key') ?? undefined, record.secret)) {
        return notice(res, 403, 'This teacher link is not right', 'Copy the teacher link the classroom server printed when it started, whole.');
      }
      // The secret leaves the address bar at once: the deck is projected.
      const lang = url.searchParams.get('lang');
      const page = lang && content.languages.get(lang) && lang !== content.defaultLang ? content.languages.get(lang)!.page : '';
      return send(res, 303, 'text/plain', '', { location: `/${page}`, 'set-cookie': `${cookieName}=${cookieValue}; HttpOnly; SameSite=Strict; Path=/` });
    }
    if (path === JOIN_PATH) {
      const lang = url.searchParams.get('lang') ?? room.state.lang;
      const config: StudentConfig = { code: url.searchParams.get('code')?.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 12) || record.code };
      return send(res, 200, 'text/html; charset=utf-8', studentPage(content, lang, config), {
        'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'",
      });
    }
    if (path === `${JOIN_PATH}/qr.svg`) return send(res, 200, 'image/svg+xml', qrSvg);
    if (RE_PUBLIC.test(path)) return files(req, res, () => send(res, 404, 'text/plain', 'not found'));
    if (!isTeacher(req)) {
      return notice(res, 403, 'This page is for the teacher', 'To answer the class’s questions, open the join page and type the code on the board.', { href: JOIN_PATH, label: 'Join the class' });
    }
    if (RE_DECK_PAGE.test(path)) {
      const file = path === '/' ? 'index.html' : path.slice(1);
      if (!existsSync(join(dist, file))) return send(res, 404, 'text/plain', 'not found');
      const page = readFileSync(join(dist, file), 'utf8').replace('</head>', `${jsonScript(CLASSROOM_CONFIG_ID, teacherConfig)}\n</head>`);
      return send(res, 200, 'text/html; charset=utf-8', page);
    }
    if (path === '/classroom/results.csv' || path === '/classroom/results.json') return sendResults(res, path.endsWith('.csv') ? 'csv' : 'json');
    if (path === '/classroom/stats') return sendStats(res);
    return files(req, res, () => send(res, 404, 'text/plain', 'not found'));
  }

  function sendResults(res: ServerResponse, format: 'csv' | 'json'): void {
    const exported = localIsoTime(now());
    const quizzes = content.languages.get(content.defaultLang)!.payload.quizzes;
    const learners = room.results(exported);
    const stamp = exported.slice(0, 10);
    const disposition = { 'content-disposition': `attachment; filename="class-${record.code}-${stamp}.${format}"` };
    if (format === 'json') return send(res, 200, 'application/json; charset=utf-8', JSON.stringify(learners.map((l) => l.file), null, 2), disposition);
    // One table for a spreadsheet: each learner's rows as their own results file has them, one header.
    const csv = learners.map((l, i) => {
      const text = writeResultsCsv(quizzes, { name: l.name, exported, sessions: l.sessions, shown: {} });
      return i === 0 ? text : text.slice(text.indexOf('\n') + 1);
    });
    return send(res, 200, 'text/csv; charset=utf-8', csv.join(''), disposition);
  }

  function sendStats(res: ServerResponse): void {
    const quizzes = content.languages.get(content.defaultLang)!.payload.quizzes;
    const stats = itemStatistics(quizzes, room.results(localIsoTime(now())));
    send(res, 200, 'text/html; charset=utf-8', itemStatisticsHtml(stats, `Class ${record.code}: question statistics`));
  }

  // ------------------------------------------------------------------ the live messages
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME });
  const connections = new Map<string, number>();
  server.on('upgrade', (req, socket, head) => {
    try {
      const address = req.socket.remoteAddress ?? '';
      // A page of another site may not speak for a visitor who holds the teacher's cookie.
      if (!knownHost(req.headers.host) || !req.url?.startsWith(CLASSROOM_WS) || new URL(req.url, 'http://localhost').pathname !== CLASSROOM_WS || !sameOrigin(req)) {
        socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
        return;
      }
      if ((connections.get(address) ?? 0) >= limits.perAddress) {
        socket.end('HTTP/1.1 429 Too Many Requests\r\n\r\n');
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        connections.set(address, (connections.get(address) ?? 0) + 1);
        ws.once('close', () => {
          const left = (connections.get(address) ?? 1) - 1;
          if (left > 0) connections.set(address, left);
          else connections.delete(address);
        });
        connect(ws, req);
      });
    } catch (error) {
      // Whatever a request holds, it must not stop the class.
      console.error(error);
      socket.destroy();
    }
  });
  // A phone that sleeps leaves its socket half open: pinged, it does not answer, and is closed.
  const alive = new WeakMap<WebSocket, boolean>();
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  /** Sends a message, unless the socket has stopped reading: then it is dropped (its page reconnects and gets the room as it is). */
  const sendText = (ws: WebSocket, text: string) => {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED) ws.terminate();
    else ws.send(text);
  };
  const say = (ws: WebSocket, message: ServerMessage) => sendText(ws, JSON.stringify(message));
  const refuse = (ws: WebSocket, code: ErrorCode, detail: string) => say(ws, { type: 'error', code, detail });
  const connectedIds = () => new Set([...students].filter(([, sockets]) => sockets.size > 0).map(([id]) => id));

  // The teacher's view is sent at most every `teacherInterval` ms: a thousand answers make a few messages, not a thousand.
  const interval = options.teacherInterval ?? 25;
  let teacherTimer: NodeJS.Timeout | undefined;
  let rosterChanged = true;
  const sendTeachers = () => {
    teacherTimer = undefined;
    if (!teachers.size) return;
    const view = room.teacherView(connectedIds(), join_, rosterChanged);
    rosterChanged = false;
    const text = JSON.stringify(view);
    for (const ws of teachers) sendText(ws, text);
  };
  const soonTeachers = (now = false) => {
    if (now) {
      clearTimeout(teacherTimer);
      sendTeachers();
    } else teacherTimer ??= setTimeout(sendTeachers, interval);
  };
  const unsubscribe = channel.subscribe(topic, (news) => {
    if (news.kind === 'room') {
      for (const [id, sockets] of students) {
        // One student's view failing must not keep the room from the others.
        try {
          if (sockets.size) {
            const text = JSON.stringify(room.studentView(id));
            for (const ws of sockets) sendText(ws, text);
          }
        } catch (error) {
          console.error(error);
        }
      }
      soonTeachers(true);
    } else {
      if (news.kind === 'roster') rosterChanged = true;
      soonTeachers();
    }
  });

  function connect(ws: WebSocket, req: IncomingMessage): void {
    const address = req.socket.remoteAddress ?? '';
    const teacher = isTeacher(req);
    const messages = tokenBucket(limits.messages);
    let studentId: number | undefined;
    let asTeacher = false;
    // Messages of one connection are handled in order: an answer never overtakes its join.
    let queue = Promise.resolve();
    alive.set(ws, true);
    ws.on('pong', () => alive.set(ws, true));
    ws.on('message', (data: Buffer, isBinary) => {
      queue = queue.then(() => handle(data, isBinary)).catch((error: unknown) => {
        console.error(error);
        refuse(ws, 'bad-message', 'the server could not handle this message');
      });
    });
    ws.on('close', () => {
      if (asTeacher) teachers.delete(ws);
      if (studentId !== undefined) {
        const sockets = students.get(studentId);
        sockets?.delete(ws);
        if (sockets?.size === 0) students.delete(studentId);
        rosterChanged = true;
        soonTeachers();
      }
    });
    ws.on('error', () => ws.terminate());

    async function handle(data: Buffer, isBinary: boolean): Promise<void> {
      if (!messages.take()) return refuse(ws, 'rate-limited', 'too many messages: wait a moment');
      if (isBinary) return refuse(ws, 'bad-message', 'messages are JSON text');
      const read = readClientMessage(data);
      if ('error' in read) return refuse(ws, read.error, read.detail);
      const message = read.message;
      switch (message.type) {
        case 'join': {
          if (message.code.toUpperCase() !== record.code) return refuse(ws, 'unknown-class', 'no class has this code');
          const known = message.token !== undefined && room.knows(message.token);
          // One student per connection: a second join may only say the same student again.
          if (studentId !== undefined && !(known && room.studentOf(message.token!)?.id === studentId)) return refuse(ws, 'not-allowed', 'this connection has joined already');
          if (!known) {
            // Every new student counts against the address's joins (coming back with a token does not).
            if (!joinLimit.take(address)) return refuse(ws, 'rate-limited', 'too many joins from this address: wait a moment');
            if (room.size >= limits.students) return refuse(ws, 'rate-limited', 'the class is full');
          }
          const student = await room.join(message.token, message.name, now());
          studentId = student.id;
          students.set(student.id, (students.get(student.id) ?? new Set()).add(ws));
          rosterChanged = true;
          soonTeachers();
          say(ws, { type: 'welcome', code: record.code, token: student.token, name: student.name });
          return say(ws, room.studentView(student.id));
        }
        case 'teach':
          if (!teacher) return refuse(ws, 'not-allowed', 'only the teacher’s deck drives the class');
          asTeacher = true;
          teachers.add(ws);
          rosterChanged = true;
          await room.teach(message.lang);
          return soonTeachers(true);
        case 'answer': {
          if (studentId === undefined) return refuse(ws, 'not-joined', 'join the class first');
          const result = await room.answer(studentId, message, now());
          if ('error' in result) return refuse(ws, result.error, result.detail);
          return say(ws, { type: 'answered', quiz: message.quiz, question: message.question, try: message.try, seq: result.seq });
        }
        default: {
          if (!asTeacher) return refuse(ws, 'not-allowed', 'only the teacher’s deck drives the class');
          const refused = await room.act(message);
          if (refused) refuse(ws, refused.error, refused.detail);
          return;
        }
      }
    }
  }

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}/`,
    ...join_,
    teacherUrl: `${base}${TEACHER_PATH}?key=${record.secret}`,
    code: record.code,
    resumed: Boolean(latest),
    room,
    async close() {
      unsubscribe();
      clearInterval(heartbeat);
      clearTimeout(teacherTimer);
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await store.close();
    },
  };
}
