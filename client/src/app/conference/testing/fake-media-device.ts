/* eslint-disable @typescript-eslint/no-explicit-any -- stand-ins for mediasoup-client's event arguments */
import type { Device } from 'mediasoup-client/types';

/**
 * Stand-ins for mediasoup-client's Device, Transport, Producer and Consumer in unit specs: they keep
 * what the client gave them and raise the events a real transport raises (connect on first use,
 * produce with its callback, connectionstatechange when the test says).
 */

type Listener = (...args: any[]) => void;

class Emitter {
  private readonly listeners = new Map<string, Listener[]>();

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  emit(event: string, ...args: any[]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
}

export class FakeTrack {
  readyState: MediaStreamTrackState = 'live';
  enabled = true;
  private static count = 0;
  readonly id = `track-${++FakeTrack.count}`;

  constructor(readonly kind: 'audio' | 'video') {}

  stop(): void {
    this.readyState = 'ended';
  }

  addEventListener(): void {
    // Not needed by the specs.
  }

  removeEventListener(): void {
    // Not needed by the specs.
  }
}

export const fakeTrack = (kind: 'audio' | 'video') => new FakeTrack(kind) as unknown as MediaStreamTrack;

export class FakeProducer extends Emitter {
  paused = false;
  closed = false;

  constructor(
    readonly id: string,
    readonly track: MediaStreamTrack,
    readonly options: Record<string, any>,
  ) {
    super();
  }

  get kind(): string {
    return this.track.kind;
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
  }

  close(): void {
    this.closed = true;
  }
}

export class FakeConsumer {
  closed = false;
  readonly track: MediaStreamTrack;

  constructor(readonly options: Record<string, any>) {
    this.track = fakeTrack(options['kind']);
  }

  get id(): string {
    return this.options['id'];
  }

  close(): void {
    this.closed = true;
  }
}

export class FakeTransport extends Emitter {
  closed = false;
  readonly producers: FakeProducer[] = [];
  readonly consumers: FakeConsumer[] = [];
  readonly iceRestarts: unknown[] = [];
  /** What getStats() reports (RTCStats objects by id); the spec fills it. */
  stats: Record<string, unknown>[] = [];
  private connecting: Promise<void> | null = null;

  constructor(
    readonly direction: 'send' | 'recv',
    readonly options: Record<string, any>,
  ) {
    super();
  }

  get id(): string {
    return this.options['id'];
  }

  async produce(options: Record<string, any>): Promise<FakeProducer> {
    await this.connect();
    const track = options['track'] as MediaStreamTrack;
    const id = await new Promise<string>((resolve, reject) =>
      this.emit(
        'produce',
        {
          kind: track.kind,
          rtpParameters: {
            codecs: [options['codec'] ?? { mimeType: 'auto' }],
            encodings: options['encodings'] ?? [{}],
          },
          appData: options['appData'],
        },
        ({ id }: { id: string }) => resolve(id),
        reject,
      ),
    );
    const producer = new FakeProducer(id, track, options);
    this.producers.push(producer);
    return producer;
  }

  async consume(options: Record<string, any>): Promise<FakeConsumer> {
    await this.connect();
    const consumer = new FakeConsumer(options);
    this.consumers.push(consumer);
    return consumer;
  }

  async restartIce({ iceParameters }: { iceParameters: unknown }): Promise<void> {
    this.iceRestarts.push(iceParameters);
  }

  async getStats(): Promise<RTCStatsReport> {
    return new Map(this.stats.map((stat) => [stat['id'], stat])) as unknown as RTCStatsReport;
  }

  close(): void {
    this.closed = true;
    for (const producer of this.producers) producer.close();
    for (const consumer of this.consumers) consumer.close();
  }

  /** The browser's ICE/DTLS state changed. */
  setState(state: string): void {
    this.emit('connectionstatechange', state);
  }

  /** DTLS parameters go to the server on first use, as in mediasoup-client. */
  private connect(): Promise<void> {
    this.connecting ??= new Promise((resolve, reject) =>
      this.emit('connect', { dtlsParameters: { role: 'client', fingerprints: [] } }, resolve, reject),
    );
    return this.connecting;
  }
}

export const RECV_CAPABILITIES = { codecs: [{ kind: 'video', mimeType: 'video/VP8' }], headerExtensions: [] };

export class FakeDevice {
  loadedWith: unknown = null;
  readonly transports: FakeTransport[] = [];

  /** `video`: the video codecs the device can send (a Safari tablet may have H264 only). */
  constructor(private readonly video: string[] = ['video/VP8', 'video/H264']) {}

  get recvRtpCapabilities(): unknown {
    return RECV_CAPABILITIES;
  }

  get sendRtpCapabilities(): unknown {
    return {
      codecs: [
        { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000 },
        ...this.video.map((mimeType) => ({ kind: 'video', mimeType, clockRate: 90000 })),
      ],
    };
  }

  async load({ routerRtpCapabilities }: { routerRtpCapabilities: unknown }): Promise<void> {
    this.loadedWith = routerRtpCapabilities;
  }

  canProduce(): boolean {
    return true;
  }

  createSendTransport(options: Record<string, any>): FakeTransport {
    return this.add(new FakeTransport('send', options));
  }

  createRecvTransport(options: Record<string, any>): FakeTransport {
    return this.add(new FakeTransport('recv', options));
  }

  private add(transport: FakeTransport): FakeTransport {
    this.transports.push(transport);
    return transport;
  }
}

export const asDevice = (device: FakeDevice) => device as unknown as Device;

/** navigator.mediaDevices for specs: hands out fake tracks, or refuses what the test says. */
export class FakeMediaAccess {
  readonly requests: MediaStreamConstraints[] = [];
  readonly tracks: FakeTrack[] = [];
  refuse: { audio?: string; video?: string; screen?: string } = {};

  async getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream> {
    this.requests.push(constraints);
    if (constraints.audio && this.refuse.audio) throw new DOMException('refused', this.refuse.audio);
    if (constraints.video && this.refuse.video) throw new DOMException('refused', this.refuse.video);
    return this.stream(constraints.audio ? this.track('audio') : null, constraints.video ? this.track('video') : null);
  }

  async getDisplayMedia(): Promise<MediaStream> {
    if (this.refuse.screen) throw new DOMException('cancelled', this.refuse.screen);
    return this.stream(null, this.track('video'));
  }

  private track(kind: 'audio' | 'video'): FakeTrack {
    const track = new FakeTrack(kind);
    this.tracks.push(track);
    return track;
  }

  private stream(audio: FakeTrack | null, video: FakeTrack | null): MediaStream {
    return {
      getAudioTracks: () => (audio ? [audio] : []),
      getVideoTracks: () => (video ? [video] : []),
    } as unknown as MediaStream;
  }
}
