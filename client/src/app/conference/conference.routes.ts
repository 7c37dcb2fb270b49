import { Routes } from '@angular/router';

import { TestCallPage } from './test-call/test-call-page';

/** Under `/meetings/:meetingId/test-call`; lazy, like the live session whose socket it rides on. */
export const conferenceRoutes: Routes = [{ path: '', component: TestCallPage, title: 'conference.testPage.title' }];
