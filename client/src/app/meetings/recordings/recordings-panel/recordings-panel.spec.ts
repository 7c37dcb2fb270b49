import { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { RecordingResponse } from '@app/shared';

import { provideAppHttpTesting } from '../../../../testing/http-testing';
import { MEETING_ID } from '../../../../testing/meeting-detail.stub';
import { translocoTesting } from '../../../../testing/transloco-testing';
import { waitFor } from '../../../../testing/wait-for';
import { RECORDINGS_POLL_MS, RecordingsPanel } from './recordings-panel';

const LIST = `/api/meetings/${MEETING_ID}/recordings`;
const FIRST = '0b8f3c3e-2a52-4c1e-9a57-1f4f6b0ce001';
const SECOND = '0b8f3c3e-2a52-4c1e-9a57-1f4f6b0ce002';

function recording(id: string, overrides: Partial<RecordingResponse>): RecordingResponse {
  return {
    id,
    meetingId: MEETING_ID,
    status: 'recording',
    startedAt: '2026-12-07T01:30:00Z',
    endedAt: null,
    durationMs: null,
    fileBytes: null,
    sha256: null,
    startedById: null,
    failureReason: null,
    progress: null,
    downloadUrl: null,
    ...overrides,
  };
}

describe('RecordingsPanel', () => {
  let fixture: ComponentFixture<RecordingsPanel>;
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [RecordingsPanel, translocoTesting()],
      providers: [provideAppHttpTesting(), { provide: RECORDINGS_POLL_MS, useValue: 5 }],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(RecordingsPanel);
    fixture.componentRef.setInput('meetingId', MEETING_ID);
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  const root = () => fixture.nativeElement as HTMLElement;
  const rows = () => Array.from(root().querySelectorAll<HTMLElement>('[data-testid="recording-row"]'));
  const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim();
  async function answer(list: RecordingResponse[]): Promise<void> {
    let found: TestRequest[] = [];
    await waitFor(() => (found = http.match(LIST)).length > 0);
    found[0].flush(list);
    await fixture.whenStable();
  }

  it('shows nothing when the meeting has no recording, and stops asking', async () => {
    await answer([]);
    expect(root().querySelector('[data-testid="recordings"]')).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 30));
    http.expectNone(LIST);
  });

  it('follows a recording from running through the mix (with its progress) to a file to watch', async () => {
    const failed = recording(FIRST, { status: 'failed', failureReason: 'ffmpeg không chạy / ffmpeg did not run' });
    await answer([failed, recording(SECOND, { status: 'recording' })]);
    expect(rows().map((row) => row.dataset['status'])).toEqual(['failed', 'recording']);
    expect(text(rows()[0].querySelector('[data-testid="recording-state"]'))).toBe('ffmpeg không chạy');
    expect(text(rows()[1])).toContain('Đang ghi hình');

    await answer([failed, recording(SECOND, { status: 'processing', progress: 40 })]);
    expect(text(rows()[1].querySelector('[data-testid="recording-state"]'))).toBe('Đang xử lý bản ghi hình: 40%');
    expect(rows()[1].querySelector('mat-progress-bar')?.getAttribute('aria-valuenow')).toBe('40');

    const url = `/api/meetings/${MEETING_ID}/recordings/${SECOND}/file`;
    await answer([
      failed,
      recording(SECOND, { status: 'ready', durationMs: 754_000, fileBytes: 52_428_800, downloadUrl: url }),
    ]);
    expect(text(rows()[1].querySelector('[data-testid="recording-state"]'))).toBe('13 phút · 50 MB');
    const link = rows()[1].querySelector<HTMLAnchorElement>('[data-testid="recording-download"]');
    expect(link?.getAttribute('href')).toBe(url);
    expect(link?.getAttribute('aria-label')).toContain('Xem hoặc tải bản ghi hình lúc');
    // Nothing running or being mixed any more: no more reads.
    await new Promise((resolve) => setTimeout(resolve, 30));
    http.expectNone(LIST);
  });
});
