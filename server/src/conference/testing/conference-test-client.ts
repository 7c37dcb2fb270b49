import type {
  ConferenceClientEvents,
  ConferenceJoinInfo,
  ConferenceServerEvents,
  ConferenceState,
  ConsumerOffer,
  LiveResult,
  MediaWire,
  TransportOptions,
} from '@app/shared';
import type { Socket } from 'socket.io-client';
import type { RTCPeerConnection } from 'werift';

import type { LiveTestClient } from '../../live/testing/live-fixtures';
import { connectLive } from '../../live/testing/live-fixtures';
import type { TestApp } from '../../testing/test-app';
import { connectWeriftReceiver } from './werift-receiver';

type ServerEvent = Exclude<keyof ConferenceServerEvents, 'error'>;
type Payload<E extends ServerEvent> = Parameters<ConferenceServerEvents[E]>[0];

const EVENTS: ServerEvent[] = [
  'conference:state',
  'conference:active-speaker',
  'conference:consumer',
  'conference:consumer-closed',
  'conference:consumer-paused',
  'conference:consumer-layers',
  'conference:health',
  'conference:removed',
  'conference:readmitted',
  'conference:reset',
];

export function dataOf<T>(result: LiveResult<T>): T {
  if (!result.ok) throw new Error(`call failed: ${JSON.stringify(result.error)}`);
  return result.data;
}

/**
 * Test only: one participant's live socket seen as a conference client. Records every
 * `conference:*` event, waits for the next one matching a test, and does the signalling steps a
 * mediasoup-client Device would (join, transports, ready) with a werift endpoint on its recv side.
 */
export class ConferenceTestClient {
  readonly received: { event: ServerEvent; payload: unknown }[] = [];
  private waiters: { event: ServerEvent; test: (payload: unknown) => boolean; resolve: (payload: unknown) => void }[] =
    [];
  join: ConferenceJoinInfo | null = null;
  recvTransport: TransportOptions | null = null;
  private pc: RTCPeerConnection | null = null;

  constructor(readonly live: LiveTestClient) {
    for (const event of EVENTS) {
      (live.socket as unknown as { on(e: string, l: (p: unknown) => void): void }).on(event, (payload) => {
        this.received.push({ event, payload });
        this.waiters = this.waiters.filter(
          (waiter) => !(waiter.event === event && waiter.test(payload) && (waiter.resolve(payload), true)),
        );
      });
    }
  }

  static async connect(t: TestApp, username: string): Promise<ConferenceTestClient> {
    return new ConferenceTestClient(await connectLive(t, username));
  }

  /**
   * Emits with an acknowledgement, like LiveTestClient.call but waiting up to 10 s: a join may wait
   * for a replacement worker, and the 2-core CI is busy.
   */
  async call<E extends keyof ConferenceClientEvents>(
    event: E,
    payload: Parameters<ConferenceClientEvents[E]>[0],
  ): Promise<Parameters<Parameters<ConferenceClientEvents[E]>[1]>[0]> {
    const socket = this.live.socket as unknown as Socket;
    return (await socket.timeout(10_000).emitWithAck(event, payload)) as Parameters<
      Parameters<ConferenceClientEvents[E]>[1]
    >[0];
  }

  /** A live-session event (not the bridge's), e.g. the speaker queue. */
  get liveCall(): LiveTestClient['call'] {
    return this.live.call.bind(this.live);
  }

  /** Events of one kind received so far. */
  all<E extends ServerEvent>(event: E): Payload<E>[] {
    return this.received.filter((r) => r.event === event).map((r) => r.payload as Payload<E>);
  }

  /** The next `event` (from now on, or already received when `past`) whose payload passes `test`. */
  next<E extends ServerEvent>(
    event: E,
    test: (payload: Payload<E>) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<Payload<E>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        event,
        test: test as (payload: unknown) => boolean,
        resolve: (payload) => {
          clearTimeout(timer);
          resolve(payload as Payload<E>);
        },
      });
    });
  }

  /** An event already received, or the next one. */
  async seen<E extends ServerEvent>(event: E, test: (payload: Payload<E>) => boolean, timeoutMs = 5000) {
    const found = this.all(event).find(test);
    return found ?? this.next(event, test, timeoutMs);
  }

  /** A state where `test` holds (the last one received, or a later one). */
  async state(test: (state: ConferenceState) => boolean, timeoutMs = 5000): Promise<ConferenceState> {
    const last = this.all('conference:state').at(-1);
    if (last && test(last)) return last;
    return this.next('conference:state', test, timeoutMs);
  }

  async joinConference(meetingId: string, test = false): Promise<ConferenceJoinInfo> {
    this.join = dataOf(await this.call('conference:join', { meetingId, test }));
    return this.join;
  }

  /**
   * A recv transport connected by werift (ICE + DTLS), then `ready` with capabilities without
   * congestion-control extensions: no bandwidth estimation, so mediasoup forwards the layers asked for.
   */
  async receive(meetingId: string): Promise<void> {
    if (!this.join) throw new Error('join first');
    const transport = dataOf(await this.call('conference:transport', { meetingId, direction: 'recv' }));
    this.recvTransport = transport;
    this.pc = await connectWeriftReceiver(transport, async (dtlsParameters) => {
      dataOf(await this.call('conference:transport-connect', { meetingId, transportId: transport.id, dtlsParameters }));
    });
    dataOf(await this.call('conference:ready', { meetingId, rtpCapabilities: plainCapabilities(this.join) }));
  }

  /**
   * A send transport and an opus mic producer on it, described as a device would (no media needs to
   * flow for signalling tests). Returns the producer id.
   */
  async produceMic(meetingId: string, ssrc: number): Promise<string> {
    const send = dataOf(await this.call('conference:transport', { meetingId, direction: 'send' }));
    const rtpParameters = {
      codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2 }],
      encodings: [{ ssrc }],
    };
    const produced = await this.call('conference:produce', {
      meetingId,
      transportId: send.id,
      kind: 'audio',
      source: 'mic',
      rtpParameters,
    });
    return dataOf(produced).producerId;
  }

  /** Resumes every consumer offered so far (as the client does once it created each). */
  async resumeAll(meetingId: string): Promise<ConsumerOffer[]> {
    const offers = this.all('conference:consumer');
    for (const offer of offers) {
      dataOf(await this.call('conference:consumer-resume', { meetingId, consumerId: offer.consumerId }));
    }
    return offers;
  }

  async close(): Promise<void> {
    await this.pc?.close();
    this.live.close();
  }
}

/** The router's capabilities minus transport-cc / REMB: what a device without congestion control would send. */
export function plainCapabilities(join: ConferenceJoinInfo): MediaWire {
  const caps = join.routerRtpCapabilities as {
    codecs: { rtcpFeedback?: { type: string }[] }[];
    headerExtensions: { uri: string }[];
  };
  return {
    codecs: caps.codecs.map((codec) => ({
      ...codec,
      rtcpFeedback: (codec.rtcpFeedback ?? []).filter((fb) => fb.type !== 'transport-cc' && fb.type !== 'goog-remb'),
    })),
    headerExtensions: caps.headerExtensions.filter((ext) => !/transport-wide-cc|abs-send-time/.test(ext.uri)),
  };
}
