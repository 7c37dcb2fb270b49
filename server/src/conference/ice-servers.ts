import { createHmac } from 'node:crypto';

import type { ConferenceIceServer } from '@app/shared';

import type { AppConfig } from '../config/app-config';

/**
 * The ICE servers a joining client gets. TURN credentials follow coturn's REST scheme
 * (`use-auth-secret`): username `<expiry unix time>:<userId>`, password base64(HMAC-SHA1(secret,
 * username)). coturn checks them with the same secret and refuses them after the expiry, so a
 * credential copied out of a browser is useless an hour later and no per-user TURN account exists.
 */
export function iceServersFor(turn: AppConfig['turn'], userId: string, now = Date.now()): ConferenceIceServer[] {
  const stun = turn.urls.filter((url) => url.startsWith('stun:'));
  const relays = turn.urls.filter((url) => !url.startsWith('stun:'));
  const servers: ConferenceIceServer[] = [];
  if (stun.length) servers.push({ urls: stun });
  if (relays.length) {
    const username = `${Math.floor(now / 1000) + turn.ttlSeconds}:${userId}`;
    const credential = createHmac('sha1', turn.secret).update(username).digest('base64');
    servers.push({ urls: relays, username, credential });
  }
  return servers;
}
