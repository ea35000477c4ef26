import type { authZhCN } from './auth.zh-CN.ts';

export const authEnUS: Record<keyof typeof authZhCN, string> = {
  'mfa.title': 'Two-factor authentication',
  'mfa.menu': 'Two-factor authentication',
  'mfa.step.title': 'Enter the code',
  'mfa.step.hint':
    'Open the authenticator app on your phone (Tencent Authenticator, Microsoft Authenticator, Google Authenticator…) and enter the 6-digit code shown for “Guatu”.',
  'mfa.step.code': 'Code',
  'mfa.step.codeRequired': 'Enter the 6-digit code',
  'mfa.step.submit': 'Verify and log in',
  'mfa.step.useRecovery': 'No phone at hand? Use a recovery code',
  'mfa.step.useTotp': 'Use the authenticator code',
  'mfa.step.recovery': 'Recovery code',
  'mfa.step.recoveryHint': 'Each recovery code works once; it looks like abcde-fghjk.',
  'mfa.step.recoveryRequired': 'Enter a recovery code',
  'mfa.step.back': 'Back to the password',
  'mfa.enrol.title': 'Set up two-factor authentication',
  'mfa.enrol.required':
    'Administrators, security administrators and auditors must use two-factor authentication (MLPS level 3); set it up to continue.',
  'mfa.enrol.step1': '1. Install an authenticator app on your phone and scan this QR code',
  'mfa.enrol.manual': 'Cannot scan? Type this secret instead:',
  'mfa.enrol.step2': '2. Enter the 6-digit code the app shows',
  'mfa.enrol.submit': 'Confirm',
  'mfa.enrol.start': 'Set up',
  'mfa.enrol.loading': 'Generating a secret…',
  'mfa.enrol.done': 'Two-factor authentication is on',
  'mfa.recovery.title': 'Recovery codes',
  'mfa.recovery.warning':
    'Download or copy these recovery codes now and keep them safe. Each logs you in once if you lose your phone. They are shown only this once.',
  'mfa.recovery.download': 'Download',
  'mfa.recovery.copy': 'Copy',
  'mfa.recovery.copied': 'Copied to the clipboard',
  'mfa.recovery.saved': 'I have saved them, continue',
  'mfa.recovery.fileHeader': 'Guatu two-factor recovery codes (each works once)',
  'mfa.settings.enabled': 'On (since {date})',
  'mfa.settings.disabled': 'Off',
  'mfa.settings.requiredNote':
    'Your role must use two-factor authentication; it cannot be turned off. If you lose your phone, ask the security administrator to reset it.',
  'mfa.settings.optionalNote':
    'When on, logging in asks for the code of the authenticator app on your phone besides the password.',
  'mfa.settings.codesLeft': 'Recovery codes left: {count}',
  'mfa.settings.enable': 'Turn on',
  'mfa.settings.disable': 'Turn off',
  'mfa.settings.regenerate': 'New recovery codes',
  'mfa.settings.passwordPrompt': 'Enter your password to confirm',
  'mfa.settings.disabledDone': 'Two-factor authentication is off',
  'mfa.reset.action': 'Reset two-factor',
  'mfa.reset.confirm':
    "Reset this user's two-factor authentication? Their sessions end and they set it up again at the next login.",
  'mfa.reset.done': 'Two-factor authentication reset',
  'passwordExpiry.soon':
    'Your password expires on {date}; change it in time. After that date, logging in asks for a new one first.',
  'passwordExpiry.change': 'Change now',
};
