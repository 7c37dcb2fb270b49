/** Lower case without Vietnamese diacritics, so "nguyen" finds "Nguyễn" and "duc" finds "Đức". */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}
