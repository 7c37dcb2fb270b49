import type { LiveClientEvents, LiveServerEvents } from '@app/shared';
import type { Namespace } from 'socket.io';

import type { LiveCalls } from '../live/live-calls';
import { ACTIVE_SPEAKER_THROTTLE_MS, ConferenceNotifier } from './conference-notifier';
import type { ConferenceRoom } from './conference-room';

describe('ConferenceNotifier', () => {
  let sent: { room: string | string[]; event: string; payload: unknown }[];
  let notifier: ConferenceNotifier;
  const room = { key: 'm1', meetingId: 'm1', activeSpeakerPeerId: null as string | null, closed: false };

  beforeEach(() => {
    jest.useFakeTimers();
    sent = [];
    notifier = new ConferenceNotifier({} as LiveCalls);
    const namespace = {
      to: (target: string | string[]) => ({
        emit: (event: string, payload: unknown) => sent.push({ room: target, event, payload }),
      }),
      adapter: { on: () => undefined },
    };
    notifier.attach(namespace as unknown as Namespace<LiveClientEvents, LiveServerEvents>);
  });
  afterEach(() => jest.useRealTimers());

  it('sends a burst of dominant-speaker changes as the first now and the last one a throttle later', () => {
    for (const peerId of ['a', 'b', 'c', 'd']) {
      room.activeSpeakerPeerId = peerId;
      notifier.activeSpeaker(room as unknown as ConferenceRoom);
    }
    expect(sent.map((s) => s.payload)).toEqual([{ meetingId: 'm1', peerId: 'a' }]);
    jest.advanceTimersByTime(ACTIVE_SPEAKER_THROTTLE_MS);
    expect(sent.map((s) => s.payload)).toEqual([
      { meetingId: 'm1', peerId: 'a' },
      { meetingId: 'm1', peerId: 'd' },
    ]);
    expect(sent.every((s) => s.room === 'conference:m1' && s.event === 'conference:active-speaker')).toBe(true);
  });

  it('coalesces the state changes of one tick into one message, to the room and the organisers outside it', () => {
    const state = { meetingId: 'm1', peers: [] };
    const stateful = { ...room, test: false, state: () => state } as unknown as ConferenceRoom;
    notifier.state(stateful);
    notifier.state(stateful);
    notifier.state(stateful);
    expect(sent).toEqual([]);
    jest.runAllTicks();
    jest.advanceTimersByTime(0);
    expect(sent).toEqual([
      { room: ['conference:m1', 'conference-organisers:m1'], event: 'conference:state', payload: state },
    ]);
  });
});
