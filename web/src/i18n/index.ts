import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import zhCN from './zh-CN.json';

export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];
const key = 'zhili.lang';

/** zh-CN unless this browser chose English before. */
export function savedLanguage(): Language {
  const v = globalThis.localStorage?.getItem(key);
  return v === 'en' ? 'en' : 'zh-CN';
}

export function setLanguage(lang: Language): void {
  globalThis.localStorage?.setItem(key, lang);
  document.documentElement.lang = lang;
  void i18n.changeLanguage(lang);
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: savedLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
});
document.documentElement.lang = savedLanguage();

export default i18n;
