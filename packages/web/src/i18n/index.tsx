import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { setApiLanguage } from '../api/client.ts';
import { zhCN, type MessageKey } from './zh-CN.ts';

export type Language = 'zh-CN' | 'en-US';
export type { MessageKey };
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

const STORAGE_KEY = 'guatu.language';
type Dictionary = Record<MessageKey, string>;

/**
 * The Chinese dictionary is in the entry (the default language); English is its own chunk, fetched
 * only when a user picks English (or comes back with English saved). en-US.ts stays typed
 * `Record<MessageKey, string>`, so the key check against zh-CN is unchanged.
 */
const loaded: Partial<Record<Language, Dictionary>> = { 'zh-CN': zhCN };
let englishLoading: Promise<Dictionary> | null = null;

function loadDictionary(language: Language): Promise<Dictionary> {
  const ready = loaded[language];
  if (ready) return Promise.resolve(ready);
  englishLoading ??= import('./en-US.ts').then(({ enUS }) => (loaded['en-US'] = enUS));
  return englishLoading.catch((error: unknown) => {
    englishLoading = null; // a later pick tries again
    throw error;
  });
}

function initialLanguage(): Language {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'zh-CN' || saved === 'en-US') return saved;
  } catch {
    // storage unavailable (private mode): fall through to the default
  }
  return 'zh-CN';
}

function apply(language: Language): void {
  setApiLanguage(language);
  dayjs.locale(language === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = language;
}

type I18n = { language: Language; setLanguage: (l: Language) => void; t: Translate };
const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<{ language: Language; dictionary: Dictionary | undefined }>(() => {
    const language = initialLanguage();
    const dictionary = loaded[language];
    if (dictionary) apply(language); // before the children's first requests
    return { language, dictionary };
  });
  const { language, dictionary } = state;
  /** The last language asked for: a slower earlier load does not override a later pick. */
  const wanted = useRef<Language>(language);

  const switchTo = useCallback((l: Language) => {
    wanted.current = l;
    loadDictionary(l).then(
      (d) => {
        if (wanted.current !== l) return;
        apply(l);
        setState({ language: l, dictionary: d });
      },
      () => {
        // the chunk did not load (offline): stay in Chinese rather than show keys
        if (wanted.current !== l) return;
        wanted.current = 'zh-CN';
        apply('zh-CN');
        setState({ language: 'zh-CN', dictionary: zhCN });
      },
    );
  }, []);

  // First render: Chinese is ready at once; a saved English is fetched before anything shows.
  useEffect(() => {
    if (!dictionary) switchTo(language);
  }, []);

  const setLanguage = useCallback(
    (l: Language) => {
      try {
        localStorage.setItem(STORAGE_KEY, l);
      } catch {
        // not persisted, still switched
      }
      switchTo(l);
    },
    [switchTo],
  );
  const t = useCallback<Translate>(
    (key, vars) => {
      let s = dictionary?.[key] ?? key;
      if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
      return s;
    },
    [dictionary],
  );
  const value = useMemo(() => ({ language, setLanguage, t }), [language, setLanguage, t]);
  // Only while a saved English dictionary loads at start-up (a few ms): nothing rather than raw keys.
  if (!dictionary) return null;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

export function useT(): Translate {
  return useI18n().t;
}
