import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

import { REQUEST_STATUSES, statusColor } from './requestModel';

/** A request's status as a coloured tag; `data-status` carries the API value for the browser tests. */
export function StatusTag({ status }: { status: string | undefined }) {
  const { t } = useTranslation();
  const known = (REQUEST_STATUSES as readonly string[]).includes(status ?? '');
  return (
    <Tag data-testid="status" data-status={status} color={statusColor(status)} style={{ marginInlineEnd: 0 }}>
      {known ? t(`status.${status}`) : status ?? '—'}
    </Tag>
  );
}

/** A request type in the user's language (an unknown one as the API names it). */
export function useTypeLabel(): (type: string | undefined) => string {
  const { t, i18n } = useTranslation();
  return type => (type && i18n.exists(`common:requestType.${type}`) ? t(`requestType.${type}`) : type ?? '—');
}
