import { FetchLike, RANGE_CHUNK_BYTES, RangeFetchError, RangePrefetcher } from './range-prefetch';

const FILE_BYTES = 10 * RANGE_CHUNK_BYTES + 1234;
const file = Uint8Array.from({ length: FILE_BYTES }, (_, i) => (i * 7 + 3) % 251);

/** A Range-capable server for `file`, with scripted failures; records every range asked for. */
function server(failures: number[] = []) {
  const asked: string[] = [];
  const fetchFn = jest.fn<ReturnType<FetchLike>, Parameters<FetchLike>>(async (_url, init) => {
    const range = (init.headers as Record<string, string>)['Range'];
    asked.push(range);
    const status = failures.shift();
    if (status === 0) throw new TypeError('Failed to fetch');
    if (status !== undefined) return answer(status, 'nope');
    const [, first, last] = /bytes=(\d+)-(\d+)/.exec(range) ?? [];
    return answer(206, file.slice(Number(first), Number(last) + 1));
  });
  return { asked, fetchFn };
}

const answer = (status: number, body: Uint8Array | string) => ({
  status,
  arrayBuffer: async () => (typeof body === 'string' ? new TextEncoder().encode(body) : body.slice()).buffer,
});

const expectBytes = (bytes: Uint8Array, begin: number, end: number) =>
  expect(Array.from(bytes)).toEqual(Array.from(file.subarray(begin, end)));

describe('RangePrefetcher', () => {
  it('asks for the head and the tail of the hint at once, widened to whole chunks', () => {
    const { asked, fetchFn } = server();
    const prefetcher = new RangePrefetcher('/f.pdf', FILE_BYTES, fetchFn);

    prefetcher.prefetchForFirstPage({
      fileBytes: FILE_BYTES,
      headEnd: 2 * RANGE_CHUNK_BYTES + 5,
      tailStart: 8 * RANGE_CHUNK_BYTES + 9,
    });

    expect(asked).toEqual([`bytes=0-${3 * RANGE_CHUNK_BYTES - 1}`, `bytes=${8 * RANGE_CHUNK_BYTES}-${FILE_BYTES - 1}`]);
  });

  it('asks for the whole file once when head and tail meet', () => {
    const { asked, fetchFn } = server();
    new RangePrefetcher('/f.pdf', FILE_BYTES, fetchFn).prefetchForFirstPage({
      fileBytes: FILE_BYTES,
      headEnd: 5 * RANGE_CHUNK_BYTES,
      tailStart: 5 * RANGE_CHUNK_BYTES + 10,
    });
    expect(asked).toEqual([`bytes=0-${FILE_BYTES - 1}`]);
  });

  it('answers reads inside prefetched ranges without a request, and fetches the others', async () => {
    const { asked, fetchFn } = server();
    const prefetcher = new RangePrefetcher('/f.pdf', FILE_BYTES, fetchFn);
    prefetcher.prefetchForFirstPage({ fileBytes: FILE_BYTES, headEnd: 100, tailStart: 9 * RANGE_CHUNK_BYTES });

    expectBytes(await prefetcher.read(0, RANGE_CHUNK_BYTES), 0, RANGE_CHUNK_BYTES);
    expectBytes(await prefetcher.read(10 * RANGE_CHUNK_BYTES, FILE_BYTES), 10 * RANGE_CHUNK_BYTES, FILE_BYTES);
    expect(asked).toHaveLength(2);

    expectBytes(
      await prefetcher.read(4 * RANGE_CHUNK_BYTES, 6 * RANGE_CHUNK_BYTES),
      4 * RANGE_CHUNK_BYTES,
      6 * RANGE_CHUNK_BYTES,
    );
    expect(asked).toEqual([
      `bytes=0-${RANGE_CHUNK_BYTES - 1}`,
      `bytes=${9 * RANGE_CHUNK_BYTES}-${FILE_BYTES - 1}`,
      `bytes=${4 * RANGE_CHUNK_BYTES}-${6 * RANGE_CHUNK_BYTES - 1}`,
    ]);
  });

  it('hands out a fresh buffer each time (pdf.js transfers it to its worker)', async () => {
    const { fetchFn } = server();
    const prefetcher = new RangePrefetcher('/f.pdf', FILE_BYTES, fetchFn);
    prefetcher.prefetch(0, RANGE_CHUNK_BYTES);

    const first = await prefetcher.read(0, 10);
    first.fill(0);
    expectBytes(await prefetcher.read(0, 10), 0, 10);
  });

  it('retries a dropped request and a 5xx, then gives the bytes', async () => {
    const { asked, fetchFn } = server([0, 503]);
    const prefetcher = new RangePrefetcher('/f.pdf', FILE_BYTES, fetchFn);

    expectBytes(await prefetcher.read(0, 100), 0, 100);
    expect(asked).toHaveLength(3);
  });

  it('does not retry a refusal (403) and says why', async () => {
    const { asked, fetchFn } = server([403]);
    const prefetcher = new RangePrefetcher('/f.pdf', FILE_BYTES, fetchFn);

    await expect(prefetcher.read(0, 100)).rejects.toThrow(RangeFetchError);
    await expect(new RangePrefetcher('/f.pdf', FILE_BYTES, server([404]).fetchFn).read(0, 1)).rejects.toThrow(
      'HTTP 404',
    );
    expect(asked).toHaveLength(1);
  });

  it('fetches again what a failed prefetch should have brought', async () => {
    const { asked, fetchFn } = server([403]);
    const prefetcher = new RangePrefetcher('/f.pdf', FILE_BYTES, fetchFn);
    prefetcher.prefetch(0, RANGE_CHUNK_BYTES);

    expectBytes(await prefetcher.read(0, 100), 0, 100);
    expect(asked).toEqual([`bytes=0-${RANGE_CHUNK_BYTES - 1}`, 'bytes=0-99']);
  });

  it('takes its slice of a whole-file answer from a server that ignores Range', async () => {
    const fetchFn: FetchLike = async () => answer(200, file);
    expectBytes(await new RangePrefetcher('/f.pdf', FILE_BYTES, fetchFn).read(50, 90), 50, 90);
  });
});
