import { Alert, Button, Modal, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

import type { BulkItemResult, BulkResult } from './model';
import { problemKind } from './problems';

/** What a bulk approval did, one row per task: approved, or refused with the problem a single approval would answer. */
export function BulkResults({ result, onClose }: { result: BulkResult | undefined; onClose: () => void }) {
  const { t } = useTranslation('inbox');
  const columns: TableColumnsType<BulkItemResult> = [
    {
      key: 'outcome',
      title: t('bulk.columns.outcome'),
      render: (_, item) => item.outcome === 'APPROVED'
        ? <Tag color="green">{t('bulk.outcome.APPROVED')}</Tag>
        : <Tag color="red">{t('bulk.outcome.REFUSED')}</Tag>,
    },
    {
      key: 'request',
      title: t('bulk.columns.request'),
      render: (_, item) => item.requestId
        ? <Link to={`/requests/${encodeURIComponent(item.requestId)}`}>{item.requestId}</Link>
        : <Typography.Text type="secondary">{item.taskId}</Typography.Text>,
    },
    {
      key: 'problem',
      title: t('bulk.columns.problem'),
      render: (_, item) => item.problem
        ? (
          <Space orientation="vertical" size={0}>
            <Typography.Text strong>{t(problemKind(item.problem, item.problem.status))}</Typography.Text>
            <Typography.Text type="secondary">{item.problem.detail ?? item.problem.title}</Typography.Text>
          </Space>
        )
        : '—',
    },
  ];
  const approved = result?.approved ?? result?.results.filter(r => r.outcome === 'APPROVED').length ?? 0;
  const refused = result?.refused ?? result?.results.filter(r => r.outcome === 'REFUSED').length ?? 0;
  return (
    <Modal open={!!result} title={t('bulk.resultsTitle')} onCancel={onClose} width={760}
      footer={<Button type="primary" onClick={onClose}>{t('common:actions.close')}</Button>}>
      <div data-testid="bulk-results" data-approved={approved} data-refused={refused}>
        <Alert style={{ marginBottom: 12 }} showIcon type={refused === 0 ? 'success' : approved === 0 ? 'error' : 'warning'}
          message={t('bulk.summary', { approved, refused })} />
        <Table<BulkItemResult>
          rowKey="taskId"
          size="small"
          pagination={false}
          scroll={{ x: true }}
          columns={columns}
          dataSource={result?.results ?? []}
          onRow={item => ({ 'data-outcome': item.outcome } as React.HTMLAttributes<HTMLElement>)}
        />
      </div>
    </Modal>
  );
}
