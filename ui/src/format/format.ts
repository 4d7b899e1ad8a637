import i18n from '../i18n';
import type { Language } from '../i18n/catalogues';

/** Dates, numbers and money in the user's language (Intl, so zh-CN gets 2026/12/05 and ¥, en 12/5/2026 and $). */
export function formatDateTime(value: string | number | Date | null | undefined, language: Language): string {
  if (value === null || value === undefined || value === '') {
    return '—';
  }
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    return '—';
  }
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function formatDate(value: string | number | Date | null | undefined, language: Language): string {
  if (value === null || value === undefined || value === '') {
    return '—';
  }
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? '—' : new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(date);
}

export function formatNumber(value: number | null | undefined, language: Language, maximumFractionDigits = 2): string {
  if (value === null || value === undefined || Number.isNaN(value)) {
    return '—';
  }
  return new Intl.NumberFormat(language, { maximumFractionDigits }).format(value);
}

/** An amount in its currency (ISO 4217 code from the API's price table), in the user's language. */
export function formatMoney(amount: number | string | null | undefined, currency: string | null | undefined,
  language: Language): string {
  if (amount === null || amount === undefined || amount === '') {
    return '—';
  }
  const value = typeof amount === 'string' ? Number(amount) : amount;
  if (Number.isNaN(value)) {
    return '—';
  }
  try {
    return new Intl.NumberFormat(language, { style: 'currency', currency: currency || 'EUR' }).format(value);
  } catch {
    return `${formatNumber(value, language)} ${currency ?? ''}`.trim();
  }
}

/** MiB as GiB with at most one decimal ("8", "0.5"). */
export function mibToGib(mib: number | null | undefined): number | null {
  if (mib === null || mib === undefined) {
    return null;
  }
  return Math.round((mib / 1024) * 10) / 10;
}

/** A duration in milliseconds as "2 d 3 h", "45 min", "12 s" — or "2 天 3 小时": the units are the catalogue's. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || ms < 0) {
    return '—';
  }
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) {
    return i18n.t('common:duration.seconds', { count: seconds });
  }
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) {
    return i18n.t('common:duration.minutes', { count: minutes });
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    return i18n.t('common:duration.hoursMinutes', { hours, minutes: minutes % 60 });
  }
  return i18n.t('common:duration.daysHours', { days: Math.floor(hours / 24), hours: hours % 24 });
}
