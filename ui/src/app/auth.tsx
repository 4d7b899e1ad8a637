import { useEffect, type ReactNode } from 'react';
import { Button, Result, Spin } from 'antd';
import { WebStorageStateStore, type User } from 'oidc-client-ts';
import { hasAuthParams, useAuth, type AuthProviderProps } from 'react-oidc-context';
import { useTranslation } from 'react-i18next';

import { setAccessToken } from '../api/client';

/** What GET /api/public/config tells a client before it has a token. */
export interface PublicConfig {
  identity: string;
  issuer: string;
  realm: string;
  clientId: string;
}

/**
 * Authorization code + PKCE with the realm's public portal client; tokens in session storage, renewed in the
 * background before they expire, logout at Keycloak. After the redirect back the page the user asked for is restored
 * (it travels in the OIDC state).
 */
export function oidcSettings(config: PublicConfig): AuthProviderProps {
  const origin = window.location.origin;
  return {
    authority: config.issuer,
    client_id: config.clientId,
    redirect_uri: `${origin}/`,
    post_logout_redirect_uri: `${origin}/`,
    scope: 'openid profile email',
    response_type: 'code',
    automaticSilentRenew: true,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    onSigninCallback: (user: User | void) => {
      const state = user && typeof user.state === 'string' ? user.state : '/';
      window.history.replaceState({}, document.title, state.startsWith('/') ? state : '/');
      window.dispatchEvent(new PopStateEvent('popstate'));
    },
  };
}

/** Hands the current access token to the API client, and signs in when there is no session. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const auth = useAuth();
  const { t } = useTranslation();

  useEffect(() => {
    setAccessToken(auth.user?.access_token);
  }, [auth.user]);

  useEffect(() => {
    if (!hasAuthParams() && !auth.isAuthenticated && !auth.activeNavigator && !auth.isLoading && !auth.error) {
      void auth.signinRedirect({ state: window.location.pathname + window.location.search });
    }
  }, [auth]);

  if (auth.error) {
    return (
      <Result status="warning" title={t('shell.signInFailed', { message: auth.error.message })}
        extra={<Button type="primary" onClick={() => void auth.signinRedirect()}>{t('shell.retry')}</Button>} />
    );
  }
  if (!auth.isAuthenticated || !auth.user) {
    return <Spin fullscreen tip={t('shell.signingIn')} />;
  }
  setAccessToken(auth.user.access_token);
  return <>{children}</>;
}
