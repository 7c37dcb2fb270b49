import { Pipe, PipeTransform } from '@angular/core';

/** 1536 → "1,5 MB" in Vietnamese, "1.5 MB" in English. */
export function formatFileSize(bytes: number, lang: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

@Pipe({ name: 'fileSize' })
export class FileSizePipe implements PipeTransform {
  transform(bytes: number | null | undefined, lang: string): string {
    return bytes === null || bytes === undefined ? '' : formatFileSize(bytes, lang);
  }
}
