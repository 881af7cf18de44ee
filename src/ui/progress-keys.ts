/**
 * The storage keys of a learner's progress, apart from the store (`progress-store.ts`, which
 * brings the quiz engine): the deck's first script reads them to know whether saved progress
 * must be restored at once.
 */

/** The key progress is saved under; the number is the version of what is saved. */
export const PROGRESS_KEY = 'kit:progress:v1';
/** The learner's seed (choice orders derive from it); an LMS gives its own learner id instead. */
export const LEARNER_KEY = 'kit:learner';

/** A new learner's seed. */
export function newLearnerId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}
