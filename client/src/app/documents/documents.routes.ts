import { Routes } from '@angular/router';

import { Reader } from './reader/reader';

/** Under `/meetings/:meetingId/documents`; lazy, so pdf.js loads only when a document is opened. */
export const documentsRoutes: Routes = [{ path: ':documentId', component: Reader, title: 'documents.reader.title' }];
