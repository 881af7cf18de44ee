/**
 * A small XML writer for the QTI package: elements built as data, every text and attribute
 * escaped when written, characters XML cannot hold replaced, numbers as xsd:double writes them.
 */

// Characters XML 1.0 cannot hold at all, not even as references.
const RE_NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const RE_PARAGRAPH_BREAK = /\n[ \t]*\n/;

export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

export type Attrs = Record<string, string | number | boolean | undefined>;
export type XmlChild = XmlNode | string;
export interface XmlNode {
  name: string;
  attrs: Attrs;
  children: XmlChild[];
}
export type ChildInput = XmlChild | readonly ChildInput[] | false | undefined | null;

/** An element; strings are text (escaped when written), falsy children are left out. */
export function el(name: string, attrs: Attrs = {}, ...children: ChildInput[]): XmlNode {
  const flat: XmlChild[] = [];
  const add = (child: ChildInput): void => {
    if (Array.isArray(child)) (child as readonly ChildInput[]).forEach(add);
    else if (typeof child === 'string' ? child !== '' : child) flat.push(child as XmlChild);
  };
  children.forEach(add);
  return { name, attrs, children: flat };
}

const clean = (text: string): string => text.replace(RE_NOT_XML, '\uFFFD');

function escapeText(text: string): string {
  return clean(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function escapeAttr(value: string): string {
  return escapeText(value).replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

function attrText(attrs: Attrs): string {
  return Object.entries(attrs)
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${escapeAttr(typeof value === 'number' ? formatNumber(value) : String(value))}"`)
    .join('');
}

/**
 * Writes a node: elements holding only elements are indented one per line; text and mixed
 * content is written as is, so no white space is added inside a value or a paragraph.
 */
function render(node: XmlNode, indent = '', compact = false): string {
  const open = `<${node.name}${attrText(node.attrs)}`;
  if (node.children.length === 0) return `${indent}${open}/>`;
  const mixed = compact || node.name === 'p' || node.children.some((child) => typeof child === 'string');
  if (mixed) {
    const inner = node.children.map((child) => (typeof child === 'string' ? escapeText(child) : render(child, '', true))).join('');
    return `${indent}${open}>${inner}</${node.name}>`;
  }
  const inner = node.children.map((child) => render(child as XmlNode, `${indent}  `)).join('\n');
  return `${indent}${open}>\n${inner}\n${indent}</${node.name}>`;
}

export const xmlDocument = (root: XmlNode): string => `<?xml version="1.0" encoding="UTF-8"?>\n${render(root)}\n`;

/** A number as xsd:double writes it (shortest round trip, so a bound reads back exactly). */
export function formatNumber(value: number): string {
  return Object.is(value, -0) ? '0' : String(value);
}

/** A Markdown text's paragraphs (split at blank lines), trimmed, the empty ones left out. */
export function splitParagraphs(text: string): string[] {
  return text
    .split(RE_PARAGRAPH_BREAK)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** Markdown paragraphs as `<p>` elements of plain text. */
export function paragraphs(text: string | undefined): XmlNode[] {
  return text ? splitParagraphs(text).map((part) => el('p', {}, part)) : [];
}

