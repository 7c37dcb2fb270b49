/** The languages e-Cabinet ships, Vietnamese first: it is the working language of the district. */
export const LANGS = ['vi', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export const DEFAULT_LANG: Lang = 'vi';

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}
