import { isSameQueue, queueIndexFor } from './speaker-queue';

describe('queueIndexFor', () => {
  it('puts speeches and questions at the back', () => {
    expect(queueIndexFor('speech', [])).toBe(0);
    expect(queueIndexFor('question', ['point_of_order', 'speech'])).toBe(2);
  });

  it('puts a point of order at the front, behind the points of order already there', () => {
    expect(queueIndexFor('point_of_order', ['speech', 'question'])).toBe(0);
    expect(queueIndexFor('point_of_order', ['point_of_order', 'point_of_order', 'speech'])).toBe(2);
    expect(queueIndexFor('point_of_order', ['point_of_order'])).toBe(1);
  });

  it('ignores a point of order the chair moved behind a speech', () => {
    expect(queueIndexFor('point_of_order', ['speech', 'point_of_order'])).toBe(0);
  });
});

describe('isSameQueue', () => {
  it('accepts the same ids in another order', () => {
    expect(isSameQueue(['a', 'b', 'c'], ['c', 'a', 'b'])).toBe(true);
    expect(isSameQueue([], [])).toBe(true);
  });

  it('refuses a missing, extra or repeated id', () => {
    expect(isSameQueue(['a', 'b'], ['a'])).toBe(false);
    expect(isSameQueue(['a', 'b'], ['a', 'b', 'c'])).toBe(false);
    expect(isSameQueue(['a', 'b'], ['a', 'a'])).toBe(false);
    expect(isSameQueue(['a', 'b'], ['a', 'c'])).toBe(false);
  });
});
