import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ArchiveJobResponse } from '@app/shared';

import { provideAppHttpTesting } from '../../../../testing/http-testing';
import { MEETING_ID, meetingDetailStub } from '../../../../testing/meeting-detail.stub';
import { translocoTesting } from '../../../../testing/transloco-testing';
import { waitFor } from '../../../../testing/wait-for';
import { ARCHIVE_POLL_MS, ArchiveButton } from './archive-button';

const JOB = '0b8f3c3e-2a52-4c1e-9a57-1f4f6b0cd001';

function job(overrides: Partial<ArchiveJobResponse>): ArchiveJobResponse {
  return {
    id: JOB,
    meetingId: MEETING_ID,
    status: 'running',
    percent: 0,
    createdAt: '2026-11-23T01:00:00Z',
    ...overrides,
  };
}

describe('ArchiveButton', () => {
  let fixture: ComponentFixture<ArchiveButton>;
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [ArchiveButton, translocoTesting()],
      providers: [provideAppHttpTesting(), { provide: ARCHIVE_POLL_MS, useValue: 5 }],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ArchiveButton);
    fixture.componentRef.setInput('meeting', meetingDetailStub({ status: 'closed' }));
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  const one = (id: string) =>
    (fixture.nativeElement as HTMLElement).querySelector<HTMLElement>(`[data-testid="${id}"]`);
  async function poll(answer: ArchiveJobResponse): Promise<void> {
    let found: TestRequest[] = [];
    await waitFor(() => (found = http.match(`/api/meetings/${MEETING_ID}/archive/${JOB}`)).length > 0);
    found[0].flush(answer);
    await fixture.whenStable();
  }

  it('builds the archive with visible progress, then offers the ZIP', async () => {
    expect(one('archive-start')?.textContent?.trim()).toBe('Xuất hồ sơ lưu trữ');
    one('archive-start')?.click();
    const start = http.expectOne(`/api/meetings/${MEETING_ID}/archive`);
    expect(start.request.method).toBe('POST');
    start.flush(job({ percent: 0 }));
    await fixture.whenStable();
    expect(one('archive-start')?.hasAttribute('disabled')).toBe(true);

    await poll(job({ percent: 40 }));
    expect(one('archive-progress')?.textContent).toContain('40%');
    expect(one('archive-progress')?.querySelector('mat-progress-bar')?.getAttribute('aria-valuenow')).toBe('40');

    await poll(job({ status: 'done', percent: 100, sizeBytes: 1234 }));
    expect(one('archive-progress')).toBeNull();
    const download = one('archive-download') as HTMLAnchorElement;
    expect(download.getAttribute('href')).toBe(`/api/meetings/${MEETING_ID}/archive/${JOB}/download`);
    expect(download.hasAttribute('download')).toBe(true);
    // Done: no more polling.
    await new Promise((resolve) => setTimeout(resolve, 30));
    http.expectNone(`/api/meetings/${MEETING_ID}/archive/${JOB}`);
  });

  it("shows the job's failure in the active language", async () => {
    one('archive-start')?.click();
    http.expectOne(`/api/meetings/${MEETING_ID}/archive`).flush(job({}));
    await poll(job({ status: 'failed', percent: 10, error: 'Không đọc được tệp / Could not read a file' }));
    expect(one('archive-failed')?.textContent?.trim()).toBe('Không đọc được tệp');
    expect(one('archive-start')?.hasAttribute('disabled')).toBe(false);
  });

  it('explains a refusal (meeting not closed yet)', async () => {
    one('archive-start')?.click();
    http
      .expectOne(`/api/meetings/${MEETING_ID}/archive`)
      .flush(
        { code: 'CONFLICT', message: 'Cuộc họp chưa kết thúc / The meeting is not closed' },
        { status: 409, statusText: 'Conflict' },
      );
    await fixture.whenStable();
    expect(one('archive-error')?.textContent?.trim()).toBe('Cuộc họp chưa kết thúc');
  });
});
