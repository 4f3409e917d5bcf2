// Message keys and the translator. Every zh-CN catalogue (the shared ones in zh-CN/, each feature's
// in its i18n/zh-CN/) adds its keys to `Messages` by module augmentation, so any layer can name a key
// without importing the catalogues above it; src/bot/messages.ts gathers the catalogues themselves.

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the catalogues' augmentations
export interface Messages {}
export type MessageKey = keyof Messages;
/** The keys of a catalogue object, each a message. */
export type Catalogue<T> = { readonly [K in keyof T]: string };
export type Locale = 'zh-CN' | 'en';
export type Translator = (key: MessageKey, params?: Record<string, string | number>) => string;

/** A translator over one locale's catalogue; unknown placeholders are left visible rather than dropped. */
export function translator(catalogue: Record<MessageKey, string>): Translator {
  return (key, params = {}) => catalogue[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
