/** The English interface strings, for code that runs outside a page: the build's checks, the CLI and tests. */
import en from '../../assets/i18n/en.json' with { type: 'json' };
import type { Strings } from './strings.ts';

export const ENGLISH: Strings = en;
