import { MeetingResponse } from '@app/shared';

export function meetingStub(overrides: Partial<MeetingResponse> = {}): MeetingResponse {
  return {
    id: 'mtg-1',
    title: 'Kỳ họp thứ 12 Hội đồng nhân dân huyện',
    // 08:00–11:30 in Hà Nội (UTC+7).
    startsAt: '2030-06-13T01:00:00.000Z',
    endsAt: '2030-06-13T04:30:00.000Z',
    place: 'Hội trường Ủy ban nhân dân huyện',
    mode: 'in_person',
    status: 'scheduled',
    organiser: { id: 'unit-district', name: 'Văn phòng HĐND và UBND huyện', kind: 'district' },
    agendaItemCount: 7,
    documentCount: 12,
    ...overrides,
  };
}

export function pastMeetingStub(overrides: Partial<MeetingResponse> = {}): MeetingResponse {
  return meetingStub({
    id: 'mtg-0',
    title: 'Giao ban công tác tháng 5',
    startsAt: '2020-05-28T07:00:00.000Z',
    endsAt: '2020-05-28T09:00:00.000Z',
    place: 'Phòng họp trực tuyến',
    mode: 'online',
    status: 'closed',
    organiser: { id: 'unit-commune-1', name: 'UBND xã Tân Lập', kind: 'commune' },
    agendaItemCount: 3,
    documentCount: 4,
    ...overrides,
  });
}
