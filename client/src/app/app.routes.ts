import { Route } from '@angular/router';

import { authGuard, guestGuard, roleGuard } from './core/auth/auth-guards';

export const appRoutes: Route[] = [
  {
    path: 'login',
    canActivate: [guestGuard],
    loadComponent: () => import('./auth/login/login').then((m) => m.Login),
    title: 'auth.login.title',
  },
  {
    path: '',
    canActivate: [authGuard],
    canActivateChild: [authGuard],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'meetings' },
      {
        path: 'meetings',
        loadChildren: () => import('./meetings/meetings.routes').then((m) => m.meetingsRoutes),
      },
      {
        path: 'audit',
        canActivate: [roleGuard('admin')],
        loadChildren: () => import('./audit/audit.routes').then((m) => m.auditRoutes),
      },
    ],
  },
  { path: '**', redirectTo: 'meetings' },
];
