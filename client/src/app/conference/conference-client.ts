import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import {
  ConferenceIceServer,
  ConferenceState,
  ErrorCode,
  ErrorResponse,
  LiveServerEvents,
  MediaWire,
  TransportOptions,
} from '@app/shared';
import type {
  ConnectionState,
  Device,
  DtlsParameters,
  IceCandidate,
  IceParameters,
  MediaKind,
  RtpCapabilities,
  Transport,
} from 'mediasoup-client/types';

import { LiveSessionClient } from '../live/live-session-client';
import { ConferenceCall } from './conference-call';
import { CONFERENCE_DEVICE_FACTORY, CONFERENCE_TIMINGS, MEDIA_ACCESS } from './conference-devices';
import { arrangeTiles, ConferenceLayout } from './conference-layout';
import { ConferenceReceiver } from './conference-receiver';
import { ConferenceSender } from './conference-sender';
import { LocalMedia } from './local-media';

/**
 * idle: not in the video; joining: first join on its way; joined: media set up; reconnecting: joining
 * again by itself (link dropped, room rebuilt); removed: the chair removed this peer (no rejoin);
 * failed: refused, unsupported, or too many failures in a row.
 */
export type ConferencePhase = 'idle' | 'joining' | 'joined' | 'reconnecting' | 'removed' | 'failed';

/** The browser cannot do WebRTC (or mediasoup-client does not know it): no point in trying again. */
export const UNSUPPORTED_ERROR: ErrorResponse = { code: ErrorCode.UnsupportedMediaType, message: '' };
const GAVE_UP_ERROR: ErrorResponse = { code: ErrorCode.Unavailable, message: '' };

function isTransient(error: ErrorResponse): boolean {
  return (
    error.code === ErrorCode.Unavailable || error.code === ErrorCode.Internal || error.code === ErrorCode.RateLimited
  );
}

const wire = (value: object) => value as unknown as MediaWire;

/** A device loaded with the router's capabilities (the same for every room of this server). */
interface LoadedDevice {
  device: Device;
  /** The capabilities it was loaded with, as JSON: a join answering others means reloading. */
  capabilities: string;
}

/**
 * The video bridge of one meeting, for one page (mediasoup-demo's RoomClient): signalling on the live
 * session's socket, a mediasoup-client Device with a send and a receive transport, what this device
 * sends (ConferenceSender) and receives (ConferenceReceiver). Rejoins by itself after a dropped
 * connection, a failed transport or a rebuilt room; never after the chair removed it. `close()` is
 * idempotent and runs when the page goes.
 */
@Injectable()
export class ConferenceClient {
  private readonly live = inject(LiveSessionClient);
  private readonly createDevice = inject(CONFERENCE_DEVICE_FACTORY);
  private readonly timings = inject(CONFERENCE_TIMINGS);
  private readonly call: ConferenceCall = (event, payload, quiet = true) => this.live.call(event, payload, { quiet });

  /** The meeting to be in (and whether as a test call); null when not wanted. */
  private wanted: { meetingId: string; test: boolean } | null = null;
  /** Bumped by every (re)join and teardown: async steps of an older one stop where they are. */
  private run = 0;
  private attempts = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  /** Loaded ahead of the tap on "join" and kept across rejoins. */
  private loadedDevice: Promise<LoadedDevice> | null = null;
  /** The meeting whose device `prepare` wants loaded once the socket is up. */
  private preparing: string | null = null;
  private sendTransport: Transport | null = null;
  private recvTransport: Transport | null = null;
  private readonly stops: (() => void)[] = [];
  private closed = false;

  private readonly phaseValue = signal<ConferencePhase>('idle');
  private readonly failureValue = signal<ErrorResponse | null>(null);
  private readonly meetingValue = signal<string | null>(null);
  private readonly stateValue = signal<ConferenceState | null>(null);
  private readonly selfValue = signal<string | null>(null);
  private readonly speakerValue = signal<string | null>(null);
  /** The last remote peer heard: keeps the large tile through silence and through one's own words. */
  private readonly focusValue = signal<string | null>(null);
  private readonly audioOnlyValue = signal(false);
  private readonly deviceReadyValue = signal(false);

  readonly local = new LocalMedia(inject(MEDIA_ACCESS));
  private readonly sender = new ConferenceSender(this.call, this.local);
  private readonly receiver: ConferenceReceiver = new ConferenceReceiver(
    this.call,
    (): ConferenceLayout => this.layout(),
    () => !this.wanted?.test && !this.audioOnlyValue(),
  );

