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
import type { Locale as AntdLocale } from 'antd/es/locale';
import antdZhCN from 'antd/es/locale/zh_CN';
import 'dayjs/locale/zh-cn';
import { setApiLanguage } from '../api/client.ts';
import type { MessageKey } from './zh-CN.ts';
import { zhCNCore } from './zh-CN.core.ts';

export type Language = 'zh-CN' | 'en-US';
export type { MessageKey };
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

const STORAGE_KEY = 'guatu.language';
type Dictionary = Partial<Record<MessageKey, string>>;

/**
 * Only the Chinese the first screens need is in the entry (./zh-CN.core.ts: login, shell, ledger,
 * errors). The whole Chinese dictionary (./zh-CN.ts) and the English one (./en-US.ts, typed
 * `Record<MessageKey, string>`, so the key check against zh-CN is unchanged) are chunks of their own:
 * a page other than the login and the ledger awaits `loadMessages()` before it renders
 * (components/lazy-page.tsx), and English is fetched when a user picks it (or comes back with it saved).
 */
const full: Partial<Record<Language, Dictionary>> = {};
const loading: Partial<Record<Language, Promise<Dictionary>>> = {};
/** antd's own words (pagination, pickers, empty…): English comes with the English dictionary. */
const antdLocales: Partial<Record<Language, AntdLocale>> = { 'zh-CN': antdZhCN };
const importers: Record<Language, () => Promise<Dictionary>> = {
  'zh-CN': () => import('./zh-CN.ts').then((m) => m.zhCN),
  'en-US': () =>
    Promise.all([import('./en-US.ts'), import('antd/es/locale/en_US')]).then(([m, antd]) => {
      antdLocales['en-US'] = antd.default;
      return m.enUS;
    }),
};
/** The providers to re-render when a whole dictionary arrives (in practice one). */
const listeners = new Set<() => void>();
/** The language in use (set by apply): the one `loadMessages()` loads. */
let current: Language = 'zh-CN';

function loadDictionary(language: Language): Promise<Dictionary> {
  const ready = full[language];
  if (ready) return Promise.resolve(ready);
  loading[language] ??= importers[language]().then(
    (d) => {
      full[language] = d;
      for (const l of listeners) l();
      return d;
    },
    (error: unknown) => {
      delete loading[language]; // a later call tries again
      throw error;
    },
  );
  return loading[language];
}

/** The whole dictionary of the language in use, loaded (lazy pages await this before they render). */
export function loadMessages(): Promise<void> {
  return loadDictionary(current).then(() => undefined);
}

/** What `t` reads now: the whole dictionary once loaded; before that, Chinese has its core part. */
function dictionaryOf(language: Language): Dictionary | undefined {
  return full[language] ?? (language === 'zh-CN' ? zhCNCore : undefined);
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
  current = language;
  setApiLanguage(language);
  dayjs.locale(language === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = language;
}

type I18n = { language: Language; setLanguage: (l: Language) => void; t: Translate; antdLocale: AntdLocale };
const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setCurrent] = useState<Language>(() => {
    const l = initialLanguage();
    if (dictionaryOf(l)) apply(l); // before the children's first requests
    return l;
  });
  /** Re-renders when a whole dictionary arrives (dictionaryOf gives it then). */
  const [, setArrivals] = useState(0);
  useEffect(() => {
    const arrived = () => setArrivals((n) => n + 1);
    listeners.add(arrived);
    return () => void listeners.delete(arrived);
  }, []);
  /** The last language asked for: a slower earlier load does not override a later pick. */
  const wanted = useRef<Language>(language);

  const switchTo = useCallback((l: Language) => {
    wanted.current = l;
    if (dictionaryOf(l)) {
      apply(l);
      setCurrent(l);
      return;
    }
    loadDictionary(l).then(
      () => {
        if (wanted.current !== l) return;
        apply(l);
        setCurrent(l);
      },
      () => {
        // the chunk did not load (offline): stay in Chinese rather than show keys
        if (wanted.current !== l) return;
        wanted.current = 'zh-CN';
        apply('zh-CN');
        setCurrent('zh-CN');
      },
    );
  }, []);

  // First render: Chinese is ready at once; a saved English is fetched before anything shows.
  const dictionary = dictionaryOf(language);
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
      let s = dictionary?.[key];
      if (s === undefined) {
        // Not in the core part (a page or a corner the core missed): load the rest now, shown when it arrives.
        if (!full[language]) queueMicrotask(() => void loadDictionary(language).catch(() => {}));
        s = key;
      }
      if (vars) for (const [k, v] of Object.entries(vars)) s = s.replaceAll(`{${k}}`, String(v));
      return s;
    },
    [dictionary, language],
  );
  const value = useMemo(
    () => ({ language, setLanguage, t, antdLocale: antdLocales[language] ?? antdZhCN }),
    [language, setLanguage, t],
  );
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
