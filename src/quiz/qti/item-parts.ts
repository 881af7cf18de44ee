import type { XmlNode } from './xml.ts';

/** What every item writer makes, and how it says that QTI cannot hold a question. */

/** A feedback text an outcome of FEEDBACK shows, by its identifier. */
export interface Feedback {
  id: string;
  text: string;
}

/** What a type's writer makes; the common parts (outcomes, explanation) are added around it. */
export interface ItemParts {
  responses: XmlNode[];
  body: XmlNode[];
  processing: XmlNode[];
  feedback: Feedback[];
  /** Why an LMS will grade it differently, if it will. */
  approximated?: string;
}

/** Signals a question QTI cannot hold; its message is the reason. */
export class Inexpressible extends Error {}
