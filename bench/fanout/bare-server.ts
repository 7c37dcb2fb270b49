/**
 * The fan-out baseline: a bare socket.io server (the product's socket.io version, default options,
 * the same `/live` namespace and one room) that does only the broadcast: `presenter:move` is sent
 * to the room as the same `presentation` update JSON the product sends — no session check, no
 * validation, no database. Run as a child process of bench/fanout.bench.ts; it reports its port
 * over IPC. Arguments: meetingId presenterUserId presenterName.
 */
import { createServer } from 'node:http';

import type { LiveUpdate, PresenterPosition } from '@app/shared';
import { LIVE_NAMESPACE } from '@app/shared';
import { Server } from 'socket.io';

const [meetingId, presenterUserId, presenterName] = process.argv.slice(2);
const room = `meeting:${meetingId}`;

const http = createServer();
const io = new Server(http);
const live = io.of(LIVE_NAMESPACE);
let version = 0;

live.on('connection', (socket) => {
  socket.on('live:join', async (_body: unknown, ack: (result: unknown) => void) => {
    await socket.join(room);
    ack({ ok: true, data: null });
  });
  socket.on('presenter:move', (body: { position: PresenterPosition }, ack: (result: unknown) => void) => {
    version++;
    const update: LiveUpdate = {
      meetingId,
      version,
      slice: 'presentation',
      value: { presenterUserId, presenterName, position: body.position },
    };
    live.to(room).emit('live:update', update);
    ack({ ok: true, data: { version } });
  });
});

http.listen(0, '127.0.0.1', () => {
  const address = http.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
});
process.once('disconnect', () => process.exit(0));
