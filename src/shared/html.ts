/**
 * HTML built as text, escaped by default: every value interpolated into an `html` template is
 * escaped unless it is itself `html` (or wrapped in `raw(...)`, the visible exception for markup
 * that was made safe elsewhere, such as Markdown rendered at build time or a sanitised SVG).
 * Arrays are joined, `null`, `undefined` and `false` give nothing. Shared by the build, the
 * browser runtime and the print pages.
 *
 * @example html`<li data-choice-id="${choice.id}">${raw(renderedText)}</li>`.toString()
 */
/** Text made safe as element content or a quoted attribute: the one escape of the project. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Markup that is safe to insert as it is. */
export class SafeHtml {
  readonly #text: string;
  constructor(text: string) {
    this.#text = text;
  }
  toString(): string {
    return this.#text;
  }
}

type Value = SafeHtml | string | number | boolean | null | undefined | readonly Value[];

/** Marks trusted markup as safe. Every use is a place a reviewer should be able to justify. */
export const raw = (markup: string): SafeHtml => new SafeHtml(markup);

function render(value: Value): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.toString();
  if (Array.isArray(value)) return (value as readonly Value[]).map(render).join('');
  return escapeHtml(String(value));
}

/** The tagged template: literal parts kept, interpolated values escaped (see the module comment). */
export function html(strings: TemplateStringsArray, ...values: Value[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new SafeHtml(out);
}

/**
 * Data for a page as a JSON `<script>`. Only `</` and `<!` could end the script or start a
 * comment inside it: they become `<\/` and `\u003c!`, which JSON reads back as they were.
 */
export function jsonScript(id: string, value: unknown): string {
  return `<script type="application/json" id="${id}">${JSON.stringify(value).replace(/<\//g, '<\\/').replace(/<!/g, '\\u003c!')}</script>`;
}
