import type { MeetingResponse, ParticipantResponse, UserSummaryResponse } from '@app/shared';
import { Browser, BrowserContext, expect, Locator, Page, test } from '@playwright/test';

import { chromiumArgs } from '../../playwright.config';
import { ApiSession } from '../fixtures/api-session';
import { demoAccount, logInAs } from '../fixtures/demo-accounts';
import { audioBytesOf, audioOf, capturePeerConnections, framesOf, growthOver } from '../fixtures/webrtc-stats';

/**
 * The video bridge (issue 5) with three sites on real WebRTC: the district chair, the commune site of
 * An Bình and a delegate, each in their own browser with Chromium's fake camera and microphone (and
 * its fake screen for getDisplayMedia). Everything is measured where a user would notice it: frames
 * decoded and audio bytes received by the other browsers (their inbound-rtp stats), and the tiles.
 * The chair mutes the site, gives it the floor from the speaker queue and ends its slot; the delegate
 * shares its screen and leaves.
 */
const stamp = Date.now().toString(36);
const TITLE = `Cầu truyền hình thử nghiệm (${stamp})`;

/** Generous for a loaded 2-core CI machine, but bounded. */
const MEDIA_TIMEOUT = 20_000;
/** Long enough for several audio packets (one per 20–60 ms, fewer with DTX) and a few video frames. */
const WINDOW_MS = 1_500;

// Three browsers each encoding 720p simulcast and decoding two others is most of a 2-core machine:
// the fake camera at 10 frames a second (Chromium's default is 20) halves the encoding.
test.use({
  launchOptions: {
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: chromiumArgs.map((arg) =>
      arg === '--use-fake-device-for-media-stream' ? '--use-fake-device-for-media-stream=fps=10' : arg,
    ),
  },
});

interface Site {
  name: string;
  page: Page;
  peerId: string;
  displayName: string;
}

async function tablet(browser: Browser, contexts: BrowserContext[], username: string): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  await capturePeerConnections(context);
  const page = await context.newPage();
  await logInAs(page, username);
  return page;
}

async function joinVideo(page: Page, meetingId: string): Promise<void> {
  await page.goto(`/meetings/${meetingId}/live`);
  await expect(page.getByTestId('live-connection')).toHaveAttribute('data-connected', 'true', {
    timeout: MEDIA_TIMEOUT,
  });
  const panel = page.getByTestId('conference-panel');
  await expect(panel).toHaveAttribute('data-phase', 'idle');
  await panel.getByTestId('conference-join').tap();
  // Settled either way; a refusal fails at once, with what the panel says.
  await expect(panel).toHaveAttribute('data-phase', /^(joined|failed|removed)$/, { timeout: MEDIA_TIMEOUT });
  const phase = await panel.getAttribute('data-phase');
  expect(phase, `the join ended "${phase}": ${await panel.getByRole('alert').allInnerTexts()}`).toBe('joined');
}

const tileOf = (page: Page, peerId: string, source: 'camera' | 'screen' = 'camera'): Locator =>
  page.locator(`[data-testid="conference-tile"][data-peer-id="${peerId}"][data-source="${source}"]`);

/** `from`'s video is decoded at `at`: frames arrive, then keep arriving. Returns the count seen. */
async function expectVideoFlowing(at: Site, from: Site, source: 'camera' | 'screen' = 'camera'): Promise<number> {
  const label = `${at.name} decodes ${from.name}'s ${source}`;
  await expect
    .poll(() => framesOf(at.page, from.peerId, source), { message: label, timeout: MEDIA_TIMEOUT })
    .toBeGreaterThan(0);
  const first = await framesOf(at.page, from.peerId, source);
  await expect
    .poll(() => framesOf(at.page, from.peerId, source), { message: `${label}, rising`, timeout: MEDIA_TIMEOUT })
    .toBeGreaterThan(first);
  return framesOf(at.page, from.peerId, source);
}

/** Audio bytes from `from` received at `at` over one window; null while that stream is not there. */
const audioGrowth = (at: Site, from: Site): Promise<number | null> =>
  growthOver(at.page, WINDOW_MS, () => audioBytesOf(at.page, from.peerId));

/**
 * `from`'s audio at `at` is flowing (bytes grew over a window) or stopped (they did not), retried
 * until it holds. The stream must be there to read either way: a missing one is neither.
 */
