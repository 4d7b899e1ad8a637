import { Progress, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import { formatNumber } from '../../format/format';
import { currentLanguage } from '../../i18n';
import { level, type Usage } from './capacity';

const COLOURS = { ok: '#52c41a', warn: '#faad14', high: '#ff4d4f' };

/**
 * One resource of a host (or of all hosts of an arch): allocated of the limit placement works against, with the
 * overcommit ratio when there is one, and what stays free; `unit` formats the amounts (e.g. MiB → GiB).
 */
export function CapacityBar({ label, value, unit, compact, hideLabel }: {
  label: string;
  /** in a table column that names the resource already */
  hideLabel?: boolean;
  value: Usage;
  unit: (amount: number) => string;
  compact?: boolean;
}) {
  const { t } = useTranslation('ops');
  const language = currentLanguage();
  const colour = value.over ? COLOURS.high : COLOURS[level(value.percent)];
  const overcommitted = value.overcommit > 1;
  const detail = t('capacity.detail', {
    allocated: unit(value.allocated),
    limit: unit(value.limit),
    free: unit(value.free),
    capacity: unit(value.capacity),
  });
  const overcommit = overcommitted
    ? t('capacity.overcommit', { ratio: formatNumber(value.overcommit, language), physical: formatNumber(value.percentOfPhysical, language, 0) })
    : undefined;
  return (
    <div style={{ minWidth: compact ? 140 : undefined }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
        {!hideLabel && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{label}</Typography.Text>}
        <Typography.Text style={{ fontSize: 12 }}>
          {t('capacity.short', { allocated: unit(value.allocated), limit: unit(value.limit) })}
          {overcommitted && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{` (×${formatNumber(value.overcommit, language)})`}</Typography.Text>}
        </Typography.Text>
      </div>
      <Tooltip title={<>{detail}{overcommit && <><br />{overcommit}</>}{value.over && <><br />{t('capacity.over')}</>}</>}>
        <Progress percent={value.percent} showInfo={false} strokeColor={colour} size="small"
          aria-label={`${label}: ${detail}`} style={{ margin: 0 }} />
      </Tooltip>
      {!compact && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('capacity.free', { free: unit(value.free) })}
          {overcommit && ` · ${t('capacity.physical', { capacity: unit(value.capacity) })}`}
        </Typography.Text>
      )}
    </div>
  );
}
