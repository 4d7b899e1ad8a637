import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

/** What a missing page and a thing the caller may not see both look like (the API answers 404 for both). */
export function NotFound() {
  const { t } = useTranslation();
  return (
    <Result status="404" title={t('errors.notFound')} subTitle={t('errors.notFoundDetail')}
      extra={<Link to="/"><Button type="primary">{t('errors.backHome')}</Button></Link>} />
  );
}
