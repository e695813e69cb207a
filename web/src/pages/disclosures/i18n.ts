// This page's strings arrive with the page's own chunk (not the initial bundle), added to the shared
// translations when the page module loads.
import i18n from '../../i18n/index.ts';
import en from './en.json';
import zhCN from './zh-CN.json';

i18n.addResourceBundle('en', 'translation', en, true, false);
i18n.addResourceBundle('zh-CN', 'translation', zhCN, true, false);
