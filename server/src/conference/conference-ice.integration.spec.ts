import type { ConferenceState, TransportOptions } from '@app/shared';
import { createWorker } from 'mediasoup';
import type { RTCPeerConnection } from 'werift';

import { createLiveMeeting, LiveMeeting } from '../live/testing/live-fixtures';
import { BOOT_TIMEOUT } from '../meetings/testing/meeting-fixtures';
import { createTestApp, TestApp } from '../testing/test-app';
import type { PeerTransport } from './conference-peer';
import { ConferenceRoomsService } from './conference-rooms.service';
import { ICE_DISCONNECTED_GRACE_MS } from './peer-transports';
import { ConferenceTestClient, dataOf, plainCapabilities } from './testing/conference-test-client';
import { attachPlainProducer, PlainProducer } from './testing/plain-producer';
import {
  connectWeriftReceiver,
  countReceivedRtp,
  restartWeriftIce,
  silenceWeriftReceiver,
  weriftIceState,
} from './testing/werift-receiver';

/** mediasoup's smallest: the silent-site test then takes consent timeout + grace, about 20 s. */
const CONSENT_SECONDS = 10;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

const connected = (transport: PeerTransport) =>
  ['connected', 'completed'].includes(transport.iceState) && transport.dtlsState === 'connected';

/**
 * ICE on real workers with real WebRTC peers (werift): a site that goes silent without a word is
 * closed by the server once its ICE consent expires and the grace ends, while one that keeps
 * answering stays; an ICE restart hands out new credentials and the transport goes on with them.
 */
