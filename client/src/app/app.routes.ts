import { Route } from '@angular/router';

export const appRoutes: Route[] = [
  { path: '', pathMatch: 'full', redirectTo: 'meetings' },
  {
    path: 'meetings',
    loadChildren: () => import('./meetings/meetings.routes').then((m) => m.meetingsRoutes),
  },
  { path: '**', redirectTo: 'meetings' },
];
