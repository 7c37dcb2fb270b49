import type { LiveSlices, LiveSnapshot } from './live-state';

/**
 * A snapshot as it travels: the slices (the same for every participant at one version) as UTF-8
 * JSON bytes, encoded once per version and sent to every socket as the same binary attachment (no
 * JSON string or buffer per socket: a thousand delegates joining would otherwise each cost the
 * whole attendance list in server memory), beside the receiver's own part.
 */
export interface LiveSnapshotWire extends Omit<LiveSnapshot, keyof LiveSlices> {
  slices: Uint8Array | ArrayBuffer;
}

export function encodeLiveSlices(slices: LiveSlices): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(slices));
}

export function encodeLiveSnapshot(snapshot: LiveSnapshot): LiveSnapshotWire {
  const { meetingId, version, serverTime, viewer, ...slices } = snapshot;
  return { meetingId, version, serverTime, viewer, slices: encodeLiveSlices(slices) };
}

export function decodeLiveSnapshot(wire: LiveSnapshotWire): LiveSnapshot {
  const { slices, ...own } = wire;
  const bytes = slices instanceof Uint8Array ? slices : new Uint8Array(slices);
  return { ...own, ...(JSON.parse(new TextDecoder().decode(bytes)) as LiveSlices) };
}
