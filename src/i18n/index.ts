import { en } from './en.ts';
import { zhCN, type MessageKey } from './zh-CN.ts';

export type { MessageKey };
export type Locale = 'zh-CN' | 'en';
export type Translator = (key: MessageKey, params?: Record<string, string | number>) => string;

const catalogues: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

/** True when `key` is a message key (used to translate zod issue messages that carry keys). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(zhCN, key);
}

/** A translator for one locale; unknown placeholders are left visible rather than dropped. */
export function createTranslator(locale: Locale): Translator {
  const catalogue = catalogues[locale];
  return (key, params = {}) => catalogue[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
