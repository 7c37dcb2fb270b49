import { SessionUserResponse } from '@app/shared';

export function sessionUserStub(overrides: Partial<SessionUserResponse> = {}): SessionUserResponse {
  return {
    id: '11111111-1111-4111-8111-111111111111',
    username: 'thuky',
    displayName: 'Nguyễn Thị Thư',
    role: 'secretary',
    unit: { id: 'unit-district', name: 'Huyện Sông Lam', kind: 'district' },
    ...overrides,
  };
}