async function expectAudio(at: Site, from: Site, flowing: boolean): Promise<number> {
  const label = `${at.name} hears ${from.name}: ${flowing ? 'flowing' : 'stopped'}`;
  let growth: number | null = null;
  await expect
    .poll(
      async () => {
        growth = await audioGrowth(at, from);
        return growth !== null && (flowing ? growth > 0 : growth === 0);
      },
      { message: label, timeout: MEDIA_TIMEOUT },
    )
    .toBe(true);
  return growth ?? 0;
}

test('three sites on the video bridge: video both ways, mute, the floor, a shared screen, leaving', async ({
  browser,
  request,
}) => {
  test.setTimeout(150_000);

  // The scene, by API as the secretary: a live meeting with the chair, a commune site and a delegate.
  const secretary = await ApiSession.logIn(request, 'thuky');
  const startsAt = new Date(Date.now() + 3_600_000);
  const meeting = await secretary.call<MeetingResponse>('POST', '/api/meetings', {
    title: TITLE,
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(),
    place: 'Hội trường tầng 3, UBND huyện Sông Lam',
    mode: 'hybrid',
  });
  const meetingId = meeting.id;
  const participantIds: Record<string, string> = {};
  for (const [username, meetingRole] of [
    ['chutoa', 'chair'],
    ['xa.anbinh', 'site'],
    ['daibieu', 'delegate'],
  ]) {
    const users = await secretary.call<UserSummaryResponse[]>(
      'GET',
      `/api/users?search=${encodeURIComponent(username)}`,
    );
    const user = users.find((candidate) => candidate.username === username);
    if (!user) throw new Error(`no user ${username}`);
    const participant = await secretary.call<ParticipantResponse>('POST', `/api/meetings/${meetingId}/participants`, {
      userId: user.id,
      meetingRole,
    });
    participantIds[username] = participant.id;
  }
  for (const to of ['scheduled', 'live']) {
    await secretary.call('POST', `/api/meetings/${meetingId}/transitions`, { to });
  }

  const observed: Record<string, number> = {};
  const contexts: BrowserContext[] = [];
  try {
    // One login after the other: three argon2 checks at once can outlast the login's wait on a busy machine.
    const chairPage = await tablet(browser, contexts, 'chutoa');
    const sitePage = await tablet(browser, contexts, 'xa.anbinh');
    const delegatePage = await tablet(browser, contexts, 'daibieu');
    const site = (name: string, page: Page, username: string): Site => ({
      name,
      page,
      peerId: participantIds[username],
      displayName: demoAccount(username).displayName,
    });
    const chair = site('chair', chairPage, 'chutoa');
    const commune = site('commune', sitePage, 'xa.anbinh');
    const delegate = site('delegate', delegatePage, 'daibieu');
    const everyone = [chair, commune, delegate];

    await test.step('all three join; each decodes the two others’ cameras', async () => {
      await Promise.all(everyone.map(({ page }) => joinVideo(page, meetingId)));
      for (const at of everyone) {
        for (const from of everyone.filter((other) => other !== at)) {
          // The commune site is labelled with its name, as a site.
          await expect(tileOf(at.page, from.peerId)).toHaveAttribute('data-label', from.displayName);
        }
      }
      const pairs = everyone.flatMap((at) => everyone.filter((from) => from !== at).map((from) => [at, from] as const));
      const frames = await Promise.all(pairs.map(([at, from]) => expectVideoFlowing(at, from)));
      pairs.forEach(([at, from], i) => (observed[`framesDecoded ${from.name}→${at.name}`] = frames[i]));
    });

    await test.step('the chair mutes the commune site: its audio stops at the receivers, the others’ does not', async () => {
      [
        observed['site audio B/window before mute, at chair'],
        observed['site audio B/window before mute, at delegate'],
      ] = await Promise.all([expectAudio(chair, commune, true), expectAudio(delegate, commune, true)]);

      const row = chair.page.locator(`[data-testid="conference-health-row"][data-peer-id="${commune.peerId}"]`);
      await expect(row).toHaveAttribute('data-label', commune.displayName);
      await row.getByTestId('conference-peer-mute').tap();
      await expect(row).toHaveAttribute('data-muted', 'true');

      for (const at of [chair, delegate]) {
        await expect(tileOf(at.page, commune.peerId).getByTestId('conference-tile-muted-by-chair')).toBeVisible();
      }
      // The site's own microphone follows the server's pause.
      await expect(commune.page.getByTestId('conference-mic')).toHaveAttribute('data-state', 'paused');
      // Stopped at both receivers; the counter itself still works: the chair is heard by the delegate meanwhile.
      [, , observed['chair audio B/window at delegate while site muted']] = await Promise.all([
        expectAudio(chair, commune, false),
        expectAudio(delegate, commune, false),
        expectAudio(delegate, chair, true),
      ]);
      observed['site audio bytes at chair, muted'] = (await audioBytesOf(chair.page, commune.peerId)) ?? -1;
    });

    await test.step('the site asks for the floor, the chair gives it: unmuted and spotlighted; the slot ends: muted again', async () => {
      await commune.page.locator('[data-testid="live-request-to-speak"][data-kind="speech"]').tap();
      await expect(commune.page.getByTestId('live-my-place')).toHaveAttribute('data-place', '1');

      const item = chair.page.getByTestId('live-queue-item');
      await expect(item).toHaveCount(1);
      await expect(item.getByTestId('live-queue-name')).toHaveText(commune.displayName);
      // Seconds later, still what it was when muted.
      observed['site audio bytes at chair, before the floor'] = (await audioBytesOf(chair.page, commune.peerId)) ?? -1;
      await item.getByTestId('live-give-floor').tap();
      await expect(commune.page.getByTestId('live-my-floor')).toBeVisible();

      for (const at of [chair, delegate]) {
        const tile = tileOf(at.page, commune.peerId);
        await expect(tile).toHaveAttribute('data-large', 'true');
        await expect(tile.getByTestId('conference-tile-muted-by-chair')).toHaveCount(0);
        await expect(tile).toHaveAttribute('data-mic', 'on');
      }
      await expect(commune.page.getByTestId('conference-mic')).toHaveAttribute('data-state', 'on');
      [
        observed['site audio B/window with the floor, at chair'],
        observed['site audio B/window with the floor, at delegate'],
      ] = await Promise.all([expectAudio(chair, commune, true), expectAudio(delegate, commune, true)]);
      observed['site audio bytes at chair, with the floor'] = (await audioBytesOf(chair.page, commune.peerId)) ?? -1;

      // Muted by the chair before the floor: muted again once the slot ends.
      await chair.page.getByTestId('live-end-speech').tap();
      await expect(commune.page.getByTestId('live-no-speaker')).toBeVisible();
      await expect(tileOf(delegate.page, commune.peerId).getByTestId('conference-tile-muted-by-chair')).toBeVisible();
      await expectAudio(delegate, commune, false);
    });

    await test.step('the delegate shares its screen: a screen tile, large, decoding at the others', async () => {
      // With --use-fake-device-for-media-stream, headless Chromium answers getDisplayMedia with its fake
      // screen, no picker. (The desktop-capture flags fail headless: "Could not start video source".)
      const share = delegate.page.getByTestId('conference-screen');
      await share.tap();
      await expect(share).toHaveAttribute('data-state', 'on', { timeout: MEDIA_TIMEOUT });
      for (const at of [chair, commune]) {
        await expect(tileOf(at.page, delegate.peerId, 'screen')).toHaveAttribute('data-large', 'true', {
          timeout: MEDIA_TIMEOUT,
        });
      }
      const [atChair, atSite] = await Promise.all([
        expectVideoFlowing(chair, delegate, 'screen'),
        expectVideoFlowing(commune, delegate, 'screen'),
      ]);
      observed['screen framesDecoded at chair'] = atChair;
      observed['screen framesDecoded at site'] = atSite;
    });

    await test.step('the delegate leaves: gone from the others’ tiles, audio and health rows', async () => {
      await delegate.page.getByTestId('conference-leave').tap();
      await expect(delegate.page.getByTestId('conference-panel')).toHaveAttribute('data-phase', 'idle');
      for (const at of [chair, commune]) {
        await expect(at.page.locator(`[data-testid="conference-tile"][data-peer-id="${delegate.peerId}"]`)).toHaveCount(
          0,
          { timeout: MEDIA_TIMEOUT },
        );
        await expect(at.page.locator(audioOf(delegate.peerId))).toHaveCount(0);
        // The two who stayed still see each other.
        await expect(tileOf(at.page, at === chair ? commune.peerId : chair.peerId)).toBeVisible();
      }
      await expect(
        chair.page.locator(`[data-testid="conference-health-row"][data-peer-id="${delegate.peerId}"]`),
      ).toHaveCount(0);
    });
  } finally {
    console.log('conference e2e observed:', JSON.stringify(observed, null, 2));
    await Promise.all(contexts.map((context) => context.close()));
  }
});
