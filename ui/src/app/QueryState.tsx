import type { ReactNode } from 'react';
import { Alert, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';

import { ProblemError } from '../api/problems';
import { NotFound } from './NotFound';

/** A query's loading and error states the same way on every page: 404 as "not found", others as an alert. */
export function QueryState({ isLoading, error, children }: { isLoading: boolean; error: unknown; children: () => ReactNode }) {
  const { t } = useTranslation();
  if (isLoading) {
    return <Skeleton active />;
  }
  if (error instanceof ProblemError && error.status === 404) {
    return <NotFound />;
  }
  if (error instanceof ProblemError && error.status === 403) {
    return <Alert type="error" showIcon message={t('errors.forbidden')} />;
  }
  if (error) {
    const message = error instanceof Error ? error.message : String(error);
    return <Alert type="error" showIcon message={t('errors.unexpected', { message })} />;
  }
  return <>{children()}</>;
}