describe('conference ICE: consent, silent sites and ICE restart', () => {
  let t: TestApp;
  const clients: ConferenceTestClient[] = [];
  const pcs: RTCPeerConnection[] = [];
  const producers: PlainProducer[] = [];

  const connect = async (username: string) => {
    const client = await ConferenceTestClient.connect(t, username);
    clients.push(client);
    return client;
  };
  const serverTransport = (meetingId: string, participantId: string, transportId: string): PeerTransport => {
    const transport = t.app
      .get(ConferenceRoomsService)
      .get(meetingId)
      ?.peers.get(participantId)
      ?.transports.get(transportId);
    if (!transport) throw new Error(`no transport ${transportId} of ${participantId}`);
    return transport;
  };

  /** A recv transport connected by a werift peer this test holds (ConferenceTestClient keeps its own hidden). */
  async function receiveWithWerift(
    client: ConferenceTestClient,
    meetingId: string,
  ): Promise<{ pc: RTCPeerConnection; transport: TransportOptions }> {
    if (!client.join) throw new Error('join first');
    const transport = dataOf(await client.call('conference:transport', { meetingId, direction: 'recv' }));
    const pc = await connectWeriftReceiver(transport, async (dtlsParameters) => {
      dataOf(
        await client.call('conference:transport-connect', { meetingId, transportId: transport.id, dtlsParameters }),
      );
    });
    pcs.push(pc);
    dataOf(await client.call('conference:ready', { meetingId, rtpCapabilities: plainCapabilities(client.join) }));
    return { pc, transport };
  }

  beforeAll(async () => {
    t = await createTestApp({
      listen: true,
      createWorker,
      env: {
        MEDIA_RTC_MIN_PORT: '43800',
        MEDIA_RTC_MAX_PORT: '43899',
        MEDIA_WEBRTC_PORT: '43900',
        MEDIA_ICE_CONSENT_TIMEOUT_SECONDS: String(CONSENT_SECONDS),
      },
    });
  }, BOOT_TIMEOUT);
  afterAll(async () => {
    for (const producer of producers) producer.stop();
    await Promise.all(pcs.map((pc) => pc.close()));
    await Promise.all(clients.map((client) => client.close()));
    await t?.close();
  });

  it('closes a site that goes silent without a DTLS close after consent timeout + grace; it stays listed until then', async () => {
    const meeting: LiveMeeting = await createLiveMeeting(t);
    const { meetingId } = meeting;
    const siteId = meeting.participantIds['xa.anbinh'];
    const chairId = meeting.participantIds['chutoa'];
    const listed = (state: ConferenceState, peerId: string) => state.peers.some((p) => p.peerId === peerId);
    const chair = await connect('chutoa');
    /** Whether the last state the chair got lists the peer. */
    const chairSees = (peerId: string) => {
      const last = chair.all('conference:state').at(-1);
      return !!last && listed(last, peerId);
    };
    const site = await connect('xa.anbinh');
    await chair.joinConference(meetingId);
    await site.joinConference(meetingId);
    // Both receive over real WebRTC; werift spends ~5 s gathering, so they connect at once.
    const [, siteRecv] = await Promise.all([chair.receive(meetingId), receiveWithWerift(site, meetingId)]);
    const siteTransport = serverTransport(meetingId, siteId, siteRecv.transport.id);
    const chairTransport = serverTransport(meetingId, chairId, chair.recvTransport?.id ?? 'none');
    await until(() => connected(siteTransport) && connected(chairTransport), 10_000, 'ICE + DTLS of both');
    await chair.state((s) => listed(s, siteId) && listed(s, chairId));

    const dtlsStates: string[] = [];
    siteTransport.on('dtlsstatechange', (state) => dtlsStates.push(state));
    const gone = chair.next('conference:state', (s) => !listed(s, siteId), 40_000);
    await silenceWeriftReceiver(siteRecv.pc);
    const silentAt = Date.now();

    // No consent for CONSENT_SECONDS (counted from the site's last check, sent every ~5 s): disconnected.
    await until(() => siteTransport.iceState === 'disconnected', (CONSENT_SECONDS + 3) * 1000, 'ICE disconnected');
    const disconnectedAt = Date.now();
    expect(disconnectedAt - silentAt).toBeGreaterThan(3000);
    expect(disconnectedAt - silentAt).toBeLessThan((CONSENT_SECONDS + 1.5) * 1000);
    // Nothing was said: DTLS is still up, and the site is still in the room and on the chair's screen.
    expect(siteTransport.dtlsState).toBe('connected');
    expect(chairSees(siteId)).toBe(true);

    // The grace: the site could still come back (an ICE restart) until it ends.
    await sleep(ICE_DISCONNECTED_GRACE_MS - 1500);
    expect(t.app.get(ConferenceRoomsService).get(meetingId)?.peers.has(siteId)).toBe(true);
    expect(chairSees(siteId)).toBe(true);

    const state = await gone;
    const goneAt = Date.now();
    expect(goneAt - disconnectedAt).toBeGreaterThanOrEqual(ICE_DISCONNECTED_GRACE_MS - 200);
    expect(goneAt - disconnectedAt).toBeLessThan(ICE_DISCONNECTED_GRACE_MS + 2000);
    expect(state.peers.map((p) => p.peerId)).toEqual([chairId]);
    expect(siteTransport.closed).toBe(true);
    // Closed by the server, not by a DTLS close or failure from the site.
    expect(dtlsStates.filter((s) => s !== 'closed')).toEqual([]);
    // The chair kept answering its consent checks all along: still connected, well past the timeout.
    expect(goneAt - silentAt).toBeGreaterThan(CONSENT_SECONDS * 1000);
    expect(connected(chairTransport)).toBe(true);
  }, 60_000);

  it('gives new ICE credentials on restartIce, and the transport goes on with them past the consent timeout', async () => {
    const meeting = await createLiveMeeting(t);
    const { meetingId } = meeting;
    const chairId = meeting.participantIds['chutoa'];
    const chair = await connect('chutoa');
    const site = await connect('xa.anbinh');
    await chair.joinConference(meetingId);
    await site.joinConference(meetingId);
    const { pc, transport } = await receiveWithWerift(chair, meetingId);
    const server = serverTransport(meetingId, chairId, transport.id);
    await until(() => connected(server), 10_000, 'ICE + DTLS');
    producers.push(await attachPlainProducer(t.app, meetingId, meeting.participantIds['xa.anbinh'], 'mic'));
    await chair.seen('conference:consumer', (o) => o.source === 'mic');
    await chair.resumeAll(meetingId);
    const rtp = countReceivedRtp(pc);
    await until(() => rtp.packets > 20, 10_000, 'RTP at the werift peer');

    const { iceParameters } = dataOf(
      await chair.call('conference:transport-restart-ice', { meetingId, transportId: transport.id }),
    );
    const before = transport.iceParameters as { usernameFragment: string; password: string };
    const after = iceParameters as { usernameFragment: string; password: string };
    expect(after.usernameFragment).toEqual(expect.any(String));
    expect(after.usernameFragment).not.toBe(before.usernameFragment);
    expect(after.password).not.toBe(before.password);

    await restartWeriftIce(pc, { ...transport, iceParameters });
    await until(() => weriftIceState(pc).state === 'connected', 15_000, 'werift ICE connected again');
    expect(weriftIceState(pc).remoteUsername).toBe(after.usernameFragment);

    // Past the consent timeout: werift's restart ended its old checks; those signed with the new password kept it up.
    await sleep((CONSENT_SECONDS + 2) * 1000);
    expect(connected(server)).toBe(true);
    expect(t.app.get(ConferenceRoomsService).get(meetingId)?.peers.has(chairId)).toBe(true);
    const received = rtp.packets;
    await until(() => rtp.packets > received + 20, 5_000, 'RTP still arriving');
  }, 60_000);
});
