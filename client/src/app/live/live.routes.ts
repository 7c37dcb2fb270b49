import { Routes } from '@angular/router';

import { LivePage } from './live-page/live-page';

/** Under `/meetings/:meetingId/live`; lazy, with socket.io-client, only when the live session is opened. */
export const liveRoutes: Routes = [{ path: '', component: LivePage, title: 'live.title' }];
