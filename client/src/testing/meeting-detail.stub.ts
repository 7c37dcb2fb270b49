import { DocumentDetailResponse, DocumentResponse, MeetingDetailResponse, ParticipantResponse } from '@app/shared';

import { meetingStub } from './meeting.stub';

export const MEETING_ID = '0b8f3c3e-2a52-4c1e-9a57-1f4f6b0c0001';
export const ITEM_IDS = [
  '0b8f3c3e-2a52-4c1e-9a57-1f4f6b0ca001',
  '0b8f3c3e-2a52-4c1e-9a57-1f4f6b0ca002',
  '0b8f3c3e-2a52-4c1e-9a57-1f4f6b0ca003',
];
export const USER_IDS = {
  secretary: '0b8f3c3e-2a52-4c1e-9a57-1f4f6b0cb001',
  delegate: '0b8f3c3e-2a52-4c1e-9a57-1f4f6b0cb002',
  delegate2: '0b8f3c3e-2a52-4c1e-9a57-1f4f6b0cb003',
};

export const DISTRICT_ID = '0b8f3c3e-2a52-4c1e-9a57-1f4f6b0cc001';
const district = { id: DISTRICT_ID, name: 'Huyện Sông Lam', kind: 'district' as const };

export function participantStub(overrides: Partial<ParticipantResponse> = {}): ParticipantResponse {
  return {
    id: 'p-secretary',
    userId: USER_IDS.secretary,
    displayName: 'Nguyễn Thị Thư',
    unit: district,
    meetingRole: 'secretary',
    votingMember: false,
    kind: 'person',
    ...overrides,
  };
}

export function meetingDetailStub(overrides: Partial<MeetingDetailResponse> = {}): MeetingDetailResponse {
  return {
    ...meetingStub({ id: MEETING_ID, status: 'draft', agendaItemCount: 3, documentCount: 1, organiser: district }),
    cancelReason: null,
    myRole: 'secretary',
    allowedTransitions: ['scheduled', 'cancelled'],
    participants: [
      participantStub(),
      participantStub({
        id: 'p-delegate',
        userId: USER_IDS.delegate,
        displayName: 'Trần Văn Đại',
        meetingRole: 'delegate',
        votingMember: true,
      }),
    ],
    agenda: [
      { id: ITEM_IDS[0], position: 1, title: 'Khai mạc', presenter: 'Chủ tọa', plannedMinutes: 10, description: null },
      {
        id: ITEM_IDS[1],
        position: 2,
        title: 'Dự toán ngân sách năm 2027',
        presenter: 'Phòng Tài chính',
        plannedMinutes: 45,
        description: 'Thảo luận và biểu quyết',
      },
      { id: ITEM_IDS[2], position: 3, title: 'Bế mạc', presenter: null, plannedMinutes: 5, description: null },
    ],
    documents: [],
    ...overrides,
  };
}

export function documentStub(overrides: Partial<DocumentResponse> = {}): DocumentResponse {
  return {
    id: 'doc-1',
    meetingId: MEETING_ID,
    agendaItemId: ITEM_IDS[1],
    title: 'Tờ trình dự toán ngân sách',
    fileName: 'to-trinh.pdf',
    visibility: 'all',
    readerIds: [],
    confidential: false,
    currentVersion: 1,
    latestVersion: 1,
    status: 'ready',
    stage: 'done',
    progress: 100,
    pageCount: 12,
    sizeBytes: 254_000,
    fileBytes: 261_000,
    fastOpen: { headEnd: 18_000, tailStart: 250_000 },
    lastOpenedVersion: null,
    createdAt: '2026-11-20T01:00:00.000Z',
    updatedAt: '2026-11-20T01:00:00.000Z',
    ...overrides,
  };
}

export function documentDetailStub(overrides: Partial<DocumentDetailResponse> = {}): DocumentDetailResponse {
  const base = documentStub(overrides);
  return {
    ...base,
    versions: [
      {
        number: 1,
        status: base.status,
        stage: base.stage,
        progress: base.progress,
        pageCount: base.status === 'ready' ? base.pageCount : null,
        sizeBytes: base.sizeBytes,
        sourceKind: 'pdf',
        fileName: base.fileName,
        createdAt: base.createdAt,
        readyAt: base.status === 'ready' ? base.updatedAt : null,
        failure: null,
      },
    ],
    ...overrides,
  };
}
