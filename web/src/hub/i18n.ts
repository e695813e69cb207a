// The hub pages' strings arrive with the hub's own chunk (never in the platform console's initial
// bundle), added to the shared translations when the hub app loads.
import i18n from '../i18n/index.ts';
import en from './en.json';
import zhCN from './zh-CN.json';

i18n.addResourceBundle('en', 'translation', en, true, false);
i18n.addResourceBundle('zh-CN', 'translation', zhCN, true, false);
