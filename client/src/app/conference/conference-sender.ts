import { signal } from '@angular/core';
import type { ConferencePeer, MediaSource } from '@app/shared';
import type { Device, Producer, Transport } from 'mediasoup-client/types';

import type { ConferenceCall } from './conference-call';
import type { LocalSending } from './conference-layout';
import { LocalMedia } from './local-media';
import { sendOptions } from './send-options';

/**
 * What this device sends on the bridge: one producer per source (mic, camera, screen) on the send
 * transport of the current join, the own mute and camera toggles, and the server's word on them (the
 * chair's mute pauses the microphone here too; the floor resumes it).
 */
export class ConferenceSender {
  private meetingId: string | null = null;
  private device: Device | null = null;
  private transport: Transport | null = null;
  private readonly producers = new Map<MediaSource, Producer>();
  /** Own pause calls on their way: the server's state does not undo them meanwhile. */
  private readonly pausing = new Set<MediaSource>();
  /** Muted by oneself: stays so across a rejoin. */
  private readonly selfPaused = new Set<MediaSource>();
  private readonly state = signal<LocalSending>({ mic: 'off', camera: 'off', screen: 'off' });

  readonly sending = this.state.asReadonly();

  constructor(
    private readonly call: ConferenceCall,
    readonly local: LocalMedia,
  ) {}

  /** The send transport of a new join. */
  attach(meetingId: string, device: Device, transport: Transport): void {
    this.meetingId = meetingId;
    this.device = device;
    this.transport = transport;
  }

  /** The transport closed (its producers with it): forget them; the tracks stay. */
  detach(): void {
    this.device = null;
    this.transport = null;
    this.producers.clear();
    this.pausing.clear();
    this.refresh();
  }

  /** Leaving: nothing is remembered for the next join. */
  reset(): void {
    this.detach();
    this.meetingId = null;
    this.selfPaused.clear();
    this.local.stopAll();
  }

  /** Sends the microphone, the camera (unless `audioOnly`) and a screen still shared, asking for what is missing. */
  async sendAll(audioOnly: boolean): Promise<void> {
    const transport = this.transport;
    await this.local.acquire({ audio: true, video: !audioOnly });
    for (const source of ['mic', 'camera', 'screen'] as const) {
      const track = this.local.track(source);
      if (transport !== this.transport) return;
      if (track) await this.produce(source, track);
    }
  }

  /** Own microphone or camera on and off. Unmuting waits for the server, which refuses it while the chair's mute holds. */
  async setPaused(source: 'mic' | 'camera', paused: boolean): Promise<boolean> {
    const producer = this.producers.get(source);
    const meetingId = this.meetingId;
    if (!producer || !meetingId) {
      return false;
    }
    this.pausing.add(source);
    if (paused) {
      producer.pause(); // Silent at once; the server follows.
      this.refresh();
    }
    // Not quiet: the chair's refusal is shown to the user.
    const result = await this.call('conference:producer-pause', { meetingId, producerId: producer.id, paused }, false);
    this.pausing.delete(source);
    if (paused) {
      this.selfPaused.add(source);
    } else if (result.ok && !producer.closed) {
      this.selfPaused.delete(source);
      producer.resume();
    }
    this.refresh();
    return result.ok;
  }

  /** Mic button: mute, unmute, or try the microphone again when it was not had. */
  async toggleMic(): Promise<void> {
    const producer = this.producers.get('mic');
    if (producer) {
      await this.setPaused('mic', !producer.paused);
      return;
    }
    await this.local.acquire({ audio: true, video: false });
    const track = this.local.track('mic');
    if (track) await this.produce('mic', track);
  }

  /** Camera button: pause, resume, or try the camera again. */
  async toggleCamera(): Promise<void> {
    const producer = this.producers.get('camera');
    if (producer) {
      await this.setPaused('camera', !producer.paused);
      return;
    }
    await this.startCamera();
  }

  async startCamera(): Promise<void> {
    await this.local.acquire({ audio: false, video: true });
    const track = this.local.track('camera');
    if (track) await this.produce('camera', track);
  }

  /** Stops sending the camera and lets go of it (audio only). */
  stopCamera(): void {
    this.local.stop('camera');
    this.closeProducer('camera');
  }

  async startScreenShare(): Promise<boolean> {
    if (this.producers.has('screen') || !this.transport) {
      return false;
    }
    const track = await this.local.startScreen();
    if (!track) {
      return false;
    }
    await this.produce('screen', track);
    if (!this.producers.has('screen')) {
      this.local.stop('screen');
      return false;
    }
    return true;
  }

  stopScreenShare(): void {
    this.local.stop('screen');
    this.closeProducer('screen');
  }

  /** The server's word on my producers wins: the chair's mute pauses them here too, the floor resumes them. */
  followServer(me: ConferencePeer | undefined): void {
    for (const source of ['mic', 'camera'] as const) {
      const server = me?.producers[source];
      const producer = this.producers.get(source);
      if (!server || !producer || server.producerId !== producer.id || this.pausing.has(source)) {
        continue;
      }
      if (server.paused && !producer.paused) {
        producer.pause();
      } else if (!server.paused && producer.paused) {
        producer.resume();
        this.selfPaused.delete(source);
      }
    }
    this.refresh();
  }

  private async produce(source: MediaSource, track: MediaStreamTrack): Promise<void> {
    const transport = this.transport;
    const device = this.device;
    if (!transport || !device || this.producers.has(source) || !device.canProduce(track.kind as 'audio' | 'video')) {
      return;
    }
    let producer: Producer;
    try {
      producer = await transport.produce({
        track,
        ...sendOptions(source, device),
        stopTracks: false,
        appData: { source },
      });
    } catch {
      return; // Refused or the track ended: that source stays off (its button tries again).
    }
    if (transport !== this.transport) {
      producer.close();
      return;
    }
    this.producers.set(source, producer);
    producer.on('trackended', () => {
      this.local.stop(source);
      this.closeProducer(source);
    });
    this.refresh();
    if (source !== 'screen' && this.selfPaused.has(source)) {
      await this.setPaused(source, true); // Muted before the rejoin: muted after it.
    }
  }

  private closeProducer(source: MediaSource): void {
    const producer = this.producers.get(source);
    this.producers.delete(source);
    this.refresh();
    if (producer && !producer.closed) {
      producer.close();
      // Closed here already; the server's answer changes nothing.
      if (this.meetingId)
        void this.call('conference:producer-close', { meetingId: this.meetingId, producerId: producer.id });
    }
  }

  private refresh(): void {
    const state = (source: MediaSource) => {
      const producer = this.producers.get(source);
      return producer ? (producer.paused ? 'paused' : 'on') : 'off';
    };
    this.state.set({ mic: state('mic'), camera: state('camera'), screen: state('screen') });
  }
}
