import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatToolbarModule } from '@angular/material/toolbar';
import { RouterLink, RouterOutlet } from '@angular/router';
import { TranslocoDirective } from '@jsverse/transloco';

import { LanguageSwitch } from './language-switch/language-switch';

/** The frame of every page: toolbar with the app name and the language switch, then the routed page. */
@Component({
  selector: 'ec-root',
  imports: [MatToolbarModule, RouterLink, RouterOutlet, TranslocoDirective, LanguageSwitch],
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Shell {}
