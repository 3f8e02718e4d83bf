import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import { mergeTranslations, type I18nProvider, type TranslationMessages } from 'react-admin';
import { MODULES } from '../modules';
import { domainEnglish } from './domain-en';
import { domainChinese } from './domain-zh-cn';
import { raChineseExtras, raChineseMessages } from './ra-zh-cn';

export const LOCALES = [
  { locale: 'zh-CN', name: '中文' },
  { locale: 'en', name: 'English' },
] as const;
export type Locale = (typeof LOCALES)[number]['locale'];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** Same keys, English defaults, for the ones ra-language-english lacks. */
const raEnglishExtras = {
  ra: {
    inspector: {
      Datagrid: { title: 'Datagrid' },
      SimpleForm: { title: 'Form' },
      SimpleList: { title: 'List' },
      hideAll: 'Hide All',
      showAll: 'Show All',
    },
    message: {
      update_title: 'Update %{name} %{recordRepresentation}',
      update_content: 'Are you sure you want to update this %{name}?',
    },
  },
};

/**
 * Shared strings, then each module's (modules/index.ts). Built on first use, not at import:
 * module components import this provider (server-errors), so the module list may not be
 * initialised yet while this file is evaluated.
 */
function buildMessages(): Record<Locale, TranslationMessages> {
  const english: TranslationMessages = mergeTranslations(englishMessages, raEnglishExtras, domainEnglish, ...MODULES.map((m) => m.messages.en));
  // English underneath, so a key we have not translated shows English rather than a raw key.
  const chinese: TranslationMessages = mergeTranslations(english, raChineseMessages, raChineseExtras, domainChinese, ...MODULES.map((m) => m.messages['zh-CN']));
  return { 'zh-CN': chinese, en: english };
}

/**
 * The chosen locale also lives under our own key: react-admin's store is wiped on logout,
 * and the language should survive that and a reload.
 */
const LOCALE_KEY = 'xb.locale';

function isLocale(value: unknown): value is Locale {
  return LOCALES.some((l) => l.locale === value);
}

/** The first of the browser's languages we speak (any Chinese → 中文, any English → English), else Chinese. */
export function browserLocale(languages: readonly string[]): Locale {
  for (const language of languages) {
    const primary = language.toLowerCase().split('-')[0];
    if (primary === 'zh') return 'zh-CN';
    if (primary === 'en') return 'en';
  }
  return DEFAULT_LOCALE;
}

/** The language the user chose in the console, else the browser's. */
export function initialLocale(): Locale {
  const stored = localStorage.getItem(LOCALE_KEY);
  if (isLocale(stored)) return stored;
  const languages = navigator.languages?.length ? navigator.languages : [navigator.language];
  return browserLocale(languages.filter(Boolean));
}

let polyglot: I18nProvider | undefined;
function provider(): I18nProvider {
  if (!polyglot) {
    const messages = buildMessages();
    polyglot = polyglotI18nProvider(
      (locale) => messages[isLocale(locale) ? locale : DEFAULT_LOCALE],
      initialLocale(),
      LOCALES.map((l) => ({ ...l })),
    );
  }
  return polyglot;
}

export const i18nProvider: I18nProvider = {
  translate: (key, options) => provider().translate(key, options),
  getLocale: () => provider().getLocale(),
  getLocales: () => provider().getLocales?.() ?? LOCALES.map((l) => ({ ...l })),
  changeLocale(locale: string, options?: unknown) {
    if (isLocale(locale)) {
      localStorage.setItem(LOCALE_KEY, locale);
      document.documentElement.lang = locale;
    }
    return provider().changeLocale(locale, options);
  },
};

document.documentElement.lang = initialLocale();
