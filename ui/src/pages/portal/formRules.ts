import type { FormItemProps } from 'antd';
import { useTranslation } from 'react-i18next';

import { formatNumber } from '../../format/format';
import { currentLanguage } from '../../i18n';
import { violation, type Constraint, type Violation } from './rules';

type Rule = NonNullable<FormItemProps['rules']>[number];

/** The rules module's constraints as Ant Design rules with the portal's messages (one validator: the tested one). */
export function useRules() {
  const { t } = useTranslation('portal');
  const language = currentLanguage();

  const message = (constraint: Constraint, found: Violation): string => {
    const gib = constraint.unit === 'mib';
    const limit = found.limit === undefined ? '' : gib ? formatNumber(found.limit / 1024, language, 2)
      : formatNumber(found.limit, language, 0);
    switch (found.code) {
      case 'required':
        return t('rules.required');
      case 'min':
        return gib ? t('rules.minGiB', { limit }) : t('rules.min', { limit });
      case 'max':
        return gib ? t('rules.maxGiB', { limit }) : t('rules.max', { limit });
      case 'minLength':
        return t('rules.minLength', { limit });
      case 'maxLength':
        return t('rules.maxLength', { limit });
      case 'integer':
        return t('rules.integer');
      case 'pattern':
        return t(`rules.pattern.${found.patternKey ?? 'dnsLabel'}`);
    }
  };

  return (constraint: Constraint): Rule[] => [{
    validator: async (_rule, value) => {
      const found = violation(constraint, value);
      if (found) {
        throw new Error(message(constraint, found));
      }
    },
  }];
}

/** A memory field: the API takes MiB, people type GiB. */
export const gibInput: Pick<FormItemProps, 'getValueProps' | 'normalize'> = {
  getValueProps: (mib: unknown) => ({ value: typeof mib === 'number' ? mib / 1024 : mib }),
  normalize: (gib: unknown) => (typeof gib === 'number' ? Math.round(gib * 1024) : gib ?? undefined),
};
