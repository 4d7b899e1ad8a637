import i18n from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';

import { catalogues, languages, namespaces, type Language } from './catalogues';

/** The UI's languages: the browser's by default, then what the user picked (kept in localStorage). */
i18n
  .use(LanguageDetector)
  .use(initReactI18next)
  .init({
    resources: catalogues,
    ns: namespaces,
    defaultNS: 'common',
    supportedLngs: languages,
    nonExplicitSupportedLngs: false,
    fallbackLng: { zh: ['zh-CN'], default: ['en'] },
    load: 'currentOnly',
    detection: {
      order: ['localStorage', 'navigator'],
      lookupLocalStorage: 'stackgate.language',
      caches: ['localStorage'],
      convertDetectedLanguage: (lng: string) => (lng.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en'),
    },
    interpolation: { escapeValue: false },
    returnNull: false,
  });

export function currentLanguage(): Language {
  return i18n.resolvedLanguage === 'zh-CN' ? 'zh-CN' : 'en';
}

export default i18n;