  readonly phase = this.phaseValue.asReadonly();
  /** Why the last join failed for good (phase `failed`). */
  readonly failure = this.failureValue.asReadonly();
  readonly meetingId = this.meetingValue.asReadonly();
  /** The room as the server last described it. */
  readonly state = this.stateValue.asReadonly();
  /** This device's peer id (its participant id). */
  readonly peerId = this.selfValue.asReadonly();
  readonly remote = this.receiver.remote;
  readonly activeSpeakerPeerId = this.speakerValue.asReadonly();
  readonly sending = this.sender.sending;
  readonly audioOnly = this.audioOnlyValue.asReadonly();
  /** The device is loaded: joining is one round trip from here. */
  readonly deviceReady = this.deviceReadyValue.asReadonly();

  readonly recording = computed(() => this.stateValue()?.recording ?? { active: false, startedAt: null });
  readonly locked = computed(() => this.stateValue()?.locked ?? false);
  readonly layout = computed<ConferenceLayout>(() =>
    arrangeTiles({
      state: this.stateValue(),
      selfId: this.selfValue(),
      remote: this.receiver.remote(),
      localCamera: this.local.tracks().camera ?? null,
      sending: this.sender.sending(),
      speakerId: this.speakerValue(),
      focusId: this.focusValue(),
    }),
  );
  readonly remoteAudio = computed(() => this.receiver.remote().filter((media) => media.kind === 'audio'));

  constructor() {
    this.listen('conference:state', (state) => this.receiveState(state));
    this.listen('conference:active-speaker', ({ meetingId, peerId }) => {
      if (meetingId === this.wanted?.meetingId) {
        this.noteSpeaker(peerId);
        this.receiver.applyLayers();
      }
    });
    this.listen('conference:consumer', (offer) => void this.receiver.consume(offer));
    this.listen('conference:consumer-closed', ({ consumerId }) => this.receiver.drop(consumerId));
    this.listen('conference:consumer-paused', ({ consumerId, paused }) => this.receiver.update(consumerId, { paused }));
    this.listen('conference:consumer-layers', ({ consumerId, spatialLayer }) =>
      this.receiver.update(consumerId, { spatialLayer }),
    );
    this.listen('conference:removed', ({ meetingId }) => this.removed(meetingId));
    this.listen('conference:readmitted', ({ meetingId }) => {
      // The chair let this peer back in: joining is offered again, not done by itself.
      if (meetingId === this.meetingValue() && this.phaseValue() === 'removed') this.phaseValue.set('idle');
    });
    this.listen('conference:reset', ({ meetingId }) => {
      if (meetingId === this.wanted?.meetingId) {
        this.attempts = 0;
        void this.connect('reconnecting');
      }
    });
    // A new socket is a new peer to the server (the old one was closed with its socket): join again.
    const reconnections = this.live.connected$.subscribe(() => {
      if (this.wanted) {
        this.attempts = 0;
        void this.connect(this.phaseValue() === 'joining' ? 'joining' : 'reconnecting');
      } else if (this.preparing) {
        this.prepare(this.preparing);
      }
    });
    this.stops.push(() => reconnections.unsubscribe());
    inject(DestroyRef).onDestroy(() => this.close());
  }

  /**
   * Loads mediasoup-client and its device before the user joins (the live page shows the join
   * button): joining is then one round trip. Errors are left for the join to report.
   */
  prepare(meetingId: string): void {
    this.preparing = meetingId;
    // The bridge's state also reaches organisers outside it (their console): it is this meeting's.
    this.meetingValue.set(meetingId);
    if (!this.closed && this.live.connected()) this.loadDevice(meetingId).catch(() => undefined);
  }

  /** Joins the meeting's video (`test`: the private loopback room of the test call). */
  async join(meetingId: string, { test = false }: { test?: boolean } = {}): Promise<void> {
    if (this.closed) {
      return;
    }
    this.wanted = { meetingId, test };
    this.meetingValue.set(meetingId);
    this.failureValue.set(null);
    this.attempts = 0;
    await this.connect('joining');
  }

  /** Leaves the video and lets go of the camera and microphone. */
  leave(): void {
    const wanted = this.wanted;
    this.wanted = null;
    this.clearRetry();
    const inRoom = ['joining', 'joined', 'reconnecting'].includes(this.phaseValue());
    if (wanted && inRoom && this.live.connected()) {
      void this.call('conference:leave', { meetingId: wanted.meetingId });
    }
    this.closeMedia();
    this.sender.reset();
    this.stateValue.set(null);
    this.selfValue.set(null);
    this.speakerValue.set(null);
    this.focusValue.set(null);
    this.audioOnlyValue.set(false);
    if (this.phaseValue() !== 'removed') this.phaseValue.set('idle');
  }

  /** Leaves and stops listening. Idempotent. */
  close(): void {
    if (this.closed) {
      return;
    }
    this.closed = true;
    this.leave();
    for (const stop of this.stops.splice(0)) stop();
  }

