import { describe, expect, it } from 'vitest';

import { formFieldErrors, toBody, toForm } from './preferences';

const KINDS = ['APPROVAL_TASK_ASSIGNED', 'REQUEST_APPROVED', 'REQUEST_FAILED', 'QUOTA_NEARLY_USED'];

describe('notification preferences ↔ form', () => {
  it('checks every kind that is not muted, and follows the UI without a stored language', () => {
    expect(toForm({ effectiveLocale: 'en', mutedKinds: ['REQUEST_APPROVED'], kinds: KINDS })).toEqual({
      language: 'ui', email: '', tellMe: ['APPROVAL_TASK_ASSIGNED', 'REQUEST_FAILED', 'QUOTA_NEARLY_USED'],
    });
  });

  it('shows a chosen language and the address', () => {
    expect(toForm({ locale: 'zh-CN', effectiveLocale: 'zh-CN', email: 'a@example.com', mutedKinds: [], kinds: KINDS }))
      .toMatchObject({ language: 'zh-CN', email: 'a@example.com', tellMe: KINDS });
  });

  it('mutes the unchecked kinds in the API order, sends null for "follow the UI" and no empty address', () => {
    expect(toBody({ language: 'ui', email: '  ', tellMe: ['REQUEST_FAILED', 'APPROVAL_TASK_ASSIGNED'] }, KINDS)).toEqual({
      locale: null, email: undefined, mutedKinds: ['REQUEST_APPROVED', 'QUOTA_NEARLY_USED'],
    });
    expect(toBody({ language: 'en', email: ' b@example.com ', tellMe: KINDS }, KINDS)).toEqual({
      locale: 'en', email: 'b@example.com', mutedKinds: [],
    });
  });

  it('round-trips: what the form saves reads back as the same form', () => {
    const view = { locale: 'en', effectiveLocale: 'en', email: 'c@example.com', mutedKinds: ['QUOTA_NEARLY_USED'], kinds: KINDS };
    const body = toBody(toForm(view), KINDS);
    expect(toForm({ ...view, ...body, locale: body.locale ?? undefined })).toEqual(toForm(view));
  });

  it('puts the problem\'s fields on the form\'s: locale on the language, mutedKinds on the kinds', () => {
    expect(formFieldErrors({ status: 400, field: 'locale', detail: 'unknown locale fr' }))
      .toEqual([{ name: 'language', errors: ['unknown locale fr'] }]);
    expect(formFieldErrors({ status: 400, errors: [{ field: 'email', message: 'not an address' },
      { field: 'mutedKinds[1]', message: 'unknown kind' }] })).toEqual([
      { name: 'email', errors: ['not an address'] }, { name: 'tellMe', errors: ['unknown kind'] }]);
  });
});
