import { arrangeTiles, layerRequests, LayoutInput, RemoteMedia } from './conference-layout';
import { fakeTrack } from './testing/fake-media-device';
import { conferenceStateStub, offerStub, PEERS, peerStub } from './testing/conference-state.stub';

function received(peerId: string, source: RemoteMedia['source']): RemoteMedia {
  const offer = offerStub(peerId, source);
  return { ...offer, track: fakeTrack(offer.kind), paused: false, spatialLayer: null };
}

function input(overrides: Partial<LayoutInput> = {}): LayoutInput {
  return {
    state: conferenceStateStub(),
    selfId: PEERS.siteA,
    remote: [received(PEERS.chair, 'camera'), received(PEERS.siteB, 'camera')],
    localCamera: fakeTrack('video'),
    sending: { mic: 'on', camera: 'on', screen: 'off' },
    speakerId: null,
    focusId: null,
    ...overrides,
  };
}

const order = (layout: ReturnType<typeof arrangeTiles>) => [layout.large?.key, ...layout.small.map((tile) => tile.key)];

describe('arrangeTiles', () => {
  it('puts the first other peer large before anyone spoke, and oneself last', () => {
    expect(order(arrangeTiles(input()))).toEqual([
      `${PEERS.chair}:camera`,
      `${PEERS.siteB}:camera`,
      `${PEERS.siteA}:camera`,
    ]);
  });

  it('puts a shared screen above the floor, and the floor above the last one heard', () => {
    const screen = received(PEERS.siteB, 'screen');
    const spotlight = input({
      state: conferenceStateStub({ spotlightPeerId: PEERS.siteB }),
      focusId: PEERS.chair,
    });
    expect(arrangeTiles(spotlight).large).toMatchObject({ peerId: PEERS.siteB, source: 'camera', spotlight: true });
    expect(arrangeTiles({ ...spotlight, remote: [...spotlight.remote, screen] }).large).toMatchObject({
      peerId: PEERS.siteB,
      source: 'screen',
      track: screen.track,
    });
    expect(arrangeTiles(input({ focusId: PEERS.siteB })).large?.peerId).toBe(PEERS.siteB);
  });

  it('shows oneself large when alone, mirrored from the local camera', () => {
    const alone = input({ state: conferenceStateStub({ peers: [peerStub(PEERS.siteA)] }), remote: [] });
    const layout = arrangeTiles(alone);
    expect(layout.large).toMatchObject({ self: true, track: alone.localCamera });
    expect(layout.small).toEqual([]);
    expect(layerRequests(layout)).toEqual([]);
  });

  it('shows the name instead of a paused video', () => {
    const paused = { ...received(PEERS.chair, 'camera'), paused: true };
    expect(arrangeTiles(input({ remote: [paused] })).large).toMatchObject({ peerId: PEERS.chair, track: null });
  });

  it('asks for the top layer for the large camera only, and nothing for screens', () => {
    const chair = received(PEERS.chair, 'camera');
    const siteB = received(PEERS.siteB, 'camera');
    const screen = received(PEERS.siteB, 'screen');
    expect(layerRequests(arrangeTiles(input({ remote: [chair, siteB] })))).toEqual([
      { consumerId: chair.consumerId, spatialLayer: 2 },
      { consumerId: siteB.consumerId, spatialLayer: 0 },
    ]);
    // The screen is large: every camera is small.
    expect(layerRequests(arrangeTiles(input({ remote: [chair, siteB, screen] })))).toEqual([
      { consumerId: chair.consumerId, spatialLayer: 0 },
      { consumerId: siteB.consumerId, spatialLayer: 0 },
    ]);
  });
});