  /** Own microphone or camera on and off; unmuting is refused by the server while the chair's mute holds. */
  setPaused(source: 'mic' | 'camera', paused: boolean): Promise<boolean> {
    return this.sender.setPaused(source, paused);
  }

  toggleMic(): Promise<void> {
    return this.sender.toggleMic();
  }

  /** Not in audio-only mode (no camera is sent then). */
  async toggleCamera(): Promise<void> {
    if (!this.audioOnlyValue()) await this.sender.toggleCamera();
  }

  startScreenShare(): Promise<boolean> {
    return this.sender.startScreenShare();
  }

  stopScreenShare(): void {
    this.sender.stopScreenShare();
  }

  /** Audio only: the server stops sending video here, and this device stops sending its camera. */
  async setAudioOnly(audioOnly: boolean): Promise<void> {
    const meetingId = this.wanted?.meetingId;
    if (!meetingId) {
      return;
    }
    const result = await this.call('conference:audio-only', { meetingId, audioOnly }, false);
    if (!result.ok) {
      return;
    }
    this.audioOnlyValue.set(audioOnly);
    if (audioOnly) {
      this.sender.stopCamera();
    } else {
      await this.sender.startCamera();
      this.receiver.applyLayers();
    }
  }

  /** Statistics of a transport (RTT on its candidate pair, bytes, frames), for the test call. */
  async transportStats(direction: 'send' | 'recv'): Promise<RTCStatsReport | null> {
    const transport = direction === 'send' ? this.sendTransport : this.recvTransport;
    return transport && !transport.closed ? transport.getStats().catch(() => null) : null;
  }

  // ---------- joining ----------

  private async connect(phase: 'joining' | 'reconnecting'): Promise<void> {
    const wanted = this.wanted;
    if (!wanted) {
      return;
    }
    this.clearRetry();
    this.closeMedia();
    const run = ++this.run;
    this.phaseValue.set(phase);
    const { meetingId, test } = wanted;
    // Offers may come before the join's answer: the receiver keeps them for its transport.
    this.receiver.expect(meetingId);
    let loaded: LoadedDevice;
    try {
      loaded = await this.loadDevice(meetingId);
    } catch (error) {
      if (run === this.run) this.failed(error as ErrorResponse);
      return;
    }
    if (run !== this.run) return;
    const { device } = loaded;
    const joined = await this.call('conference:join', {
      meetingId,
      test,
      rtpCapabilities: wire(device.recvRtpCapabilities),
    });
    if (run !== this.run) return;
    if (!joined.ok) return this.failed(joined.error);

    const info = joined.data;
    if (!info.transports || JSON.stringify(info.routerRtpCapabilities) !== loaded.capabilities) {
      // The server's codecs changed under this page (a restart with other settings): load again.
      this.loadedDevice = null;
      this.deviceReadyValue.set(false);
      return this.failed({ code: ErrorCode.Unavailable, message: 'router capabilities changed' });
    }
    this.selfValue.set(info.peerId);
    this.receiveState(info.state);
    try {
      this.sendTransport = this.openTransport(device, 'send', info.transports.send, info.iceServers, run);
      this.recvTransport = this.openTransport(device, 'recv', info.transports.recv, info.iceServers, run);
    } catch {
      return this.failed(UNSUPPORTED_ERROR);
    }
    this.sender.attach(meetingId, device, this.sendTransport);
    this.receiver.attach(this.recvTransport);

    if (this.audioOnlyValue()) {
      // A new peer on the server: it has to hear the choice again.
      await this.call('conference:audio-only', { meetingId, audioOnly: true });
      if (run !== this.run) return;
    }
    this.phaseValue.set('joined');
    // Receiving first (the offers are on their way), then the own media.
    await this.sender.sendAll(this.audioOnlyValue());
  }

  /** The router's capabilities (one round trip) and a device loaded with them, once per page. */
  private loadDevice(meetingId: string): Promise<LoadedDevice> {
    this.loadedDevice ??= (async (): Promise<LoadedDevice> => {
      const answer = await this.call('conference:capabilities', { meetingId });
      if (!answer.ok) throw answer.error;
      try {
        const device = await this.createDevice();
        const { routerRtpCapabilities } = answer.data;
        await device.load({ routerRtpCapabilities: routerRtpCapabilities as unknown as RtpCapabilities });
        this.deviceReadyValue.set(true);
        return { device, capabilities: JSON.stringify(routerRtpCapabilities) };
      } catch {
        throw UNSUPPORTED_ERROR;
      }
    })().catch((error: unknown) => {
      this.loadedDevice = null;
      throw error;
    });
    return this.loadedDevice;
  }

