import type { Messages } from './en';

// Typed keys: `t('no.such.key')` fails `tsc`, as does a missing interpolation value's key.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}
