import { ChangeDetectionStrategy, Component, inject, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { AnnotationResponse } from '@app/shared';
import { TranslocoDirective } from '@jsverse/transloco';

import { Icon } from '../../../core/icons/icon';
import { LanguagePreference } from '../../../core/i18n/language-preference';
import { ServerMessagePipe } from '../../../core/i18n/server-message';
import { AnnotationsStore } from '../annotations-store';

/** "My notes": every note and highlight I left on this version, in page order. Only I can see them. */
@Component({
  selector: 'ec-notes-panel',
  imports: [MatButtonModule, TranslocoDirective, Icon, ServerMessagePipe],
  templateUrl: './notes-panel.html',
  styleUrl: './notes-panel.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotesPanel {
  protected readonly store = inject(AnnotationsStore);
  protected readonly lang = inject(LanguagePreference).active;

  readonly goTo = output<number>();
  readonly edit = output<AnnotationResponse>();
}
