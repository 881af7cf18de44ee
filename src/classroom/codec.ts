/**
 * A question's ids as a class's forms carry them: every choice, order item, match option and
 * cloze choice has an opaque code there (see `idCode`), and an answer comes back in codes. This
 * turns answers from codes to the engine's ids, strictly (a value that is not one of the
 * question's codes is no answer: a student who sends the authored ids, `a` for the first
 * choice written, gets nothing from it), and the other way for a kept answer shown again.
 */
import type { Question, Response } from '../quiz/index.ts';
import { idCode, type IdKind } from './deck-content.ts';

/** The ids of a question that its form codes, with their kind. */
function codedIds(question: Question): [IdKind, string][] {
  switch (question.type) {
    case 'single':
    case 'multiple':
      return question.choices.map((c) => ['choice', c.id]);
    case 'order':
      return question.items.map((i) => ['item', i.id]);
    case 'match':
      return [...question.pairs.map((p) => p.id), ...question.distractors.map((d) => d.id)].map((id) => ['option', id]);
    case 'cloze':
      return question.blanks.flatMap((b) => (b.kind === 'choice' ? b.choices.map((c): [IdKind, string] => [`blank:${b.id}`, c.id]) : []));
    default:
      return [];
  }
}

export interface Codec {
  code(kind: IdKind, id: string): string;
  /** The answer in the engine's ids, or nothing when a value is not one of the question's codes. */
  decode(response: Response): Response | undefined;
  /** A kept answer in the form's codes. */
  encode(response: Response): Response;
  /** Code → id, for the page to mark the answer once revealed. */
  table(): Record<string, string>;
}

export function questionCodec(secret: string, quizId: string, question: Question): Codec {
  const code = (kind: IdKind, id: string) => idCode(secret, quizId, question.id, kind, id);
  const ids = new Map(codedIds(question).map(([kind, id]) => [code(kind, id), { kind, id }]));
  const back = (kind: IdKind, value: string) => {
    const found = ids.get(value);
    if (!found || found.kind !== kind) throw new RangeError(value);
    return found.id;
  };
  const blankKind = (blank: string): IdKind | undefined =>
    question.type === 'cloze' && question.blanks.find((b) => b.id === blank)?.kind === 'choice' ? `blank:${blank}` : undefined;
  /** Maps every coded value of a response with `map`. */
  const convert = (response: Response, map: (kind: IdKind, value: string) => string): Response => {
    const r = response as unknown as Record<string, unknown>;
    if (question.type === 'single' && typeof r.choice === 'string') return { choice: map('choice', r.choice) };
    if (question.type === 'multiple' && Array.isArray(r.choices)) return { choices: (r.choices as string[]).map((c) => map('choice', c)) };
    if (question.type === 'order' && Array.isArray(r.order)) return { order: (r.order as string[]).map((i) => map('item', i)) };
    if (question.type === 'match' && r.matches && typeof r.matches === 'object') {
      return { matches: Object.fromEntries(Object.entries(r.matches as Record<string, string>).map(([left, right]) => [left, map('option', right)])) };
    }
    if (question.type === 'cloze' && r.blanks && typeof r.blanks === 'object') {
      return {
        blanks: Object.fromEntries(
          Object.entries(r.blanks as Record<string, string>).map(([blank, value]) => {
            const kind = blankKind(blank);
            return [blank, kind ? map(kind, value) : value];
          }),
        ),
      };
    }
    return response;
  };
  return {
    code,
    decode(response) {
      try {
        return convert(response, back);
      } catch (error) {
        if (error instanceof RangeError) return undefined;
        throw error;
      }
    },
    encode: (response) => convert(response, code),
    table: () => Object.fromEntries([...ids].map(([value, { id }]) => [value, id])),
  };
}
