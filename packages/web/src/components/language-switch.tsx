import { Segmented } from 'antd';
import { useI18n, type Language } from '../i18n/index.tsx';

export function LanguageSwitch({ size = 'middle' }: { size?: 'small' | 'middle' }) {
  const { language, setLanguage, t } = useI18n();
  return (
    <Segmented<Language>
      size={size}
      aria-label={t('lang.switch')}
      value={language}
      onChange={setLanguage}
      options={[
        { value: 'zh-CN', label: '中文' },
        { value: 'en-US', label: 'English' },
      ]}
    />
  );
}
