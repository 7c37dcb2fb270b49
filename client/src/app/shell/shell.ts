import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatToolbarModule } from '@angular/material/toolbar';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslocoDirective } from '@jsverse/transloco';

import { AuthStore } from '../core/auth/auth-store';
import { NotificationBell } from '../notifications/notification-bell/notification-bell';
import { LanguageSwitch } from './language-switch/language-switch';
import { UserMenu } from './user-menu/user-menu';

/** The frame of every page: app name, navigation, notifications and the account menu once logged in, the language switch. */
@Component({
  selector: 'ec-root',
  imports: [
    MatButtonModule,
    MatToolbarModule,
    RouterLink,
    RouterLinkActive,
    RouterOutlet,
    TranslocoDirective,
    LanguageSwitch,
    NotificationBell,
    UserMenu,
  ],
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Shell {
  private readonly auth = inject(AuthStore);

  protected readonly loggedIn = this.auth.loggedIn;
  protected readonly isAdmin = computed(() => this.auth.role() === 'admin');
}
