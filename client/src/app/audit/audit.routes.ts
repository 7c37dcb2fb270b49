import { Routes } from '@angular/router';

import { AuditPage } from './audit-page/audit-page';

export const auditRoutes: Routes = [{ path: '', component: AuditPage, title: 'audit.title' }];
