import { lazy, Suspense } from 'react';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { AuthProvider } from 'react-oidc-context';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';

import { ProblemError } from '../api/problems';
import { currentLanguage } from '../i18n';
import { oidcSettings, RequireAuth, type PublicConfig } from './auth';
import { TenantProvider } from './me';
import { NotFound } from './NotFound';
import { OperatorOnly, Shell } from './Shell';
import { theme } from './theme';

const Catalogue = lazy(() => import('../pages/portal/Catalogue'));
const RequestForm = lazy(() => import('../pages/portal/RequestForm'));
const MyRequests = lazy(() => import('../pages/portal/MyRequests'));
const RequestPage = lazy(() => import('../pages/portal/RequestPage'));
const MyResources = lazy(() => import('../pages/portal/MyResources'));
const Inbox = lazy(() => import('../pages/inbox/Inbox'));
const Decision = lazy(() => import('../pages/inbox/Decision'));
const Hosts = lazy(() => import('../pages/ops/Hosts'));
const Incidents = lazy(() => import('../pages/ops/Incidents'));
const Findings = lazy(() => import('../pages/ops/Findings'));
const TenantsConfig = lazy(() => import('../pages/ops/TenantsConfig'));
const Audit = lazy(() => import('../pages/audit/Audit'));
const Dashboards = lazy(() => import('../pages/dashboards/Dashboards'));
const NotificationSettings = lazy(() => import('../pages/settings/NotificationSettings'));

const queries = new QueryClient({
  defaultOptions: {
    queries: {
      // a 4xx will not change by asking again
      retry: (count, error) => !(error instanceof ProblemError && error.status < 500) && count < 2,
      refetchOnWindowFocus: true,
      staleTime: 5_000,
    },
  },
});

function Localised({ children }: { children: React.ReactNode }) {
  useTranslation(); // re-render on a language change
  const language = currentLanguage();
  dayjs.locale(language === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = language;
  return (
    <ConfigProvider locale={language === 'zh-CN' ? zhCN : enUS} theme={theme}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function App({ config }: { config: PublicConfig }) {
  return (
    <AuthProvider {...oidcSettings(config)}>
      <QueryClientProvider client={queries}>
        <Localised>
          <RequireAuth>
            <TenantProvider>
              <BrowserRouter>
                <Shell>
                  <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
                    <Routes>
                      <Route path="/" element={<Navigate to="/requests/new" replace />} />
                      <Route path="/requests/new" element={<Catalogue />} />
                      <Route path="/requests/new/:type" element={<RequestForm />} />
                      <Route path="/requests" element={<MyRequests />} />
                      <Route path="/requests/:id" element={<RequestPage />} />
                      <Route path="/resources" element={<MyResources />} />
                      <Route path="/inbox" element={<Inbox />} />
                      <Route path="/inbox/:taskId" element={<Decision />} />
                      <Route path="/ops/hosts" element={<OperatorOnly><Hosts /></OperatorOnly>} />
                      <Route path="/ops/incidents" element={<OperatorOnly><Incidents /></OperatorOnly>} />
                      <Route path="/ops/findings" element={<OperatorOnly><Findings /></OperatorOnly>} />
                      <Route path="/ops/tenants-config" element={<OperatorOnly><TenantsConfig /></OperatorOnly>} />
                      <Route path="/audit" element={<Audit />} />
                      <Route path="/dashboards" element={<Dashboards />} />
                      <Route path="/settings/notifications" element={<NotificationSettings />} />
                      <Route path="*" element={<NotFound />} />
                    </Routes>
                  </Suspense>
                </Shell>
              </BrowserRouter>
            </TenantProvider>
          </RequireAuth>
        </Localised>
      </QueryClientProvider>
    </AuthProvider>
  );
}
