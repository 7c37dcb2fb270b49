import { Routes } from '@angular/router';

import { MeetingList } from './meeting-list/meeting-list';
import { MeetingsStore } from './meetings-store';

export const meetingsRoutes: Routes = [
  {
    path: '',
    providers: [MeetingsStore],
    component: MeetingList,
    title: 'meetings.title',
  },
];
