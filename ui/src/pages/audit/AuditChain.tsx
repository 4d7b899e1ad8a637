import { useState } from 'react';
import { App, Alert, Button, Card, Descriptions, Flex, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

import { api } from '../../api/client';
import { unwrap } from '../../api/problems';
import type { components } from '../../api/schema';
import { useMe } from '../../app/me';
import { QueryState } from '../../app/QueryState';
import { formatDateTime, formatNumber } from '../../format/format';
import { currentLanguage } from '../../i18n';
import { offlineCommands, shortHash } from './actions';

type Checkpoint = components['schemas']['Checkpoint'];

/**
 * The chain's status: recomputed on demand (the whole chain: not on every visit), valid or the first broken row and
 * why, with the head the check ended at.
 */
export function ChainStatus() {
  const { t } = useTranslation('audit');
  const language = currentLanguage();
  const verify = useQuery({
    queryKey: ['audit', 'verify'],
    enabled: false,
    queryFn: async () => unwrap(await api.GET('/api/audit/verify')),
  });
  const result = verify.data;
  return (
    <Card size="small" title={t('chain.title')} data-testid="audit-verify"
      data-valid={result && !verify.isFetching ? String(result.valid === true) : undefined}
      extra={(
        <Button type="primary" icon={<SafetyCertificateOutlined />} loading={verify.isFetching}
          onClick={() => void verify.refetch()} data-testid="audit-verify-now">{t('chain.verify')}</Button>
      )}>
      {verify.error && <Alert type="error" showIcon message={t('chain.failed', { message: verify.error.message })} />}
      {!result && !verify.error && <Typography.Text type="secondary">{t('chain.notVerified')}</Typography.Text>}
      {result && (
        <Flex vertical gap={12}>
          {result.valid
            ? <Alert type="success" showIcon message={t('chain.valid')}
              description={t('chain.validDetail', { checked: formatNumber(result.checked, language, 0) })} />
            : <Alert type="error" showIcon message={t('chain.broken')}
              description={t('chain.brokenDetail', { sequence: result.firstBroken, reason: result.reason ?? '' })}
              data-testid="audit-broken" />}
          <Descriptions size="small" column={{ xs: 1, md: 3 }} items={[
            { key: 'checked', label: t('chain.checked'), children: formatNumber(result.checked, language, 0) },
            { key: 'sequence', label: t('chain.headSequence'), children: result.head?.sequence ?? '—' },
            { key: 'hash', label: t('chain.headHash'),
              children: <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>{result.head?.hash ?? '—'}</Typography.Text> },
          ]} />
        </Flex>
      )}
    </Card>
  );
}

/** The signed checkpoints, the public key to check them with and how to do that offline. */
export function CheckpointsCard() {
  const { t } = useTranslation('audit');
  const language = currentLanguage();
  const { message } = App.useApp();
  const client = useQueryClient();
  const { data: me } = useMe();
  const [page, setPage] = useState(0);
  const list = useQuery({
    queryKey: ['audit', 'checkpoints', page],
    queryFn: async () => unwrap(await api.GET('/api/audit/checkpoints', { params: { query: { page, size: 5 } } })),
  });
  const key = useQuery({
    queryKey: ['audit', 'public-key'],
    staleTime: Infinity,
    queryFn: async () => unwrap(await api.GET('/api/audit/public-key')),
  });
  const sign = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/audit/checkpoints')),
    onSuccess: checkpoint => {
      message.success(t('checkpoints.signed', { sequence: checkpoint.sequence }));
      void client.invalidateQueries({ queryKey: ['audit', 'checkpoints'] });
    },
    onError: error => message.error(t('checkpoints.signFailed', { message: error.message })),
  });
  const columns: ColumnsType<Checkpoint> = [
    { key: 'sequence', title: t('checkpoints.sequence'), dataIndex: 'sequence' },
    { key: 'signedAt', title: t('checkpoints.signedAt'), dataIndex: 'signedAt',
      render: (at: string) => formatDateTime(at, language) },
    { key: 'hash', title: t('checkpoints.hash'), dataIndex: 'hash', responsive: ['sm'],
      render: (hash: string) => <Typography.Text code>{shortHash(hash)}</Typography.Text> },
    { key: 'keyId', title: t('checkpoints.keyId'), dataIndex: 'keyId', responsive: ['md'] },
  ];
  const first = list.data?.items?.[0];
  return (
    <Card size="small" title={t('checkpoints.title')} data-testid="audit-checkpoints"
      extra={me?.roles.includes('platform-admin') && (
        <Button loading={sign.isPending} onClick={() => sign.mutate()} data-testid="audit-sign">{t('checkpoints.signNow')}</Button>
      )}>
      <Flex vertical gap={16}>
        <QueryState isLoading={list.isLoading} error={list.error}>
          {() => (
            <Table<Checkpoint> rowKey="sequence" size="small" columns={columns} dataSource={list.data?.items ?? []}
              scroll={{ x: true }} locale={{ emptyText: t('checkpoints.empty') }}
              expandable={{ expandedRowRender: checkpoint => (
                <Descriptions size="small" column={1} items={[
                  { key: 'hash', label: t('checkpoints.hash'), children: <Typography.Text code style={{ wordBreak: 'break-all' }}>{checkpoint.hash}</Typography.Text> },
                  { key: 'payload', label: t('checkpoints.payload'), children: <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>{checkpoint.payload}</Typography.Text> },
                  { key: 'signature', label: t('checkpoints.signature'), children: <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>{checkpoint.signature}</Typography.Text> },
                ]} />
              ) }}
              pagination={{ current: page + 1, pageSize: 5, total: list.data?.total ?? 0, onChange: next => setPage(next - 1),
                hideOnSinglePage: true }} />
          )}
        </QueryState>
        <QueryState isLoading={key.isLoading} error={key.error}>
          {() => (
            <Flex vertical gap={8}>
              <Typography.Text strong>{t('checkpoints.publicKey')}</Typography.Text>
              <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
                { key: 'algorithm', label: t('checkpoints.algorithm'), children: key.data?.algorithm },
                { key: 'keyId', label: t('checkpoints.keyId'), children: <Typography.Text code>{key.data?.keyId}</Typography.Text> },
              ]} />
              <Typography.Paragraph copyable={{ text: key.data?.pem ?? '', tooltips: [t('checkpoints.copy')] }}
                style={{ margin: 0 }} data-testid="audit-pem">
                <pre className="audit-json" translate="no">{key.data?.pem}</pre>
              </Typography.Paragraph>
            </Flex>
          )}
        </QueryState>
        <Flex vertical gap={4}>
          <Typography.Text strong>{t('checkpoints.offlineTitle')}</Typography.Text>
          <Typography.Text>{t('checkpoints.offline')}</Typography.Text>
          <pre className="audit-json" translate="no" data-testid="audit-offline">
            {offlineCommands(first?.payload ?? 'stackgate-audit-checkpoint:<sequence>:<hash>:<signedAt>',
              first?.signature ?? '<signature>')}
          </pre>
          <Typography.Text type="secondary">{t('checkpoints.offlineChain')}</Typography.Text>
        </Flex>
      </Flex>
    </Card>
  );
}
