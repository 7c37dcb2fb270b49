import { resolve } from 'node:path';

import { loadConfig } from './app-config';

describe('loadConfig', () => {
  it('gives defaults that run the product on 127.0.0.1:3000 with sqlite under ./data', () => {
    const config = loadConfig({});
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(3000);
    expect(config.databaseFile).toBe(resolve('data/e-cabinet.sqlite'));
    expect(config.media.workers).toBeGreaterThanOrEqual(1);
  });

  it('fails fast naming the bad variable', () => {
    expect(() => loadConfig({ PORT: 'not-a-port' })).toThrow(/Invalid environment variables: PORT/);
    expect(() => loadConfig({ NODE_ENV: 'staging' })).toThrow(/NODE_ENV/);
    expect(() => loadConfig({ MEDIA_WORKERS: '0' })).toThrow(/MEDIA_WORKERS/);
    expect(() => loadConfig({ MEDIA_RTC_MIN_PORT: '40000', MEDIA_RTC_MAX_PORT: '40001' })).toThrow(
      /MEDIA_RTC_MAX_PORT/,
    );
  });

  it("embeds Debian's DejaVu fonts in generated PDFs unless told otherwise", () => {
    expect(loadConfig({}).pdfFonts).toEqual({
      regular: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
      bold: '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
    });
    expect(loadConfig({ PDF_FONT_FILE: 'fonts/a.ttf' }).pdfFonts.regular).toBe(resolve('fonts/a.ttf'));
  });

  it('keeps `:memory:` as is for tests', () => {
    expect(loadConfig({ DATABASE_FILE: ':memory:' }).databaseFile).toBe(':memory:');
  });
});
