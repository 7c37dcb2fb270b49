import { readFile } from 'node:fs/promises';

/** Debian's fonts-dejavu-core: covers Vietnamese, so names like "Lê Hoàng Phương" print right. */
export const DEJAVU_SANS = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

let fontBytes: Promise<Buffer> | null = null;

/** Read once per process; a failed read is retried next time. */
export function dejaVuSans(): Promise<Buffer> {
  fontBytes ??= readFile(DEJAVU_SANS).catch((error: unknown) => {
    fontBytes = null;
    throw error;
  });
  return fontBytes;
}
