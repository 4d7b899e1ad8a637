import { describe, expect, it } from 'vitest';

import i18n from '../i18n';
import { formatDateTime, formatDuration, formatMoney, formatNumber, mibToGib } from './format';

describe('formatting per locale', () => {
  it('writes money in the currency and the language', () => {
    expect(formatMoney(1234.5, 'EUR', 'en')).toBe('€1,234.50');
    expect(formatMoney(1234.5, 'CNY', 'zh-CN')).toBe('¥1,234.50');
    expect(formatMoney('12', 'USD', 'en')).toBe('$12.00');
    expect(formatMoney(null, 'EUR', 'en')).toBe('—');
  });

  it('writes dates the way each language reads them', () => {
    const date = new Date(Date.UTC(2026, 11, 5, 9, 30));
    const en = formatDateTime(date, 'en');
    const zh = formatDateTime(date, 'zh-CN');
    expect(en).toMatch(/Dec 5, 2026/);
    expect(zh).toMatch(/2026年12月5日/);
    expect(formatDateTime('not a date', 'en')).toBe('—');
  });

  it('groups digits per language and converts sizes', () => {
    expect(formatNumber(1234567.891, 'en')).toBe('1,234,567.89');
    expect(formatNumber(1234567.891, 'zh-CN')).toBe('1,234,567.89');
    expect(mibToGib(8192)).toBe(8);
    expect(mibToGib(512)).toBe(0.5);
  });

  it('writes durations from seconds to days', () => {
    expect(formatDuration(12_000)).toBe('12 s');
    expect(formatDuration(45 * 60_000)).toBe('45 min');
    expect(formatDuration(3 * 3_600_000 + 5 * 60_000)).toBe('3 h 5 min');
    expect(formatDuration(50 * 3_600_000)).toBe('2 d 2 h');
  });

  it('writes duration units in the language', async () => {
    await i18n.changeLanguage('zh-CN');
    try {
      expect(formatDuration(12_000)).toBe('12 秒');
      expect(formatDuration(50 * 3_600_000)).toBe('2 天 2 小时');
    } finally {
      await i18n.changeLanguage('en');
    }
  });
});
