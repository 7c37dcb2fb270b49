import { Pipe, PipeTransform } from '@angular/core';

import { Lang } from './languages';

/**
 * The server writes every message as "Vietnamese / English". Shows the half in the reader's language;
 * a message without exactly one separator is shown whole.
 */
export function localizeServerMessage(message: string, lang: Lang): string {
  const parts = message.split(' / ');
  if (parts.length !== 2 || !parts[0].trim() || !parts[1].trim()) {
    return message;
  }
  return (lang === 'vi' ? parts[0] : parts[1]).trim();
}

/** `{{ error.message | serverMessage: lang() }}`; pure, so pass the active language. */
@Pipe({ name: 'serverMessage' })
export class ServerMessagePipe implements PipeTransform {
  transform(message: string | null | undefined, lang: Lang): string {
    return message ? localizeServerMessage(message, lang) : '';
  }
}
