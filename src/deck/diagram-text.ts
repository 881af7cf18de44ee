/**
 * The text version of a diagram, and the key to its arrows, built from what Mermaid read in it
 * (the cached `DiagramModel`), not from a second parser of Mermaid's syntax.
 */
import type { Translate } from '../i18n/strings.ts';
import { html, type SafeHtml } from '../shared/html.ts';
import type { DiagramModel, FlowchartModel } from './diagram-model.ts';

const RE_BR = /<br\s*\/?>/gi;
/** Entities in labels, as the model keeps Mermaid's entity codes: `&quot;`, `&#35;`, `&#x2192;`. */
const RE_ENTITY = /&(quot|amp|lt|gt|apos|nbsp|#\d+|#x[0-9a-f]+);/gi;
const ENTITIES: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', apos: "'", nbsp: ' ' };

/** A label as a reader hears it: line breaks as spaces, entity codes as characters, no Markdown marks. */
export function plainLabel(text: string): string {
  return text
    .replace(RE_BR, ' ')
    .replace(RE_ENTITY, (whole, code: string) => {
      const lower = code.toLowerCase();
      if (ENTITIES[lower]) return ENTITIES[lower];
      const n = lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : Number(lower.slice(1));
      return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : whole;
    })
    .replace(/[*_`]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The author's title and description (`accTitle:`, `accDescr:`), which head the text version. */
export interface DiagramWords {
  title?: string;
  description?: string;
}

/** The title and description as the text version's first paragraphs; the description's line breaks kept. */
function wordsHtml({ title, description }: DiagramWords): SafeHtml {
  const lines = description?.split('\n') ?? [];
  return html`${title ? html`<p class="diagram-title"><strong>${title}</strong></p>` : ''}${
    lines.length ? html`<p class="diagram-description">${lines.map((line, i) => html`${i ? html`<br>` : ''}${line}`)}</p>` : ''
  }`;
}

/**
 * The text version of a diagram that is not a flowchart: its title and description, then every
 * label of the drawing in the order drawn, so a screen reader and a reader of the printed page
 * get every word the drawing shows. The labels are read from the drawing, as shown (a class's
 * `*` is a multiplicity, not Markdown). Empty when the drawing has no label.
 */
function labelsTextHtml(labels: string[], words: DiagramWords, t: Translate): SafeHtml {
  if (labels.length === 0) return html``;
  return html`<details class="diagram-text"><summary>${t('diagram.textVersion')}</summary><div class="diagram-text-body" tabindex="0">${wordsHtml(words)}<p><strong>${t(
    'diagram.labels',
  )}</strong></p><ul class="diagram-labels">${labels.map((label) => html`<li>${label}</li>`)}</ul></div></details>`;
}

/**
 * The text version of a diagram, as a disclosure under the drawing, headed by its title and
 * description. For a flowchart: its boxes, its groups and every arrow "A → B" (a screen reader
 * hears "A points to B"), with the arrows' labels, and the key to solid and dashed arrows above
 * it. For any other type, every label in the order drawn (`labelsTextHtml`).
 */
export function diagramTextHtml(model: DiagramModel, t: Translate, words: DiagramWords = {}): SafeHtml {
  const chart = model.flowchart;
  if (!chart) return labelsTextHtml(model.labels ?? [], words, t);
  if (chart.nodes.length === 0) return html``;
  const label = (id: string) => {
    const node = chart.nodes.find((n) => n.id === id);
    if (node) return plainLabel(node.label);
    const group = chart.groups.find((g) => g.id === id);
    return group ? plainLabel(group.title) : id;
  };
  const arrow = { to: ['→', t('diagram.to')], both: ['↔', t('diagram.bothWays')], line: ['—', t('diagram.linked')] } as const;
  const groups = chart.groups.length
    ? html`<p><strong>${t('diagram.groups')}</strong></p><ul>${chart.groups.map(
        (g) => html`<li>${t('diagram.group', { title: plainLabel(g.title), items: g.members.map(label).join('; ') })}</li>`,
      )}</ul>`
    : '';
  const edges = chart.edges.length
    ? html`<p><strong>${t('diagram.arrows')}</strong></p><ul>${chart.edges.map((e) => {
        const [symbol, words] = arrow[e.kind];
        const note = [e.label ? ` ${t('diagram.label', { label: plainLabel(e.label) })}` : '', e.dashed ? ` ${t('diagram.reading')}` : ''].join('');
        return html`<li>${label(e.from)} <span aria-hidden="true">${symbol}</span><span class="visually-hidden">${words}</span> ${label(e.to)}${note}</li>`;
      })}</ul>`
    : '';
  return html`${diagramLegendHtml(chart, t)}<details class="diagram-text"><summary>${t('diagram.textVersion')}</summary><div class="diagram-text-body" tabindex="0">${wordsHtml(words)}<p><strong>${t(
    'diagram.boxes',
  )}</strong></p><ul class="diagram-boxes">${chart.nodes.map((n) => html`<li>${plainLabel(n.label)}</li>`)}</ul>${groups}${edges}</div></details>`;
}

/**
 * The key to a flowchart's arrows, under the drawing: solid for what the source states,
 * dashed for the kit's reading. Shown whenever the diagram has arrows, so a solid arrow is
 * never left to be guessed at.
 */
function diagramLegendHtml(chart: FlowchartModel, t: Translate): SafeHtml | '' {
  if (chart.edges.length === 0) return '';
  const item = (kind: string, text: string) => html`<span class="legend-item"><span class="legend-line ${kind}" aria-hidden="true"></span>${text}</span>`;
  return html`<p class="diagram-legend">${item('solid', t('diagram.legendStated'))}${chart.edges.some((e) => e.dashed) ? item('dashed', t('diagram.legendReading')) : ''}</p>`;
}
