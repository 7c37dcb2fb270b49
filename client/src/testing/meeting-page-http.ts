import type { HttpTestingController } from '@angular/common/http/testing';
import type { DocumentResponse, MeetingDetailResponse } from '@app/shared';

/**
 * Answers what the meeting page asks for when it opens: the meeting, then its documents and its
 * video recordings (none: that panel stays hidden). `stable` lets the page render in between.
 */
export async function answerMeetingPage(
  http: HttpTestingController,
  stable: () => Promise<unknown>,
  meeting: MeetingDetailResponse,
  documents: DocumentResponse[],
): Promise<void> {
  http.expectOne(`/api/meetings/${meeting.id}`).flush(meeting);
  await stable();
  http.expectOne(`/api/meetings/${meeting.id}/documents`).flush(documents);
  await stable();
  http.expectOne(`/api/meetings/${meeting.id}/recordings`).flush([]);
  await stable();
}
