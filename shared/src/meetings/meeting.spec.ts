import { ListMeetingsQuerySchema, validationErrorResponse } from '../index';

describe('ListMeetingsQuerySchema', () => {
  it('accepts an empty query and a status filter', () => {
    expect(ListMeetingsQuerySchema.parse({})).toEqual({});
    expect(ListMeetingsQuerySchema.parse({ status: 'scheduled' })).toEqual({ status: 'scheduled' });
  });

  it('rejects an unknown status with a field error on `status`', () => {
    const result = ListMeetingsQuerySchema.safeParse({ status: 'party' });
    if (result.success) throw new Error('expected a validation error');
    const body = validationErrorResponse(result.error);
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.errors?.map((e) => e.path)).toEqual(['status']);
  });

  it('rejects unknown keys and a range that ends before it starts', () => {
    expect(ListMeetingsQuerySchema.safeParse({ sort: 'x' }).success).toBe(false);
    expect(ListMeetingsQuerySchema.safeParse({ scope: 'someday' }).error?.issues[0].path).toEqual(['scope']);
    const reversed = ListMeetingsQuerySchema.safeParse({
      from: '2026-12-02T00:00:00Z',
      to: '2026-12-01T00:00:00Z',
    });
    expect(reversed.success).toBe(false);
    expect(reversed.error?.issues[0].path).toEqual(['from']);
  });
});
