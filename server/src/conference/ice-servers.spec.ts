import { iceServersFor } from './ice-servers';

describe('iceServersFor', () => {
  const turn = {
    urls: ['stun:turn.huyen.gov.vn:3478', 'turn:turn.huyen.gov.vn:3478?transport=udp', 'turns:turn.huyen.gov.vn:5349'],
    secret: 'north-secret',
    ttlSeconds: 3600,
  };

  it('signs a coturn REST credential that expires ttl seconds from now', () => {
    const servers = iceServersFor(turn, 'user-1', 1_700_000_000_000);
    expect(servers).toEqual([
      { urls: ['stun:turn.huyen.gov.vn:3478'] },
      {
        urls: ['turn:turn.huyen.gov.vn:3478?transport=udp', 'turns:turn.huyen.gov.vn:5349'],
        username: '1700003600:user-1',
        // printf '1700003600:user-1' | openssl dgst -sha1 -hmac north-secret -binary | base64
        credential: 'Vf/hmy2OFASJM3UPvpz+5K61YD8=',
      },
    ]);
  });

  it('hands out nothing when no TURN or STUN server is configured', () => {
    expect(iceServersFor({ urls: [], secret: '', ttlSeconds: 3600 }, 'user-1')).toEqual([]);
  });
});
