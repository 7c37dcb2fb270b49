import type { MeetingResponse, ParticipantResponse, UserSummaryResponse } from '@app/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';

import { ApiSession } from '../lib/api-session';
import type { ProductServer } from '../lib/product-server';
import { capturePeerConnections } from './page-probes';

/** A live meeting with the chair (the remote peer, already sending) and a commune site (who joins). */
export async function prepareLiveMeeting(server: ProductServer): Promise<string> {
  const secretary = await ApiSession.login(server.url, 'thuky', await server.demoPassword('thuky'));
  const startsAt = new Date(Date.now() + 3_600_000);
  const meeting = await secretary.request<MeetingResponse>('POST', '/api/meetings', {
    json: {
      title: 'Đo thời gian vào cầu truyền hình',
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
      place: 'Hội trường tầng 3, UBND huyện Sông Lam',
      mode: 'hybrid',
    },
  });
  for (const [username, meetingRole] of [
    ['chutoa', 'chair'],
    ['xa.anbinh', 'site'],
  ]) {
    const users = await secretary.request<UserSummaryResponse[]>(
      'GET',
      `/api/users?search=${encodeURIComponent(username)}`,
    );
    const user = users.find((candidate) => candidate.username === username);
    if (!user) throw new Error(`no user ${username}`);
    await secretary.request<ParticipantResponse>('POST', `/api/meetings/${meeting.id}/participants`, {
      json: { userId: user.id, meetingRole },
    });
  }
  for (const to of ['scheduled', 'live']) {
    await secretary.request('POST', `/api/meetings/${meeting.id}/transitions`, { json: { to } });
  }
  return meeting.id;
}

/** A landscape 10-inch tablet with touch, logged in as `username` (the API's session cookies). */
export async function tablet(
  browser: Browser,
  server: ProductServer,
  username: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const session = await ApiSession.login(server.url, username, await server.demoPassword(username));
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, hasTouch: true });
  await context.addCookies(session.browserCookies());
  await capturePeerConnections(context);
  return { context, page: await context.newPage() };
}

/** Opens the live page and waits for its socket; the join button is then one tap away. */
export async function openLivePage(page: Page, baseUrl: string, meetingId: string, timeoutMs: number): Promise<void> {
  await page.goto(`${baseUrl}/meetings/${meetingId}/live`, { timeout: timeoutMs });
  await page
    .locator('[data-testid="live-connection"][data-connected="true"]')
    .waitFor({ state: 'attached', timeout: timeoutMs });
  await page.getByTestId('conference-join').waitFor({ state: 'visible', timeout: timeoutMs });
}
