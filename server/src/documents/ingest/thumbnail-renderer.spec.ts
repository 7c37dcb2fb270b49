import { pageSlices } from './thumbnail-renderer';

describe('pageSlices', () => {
  it('splits the pages into one contiguous, even range per process', () => {
    expect(pageSlices(200, 2)).toEqual([
      [1, 100],
      [101, 200],
    ]);
    expect(pageSlices(201, 2)).toEqual([
      [1, 101],
      [102, 201],
    ]);
    expect(pageSlices(100, 4)).toEqual([
      [1, 25],
      [26, 50],
      [51, 75],
      [76, 100],
    ]);
  });

  it('keeps small documents in one process, where another start-up would cost more than it saves', () => {
    expect(pageSlices(1, 2)).toEqual([[1, 1]]);
    expect(pageSlices(12, 2)).toEqual([[1, 12]]);
    expect(pageSlices(24, 8)).toEqual([
      [1, 8],
      [9, 16],
      [17, 24],
    ]);
  });
});
