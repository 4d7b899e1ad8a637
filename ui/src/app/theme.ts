import type { ThemeConfig } from 'antd';

/**
 * Ant Design's tokens where its defaults fall under WCAG AA's 4.5:1 for text (secondary text, hints, placeholders,
 * empty lists, links on the grey page): the same greys and blue, darker. Disabled controls keep their pale text.
 */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1668dc',
    colorLink: '#0958d9',
    colorInfo: '#0958d9',
    colorError: '#cf1322',
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextQuaternary: 'rgba(0, 0, 0, 0.6)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
    colorTextDisabled: 'rgba(0, 0, 0, 0.25)',
  },
};
