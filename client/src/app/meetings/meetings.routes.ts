import { Routes } from '@angular/router';

import { MeetingForm } from './meeting-form/meeting-form';
import { MeetingList } from './meeting-list/meeting-list';
import { MeetingPage } from './meeting-page/meeting-page';
import { MeetingsStore } from './meetings-store';

export const meetingsRoutes: Routes = [
  {
    path: '',
    providers: [MeetingsStore],
    component: MeetingList,
    title: 'meetings.title',
  },
  { path: 'new', component: MeetingForm, title: 'meetings.form.createTitle' },
  { path: ':meetingId', component: MeetingPage, title: 'meetings.page.title' },
  { path: ':meetingId/edit', component: MeetingForm, title: 'meetings.form.editTitle' },
  {
    path: ':meetingId/minutes',
    loadComponent: () => import('../minutes/minutes-page/minutes-page').then((m) => m.MinutesPage),
    title: 'minutes.title',
  },
  {
    // The reader (and pdf.js with it) loads only when a document is opened.
    path: ':meetingId/documents',
    loadChildren: () => import('../documents/documents.routes').then((m) => m.documentsRoutes),
  },
  {
    // The live session (and socket.io-client with it) loads only when it is opened.
    path: ':meetingId/live',
    loadChildren: () => import('../live/live.routes').then((m) => m.liveRoutes),
  },
  {
    // The pre-meeting test call of the video bridge (mediasoup-client loads when it joins).
    path: ':meetingId/test-call',
    loadChildren: () => import('../conference/conference.routes').then((m) => m.conferenceRoutes),
  },
];
