import { readFile } from 'node:fs/promises';

import { Injectable, Logger } from '@nestjs/common';

import { AppConfig } from '../config/app-config';
import { MinutesFonts, MinutesPdfOptions, renderMinutesPdf } from './minutes-pdf';

/** Renders minutes to PDF with the configured fonts (read once; a failed read is tried again next time). */
@Injectable()
export class MinutesPdfService {
  private readonly logger = new Logger(MinutesPdfService.name);
  private fonts: Promise<MinutesFonts> | null = null;

  constructor(private readonly config: AppConfig) {}

  async render(body: string, options: MinutesPdfOptions): Promise<Buffer> {
    return renderMinutesPdf(body, await this.loadFonts(), options);
  }

  private loadFonts(): Promise<MinutesFonts> {
    const { regular, bold } = this.config.pdfFonts;
    this.fonts ??= Promise.all([readFile(regular), readFile(bold)]).then(
      ([r, b]) => ({ regular: r, bold: b }),
      (error: unknown) => {
        this.fonts = null;
        this.logger.error(
          `Cannot read the PDF fonts ${regular}, ${bold} (PDF_FONT_FILE, PDF_FONT_BOLD_FILE): ${String(error)}`,
        );
        throw error;
      },
    );
    return this.fonts;
  }
}