  private openTransport(
    device: Device,
    direction: 'send' | 'recv',
    options: TransportOptions,
    iceServers: ConferenceIceServer[],
    run: number,
  ): Transport {
    const meetingId = this.wanted?.meetingId ?? '';
    const settings = {
      id: options.id,
      iceParameters: options.iceParameters as unknown as IceParameters,
      iceCandidates: options.iceCandidates as unknown as IceCandidate[],
      dtlsParameters: options.dtlsParameters as unknown as DtlsParameters,
      iceServers,
    };
    const transport =
      direction === 'send' ? device.createSendTransport(settings) : device.createRecvTransport(settings);
    // Not waited for: ICE starts at once and the socket delivers this before any later call. A DTLS
    // hello the server gets before it is told is dropped there, and the browser sends it again.
    transport.on('connect', ({ dtlsParameters }, callback) => {
      callback();
      void this.call('conference:transport-connect', {
        meetingId,
        transportId: transport.id,
        dtlsParameters: wire(dtlsParameters),
      }).then((result) => {
        if (!result.ok && run === this.run) this.failed(result.error);
      });
    });
    transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
      void this.call('conference:produce', {
        meetingId,
        transportId: transport.id,
        kind: kind as MediaKind,
        rtpParameters: wire(rtpParameters),
        source: appData['source'] as 'mic' | 'camera' | 'screen',
      }).then((result) =>
        result.ok ? callback({ id: result.data.producerId }) : errback(new Error(result.error.message)),
      );
    });
    transport.on('connectionstatechange', (state) => this.transportChanged(transport, state, run));
    return transport;
  }

  /** ICE restart when the network changed; a full rejoin when the transport failed. */
  private transportChanged(transport: Transport, state: ConnectionState, run: number): void {
    if (run !== this.run) {
      return;
    }
    if (state === 'connected') {
      this.attempts = 0;
    } else if (state === 'disconnected') {
      void this.restartIce(transport, run);
    } else if (state === 'failed') {
      this.closeMedia();
      this.retryLater();
    }
  }

  private async restartIce(transport: Transport, run: number): Promise<void> {
    const meetingId = this.wanted?.meetingId;
    if (!meetingId) return;
    const result = await this.call('conference:transport-restart-ice', { meetingId, transportId: transport.id });
    if (run !== this.run || transport.closed || !result.ok) return;
    await transport
      .restartIce({ iceParameters: result.data.iceParameters as unknown as IceParameters })
      .catch(() => undefined);
  }

  private failed(error: ErrorResponse): void {
    this.closeMedia();
    if (this.wanted && isTransient(error)) {
      this.retryLater();
      return;
    }
    this.wanted = null;
    this.sender.reset();
    this.failureValue.set(error);
    this.phaseValue.set('failed');
  }

  /**
   * Joins again after a growing wait; while the socket is down its next connection does it. A first
   * join that has not worked yet is still `joining` for the user.
   */
  private retryLater(): void {
    if (this.phaseValue() !== 'joining') this.phaseValue.set('reconnecting');
    if (!this.live.connected()) {
      return;
    }
    if (this.attempts >= this.timings.maxRejoinAttempts) {
      // Still wanted: a new connection of the socket tries again; the user can too.
      this.failureValue.set(GAVE_UP_ERROR);
      this.phaseValue.set('failed');
      return;
    }
    const delay = Math.min(this.timings.rejoinBaseMs * 2 ** this.attempts, this.timings.rejoinMaxMs);
    this.attempts++;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect(this.phaseValue() === 'joining' ? 'joining' : 'reconnecting');
    }, delay);
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private removed(meetingId: string): void {
    if (meetingId !== this.wanted?.meetingId) {
      return;
    }
    this.phaseValue.set('removed');
    this.leave();
  }

  /** Closes the transports (their producers and consumers with them); keeps the local tracks. */
  private closeMedia(): void {
    this.run++;
    this.sendTransport?.close();
    this.recvTransport?.close();
    this.sendTransport = null;
    this.recvTransport = null;
    this.sender.detach();
    this.receiver.detach();
  }

  // ---------- room state ----------

  private receiveState(state: ConferenceState): void {
    if (state.meetingId !== (this.wanted?.meetingId ?? this.meetingValue())) {
      return;
    }
    this.stateValue.set(state);
    this.noteSpeaker(state.activeSpeakerPeerId);
    this.sender.followServer(state.peers.find((peer) => peer.peerId === this.selfValue()));
    this.receiver.applyLayers();
  }

  private noteSpeaker(peerId: string | null): void {
    this.speakerValue.set(peerId);
    if (peerId && peerId !== this.selfValue()) {
      this.focusValue.set(peerId);
    }
  }

  private listen<E extends keyof LiveServerEvents>(event: E, handler: LiveServerEvents[E]): void {
    this.stops.push(this.live.on(event, handler));
  }
}
