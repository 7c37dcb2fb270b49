import type { MediaSource } from '@app/shared';
import type { INestApplication } from '@nestjs/common';
import type { types as ms } from 'mediasoup';

import { ConferenceMediaService } from '../conference-media.service';
import type { PeerProducer } from '../conference-peer';
import { ConferenceRoomsService } from '../conference-rooms.service';
import { FeedStream, startRtpFeed } from './rtp-feed';

const OPUS_PT = 100;
const VP8_PT = 101;

export interface PlainProducer {
  producer: PeerProducer;
  stop(): void;
}

/**
 * Test only: gives a joined peer a producer fed by ffmpeg through a PlainTransport, where a WebRTC
 * sender is impractical. It goes through the same door as `conference:produce` (produceOn): the
 * held-mic rule, offers to the others, recording. The transport closes with the peer.
 * `layers` > 1 makes a VP8 simulcast producer (layers of 80x60, 160x120, 320x240).
 */
export async function attachPlainProducer(
  app: INestApplication,
  /** The room: a meeting's id for its bridge, or testRoomKey(…) for a test call. */
  roomKey: string,
  participantId: string,
  source: MediaSource,
  layers = 1,
): Promise<PlainProducer> {
  const room = app.get(ConferenceRoomsService).get(roomKey);
  const peer = room?.peers.get(participantId);
  if (!room || !peer) throw new Error(`${participantId} is not in room ${roomKey}`);
  const transport = await room.router.createPlainTransport({
    listenInfo: { protocol: 'udp', ip: '127.0.0.1' },
    rtcpMux: true,
    comedia: true,
  });
  peer.once('close', () => transport.close());

  const ssrcBase = 10_000 + Math.floor(Math.random() * 1_000_000) * 10;
  const kind: ms.MediaKind = source === 'mic' ? 'audio' : 'video';
  const sizes = ['80x60', '160x120', '320x240'];
  const streams: FeedStream[] =
    kind === 'audio'
      ? [{ ssrc: ssrcBase, payloadType: OPUS_PT }]
      : Array.from({ length: layers }, (_, i) => ({
          ssrc: ssrcBase + i,
          payloadType: VP8_PT,
          size: layers === 1 ? '160x120' : sizes[i],
          bitrate: `${40 * (i + 1)}k`,
        }));
  const rtpParameters: ms.RtpParameters = {
    codecs: [
      kind === 'audio'
        ? { mimeType: 'audio/opus', payloadType: OPUS_PT, clockRate: 48000, channels: 2 }
        : { mimeType: 'video/VP8', payloadType: VP8_PT, clockRate: 90000 },
    ],
    encodings: streams.map((stream) => ({ ssrc: stream.ssrc })),
  };
  const producer = await app
    .get(ConferenceMediaService)
    .produceOn(room, peer, transport, { kind, rtpParameters, source });
  const feed = await startRtpFeed(kind, streams, { ip: '127.0.0.1', port: transport.tuple.localPort });
  return {
    producer,
    stop: () => {
      feed.stop();
      transport.close();
    },
  };
}
