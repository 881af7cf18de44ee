/** The part of jsdom the build uses (to give DOMPurify a window); the package ships no types. */
declare module 'jsdom' {
  export class JSDOM {
    constructor(html?: string);
    readonly window: Window & typeof globalThis;
  }
}
