import { fieldErrors, type Problem } from '../../api/problems';
import type { components } from '../../api/schema';

export type PreferencesView = components['schemas']['PreferencesView'];
export type PreferencesBody = components['schemas']['PreferencesBody'];

/** The body of the PUT: `locale` null ("follow the UI") is sent as null, which the document cannot say. */
export interface SavedPreferences {
  locale: 'en' | 'zh-CN' | null;
  email?: string;
  mutedKinds: string[];
}

/** The language of mail: follow the UI's language (no choice stored) or one of the two. */
export type MailLanguage = 'ui' | 'en' | 'zh-CN';

/** What the form edits: the kinds to be told about (the API stores the others, the muted ones). */
export interface PreferencesForm {
  language: MailLanguage;
  email: string;
  tellMe: string[];
}

/** The preferences as the form shows them: every kind the API names is checked unless it is muted. */
export function toForm(view: PreferencesView): PreferencesForm {
  const muted = new Set(view.mutedKinds ?? []);
  const language: MailLanguage = view.locale === 'en' || view.locale === 'zh-CN' ? view.locale : 'ui';
  return { language, email: view.email ?? '', tellMe: (view.kinds ?? []).filter(kind => !muted.has(kind)) };
}

/**
 * The form as the API's body: the kinds not checked are muted (in the API's order); "follow the UI" is no locale; an
 * empty address is none.
 */
export function toBody(form: PreferencesForm, kinds: string[]): SavedPreferences {
  const told = new Set(form.tellMe);
  const email = form.email.trim();
  return {
    locale: form.language === 'ui' ? null : form.language,
    email: email === '' ? undefined : email,
    mutedKinds: kinds.filter(kind => !told.has(kind)),
  };
}

/** The API's fields as the form's: `locale` is the language, `mutedKinds` the kinds to be told about. */
const FORM_FIELD: Record<string, keyof PreferencesForm> = { locale: 'language', email: 'email', mutedKinds: 'tellMe' };

/** A 400 problem's field errors on the form's fields (a field the form does not have on none). */
export function formFieldErrors(problem: Problem): { name: keyof PreferencesForm; errors: string[] }[] {
  return fieldErrors(problem).flatMap(({ name, errors }) => {
    const field = FORM_FIELD[String(name[0])];
    return field ? [{ name: field, errors }] : [];
  });
}
