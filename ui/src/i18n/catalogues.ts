import enAudit from './locales/en/audit.json';
import enCommon from './locales/en/common.json';
import enDashboards from './locales/en/dashboards.json';
import enInbox from './locales/en/inbox.json';
import enOps from './locales/en/ops.json';
import enPortal from './locales/en/portal.json';
import enRequests from './locales/en/requests.json';
import zhAudit from './locales/zh-CN/audit.json';
import zhCommon from './locales/zh-CN/common.json';
import zhDashboards from './locales/zh-CN/dashboards.json';
import zhInbox from './locales/zh-CN/inbox.json';
import zhOps from './locales/zh-CN/ops.json';
import zhPortal from './locales/zh-CN/portal.json';
import zhRequests from './locales/zh-CN/requests.json';

/** Every user-visible string lives in these catalogues, one per area and language (i18n.test.ts checks both agree). */
export const catalogues = {
  en: { common: enCommon, portal: enPortal, requests: enRequests, inbox: enInbox, ops: enOps, audit: enAudit, dashboards: enDashboards },
  'zh-CN': { common: zhCommon, portal: zhPortal, requests: zhRequests, inbox: zhInbox, ops: zhOps, audit: zhAudit, dashboards: zhDashboards },
} as const;

export const languages = ['en', 'zh-CN'] as const;
export type Language = (typeof languages)[number];
export const namespaces = ['common', 'portal', 'requests', 'inbox', 'ops', 'audit', 'dashboards'] as const;
