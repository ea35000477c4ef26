import type { Rule } from 'antd/es/form';
import { checkPassword, passwordPolicyText, passwordRejectionText } from '@guatu/domain/password-policy';
import type { Language } from '../i18n/index.tsx';

/** The domain's password policy in the UI language, shown next to every password field. */
export const policyText = (language: Language) => passwordPolicyText[language];

/** An antd rule that checks a new password with the same rule as the server. */
export function passwordRule(username: string, language: Language): Rule {
  return {
    validator: async (_, value: string | undefined) => {
      if (!value) return;
      const result = checkPassword(value, username);
      if (!result.ok) throw new Error(passwordRejectionText[result.reason][language]);
    },
  };
}
