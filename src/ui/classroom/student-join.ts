/**
 * The join form: the class code (five letters and digits, as the teacher's screen shows it) and
 * a name the student may leave empty. One button: the help under the name says plainly what an
 * empty name does, which a second "Join without a name" button would leave to guessing.
 */
import { CODE_LENGTH } from '../../shared/classroom.ts';
import type { Translate } from '../../i18n/strings.ts';
import { html } from '../../shared/html.ts';

/** The longest name the server takes (its `join` message). */
const NAME_MAX = 80;

export const joinMarkup = (t: Translate, code: string) => html`<section class="student-join" aria-labelledby="student-join-title" hidden>
<h2 id="student-join-title">${t('classroom.student.joinTitle')}</h2>
<form novalidate>
<div class="student-field">
<label for="student-code">${t('classroom.student.codeLabel')}</label>
<input id="student-code" name="code" value="${code}" maxlength="${CODE_LENGTH}" autocomplete="off" autocapitalize="characters" spellcheck="false" required aria-describedby="student-code-help">
<p id="student-code-help" class="student-help">${t('classroom.student.codeHelp')}</p>
</div>
<div class="student-field">
<label for="student-name">${t('classroom.student.nameLabel')}</label>
<input id="student-name" name="name" maxlength="${NAME_MAX}" autocomplete="nickname" aria-describedby="student-name-help">
<p id="student-name-help" class="student-help">${t('classroom.student.nameHelp')}</p>
</div>
<p class="student-join-error" role="alert"></p>
<button type="submit" class="student-button">${t('classroom.student.join')}</button>
</form>
</section>`;

/** Says why the join failed; a wrong code marks the code's field and takes the focus there. */
export function showJoinError(form: HTMLFormElement, words: string, codeIsWrong: boolean): void {
  form.querySelector('.student-join-error')!.textContent = words;
  const field = form.querySelector<HTMLInputElement>('#student-code')!;
  if (codeIsWrong) {
    field.setAttribute('aria-invalid', 'true');
    field.focus();
  }
}

/** The code (capitals, spaces gone) and the name as typed, trimmed; or nothing, with the reason shown, when the code cannot be one. */
export function readJoinForm(form: HTMLFormElement, t: Translate): { code: string; name: string } | undefined {
  const field = form.querySelector<HTMLInputElement>('#student-code')!;
  const code = field.value.replace(/\s+/g, '').toUpperCase();
  field.value = code;
  form.querySelector('.student-join-error')!.textContent = '';
  field.removeAttribute('aria-invalid');
  if (!new RegExp(`^[A-Z0-9]{${CODE_LENGTH}}$`).test(code)) {
    showJoinError(form, t('classroom.student.codeInvalid'), true);
    return undefined;
  }
  return { code, name: form.querySelector<HTMLInputElement>('#student-name')!.value.trim() };
}
