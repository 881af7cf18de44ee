/**
 * Text made safe to put into HTML, as element content or a quoted attribute. Shared by the
 * build (slides, quizzes, the dev server's error page) and the browser runtime alike.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
