import { useEffect } from 'react';
import { App, Button, Card, Checkbox, Col, Form, Input, Radio, Row, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

import { api } from '../../api/client';
import { ProblemError, unwrap } from '../../api/problems';
import { QueryState } from '../../app/QueryState';
import { formFieldErrors, toBody, toForm, type PreferencesBody, type PreferencesForm, type PreferencesView } from './preferences';

const KEY = ['notifications', 'preferences'];

/**
 * The signed-in user's notification settings: the language of mail, where mail goes, and which kinds to be told about
 * (a kind not checked is muted: not mailed, and in-app already read).
 */
export default function NotificationSettings() {
  const { t } = useTranslation();
  const preferences = useQuery({
    queryKey: KEY,
    queryFn: async () => unwrap(await api.GET('/api/notifications/preferences')),
  });
  return (
    <div data-testid="notification-settings">
      <Typography.Title level={2}>{t('settings.title')}</Typography.Title>
      <QueryState isLoading={preferences.isLoading} error={preferences.error}>
        {() => preferences.data && <SettingsForm view={preferences.data} />}
      </QueryState>
    </div>
  );
}

function SettingsForm({ view }: { view: PreferencesView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<PreferencesForm>();
  const kinds = view.kinds ?? [];

  useEffect(() => form.setFieldsValue(toForm(view)), [form, view]);

  const save = useMutation({
    mutationFn: async (values: PreferencesForm) => unwrap(await api.PUT('/api/notifications/preferences', {
      body: toBody(values, kinds) as PreferencesBody,
    })),
    onSuccess: saved => {
      client.setQueryData(KEY, saved);
      void client.invalidateQueries({ queryKey: ['notifications', 'unread'] });
      message.success(<span data-testid="settings-saved">{t('settings.saved')}</span>);
    },
    onError: error => {
      if (error instanceof ProblemError) {
        form.setFields(formFieldErrors(error.problem));
      }
      message.error(t('settings.saveFailed', { message: error.message }));
    },
  });

  return (
    <Card>
      <Form form={form} layout="vertical" initialValues={toForm(view)} onFinish={values => save.mutate(values)}
        data-testid="notification-settings-form" style={{ maxWidth: 720 }}>
        <Form.Item name="language" label={t('settings.language')} extra={t('settings.languageHelp')}>
          <Radio.Group optionType="button" options={[
            { value: 'ui', label: t('settings.followUi') },
            // each language by its own name, not translated
            { value: 'en', label: <span lang="en" translate="no">{t('languages.en')}</span> },
            { value: 'zh-CN', label: <span lang="zh-CN" translate="no">{t('languages.zh-CN')}</span> },
          ]} />
        </Form.Item>
        <Form.Item name="email" label={t('settings.email')} extra={t('settings.emailHelp')}
          rules={[{ type: 'email', message: t('settings.emailInvalid') }]}>
          <Input type="email" autoComplete="email" maxLength={254} />
        </Form.Item>
        <Form.Item name="tellMe" label={t('settings.kinds')} extra={t('settings.kindsHelp')}>
          <Checkbox.Group style={{ width: '100%' }}>
            <Row gutter={[16, 8]}>
              {kinds.map(kind => (
                <Col key={kind} xs={24} sm={12}>
                  <Checkbox value={kind} data-testid={`kind-${kind}`}>
                    {t(`settings.kind.${kind}`, { defaultValue: kind })}
                  </Checkbox>
                </Col>
              ))}
            </Row>
          </Checkbox.Group>
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="save-settings">
            {t('settings.save')}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
