/**
 * The mux step, as a pure function of what was captured: every audio segment mixed (each delayed
 * to its offset), every video track as one tile of a grid (black before it appeared, between its
 * segments and after it left), encoded into one WebM (VP8 + Opus) exactly `totalSeconds` long.
 */

/** One captured file (a segment of a track), as ffprobe measured it. */
export interface MuxSegment {
  path: string;
  kind: 'audio' | 'video';
  /** Segments of one producer share a track id, hence one grid tile. */
  trackId: string;
  /** Seconds from the recording's start to this segment's first packet. */
  offset: number;
  /** The file's own start time, subtracted so that the segment begins at `offset`. */
  start: number;
  duration: number;
}

export interface MuxOutput {
  width: number;
  height: number;
  fps: number;
  videoBitrate: string;
  audioBitrate: string;
  /** libvpx speed (0..16 in realtime mode); 8 is cheapest. */
  cpuUsed: number;
  /** A keyframe at least this often, so players can seek. */
  keyframeSeconds: number;
}

export interface MuxPlan {
  segments: MuxSegment[];
  totalSeconds: number;
  output: MuxOutput;
  target: string;
}

export interface Grid {
  tileWidth: number;
  tileHeight: number;
  /** xstack positions, one per tile, in pixels: `x_y`. */
  positions: string[];
}

/** `n` tiles as near-square as fits the canvas: 1 → full, 2 → 2×1, 3–4 → 2×2, 5–6 → 3×2, … */
export function gridOf(tiles: number, width: number, height: number): Grid {
  const cols = Math.max(1, Math.ceil(Math.sqrt(tiles)));
  const rows = Math.max(1, Math.ceil(tiles / cols));
  const tileWidth = even(width / cols);
  const tileHeight = even(height / rows);
  const positions = Array.from(
    { length: tiles },
    (_, i) => `${(i % cols) * tileWidth}_${Math.floor(i / cols) * tileHeight}`,
  );
  return { tileWidth, tileHeight, positions };
}

/** The ffmpeg arguments of the mux, progress reported on stdout (`-progress pipe:1`). */
export function muxArgs(plan: MuxPlan): string[] {
  const { output } = plan;
  const total = seconds(plan.totalSeconds);
  const filters: string[] = [];
  const inputs: string[] = [];
  const inputOf = (segment: MuxSegment) => {
    inputs.push('-i', segment.path);
    return inputs.length / 2 - 1;
  };

  // Video: one tile per track, a black canvas of the whole duration with each of the track's
  // segments overlaid from its offset on (overlay picks frames by timestamp: a frozen picture while
  // a camera is paused, black before the track came and after it left).
  const tracks = groupByTrack(plan.segments.filter((s) => s.kind === 'video'));
  const grid = gridOf(tracks.length, output.width, output.height);
  const size = `${grid.tileWidth}:${grid.tileHeight}`;
  const tileLabels = tracks.map((segments, t) => {
    let below = `[t${t}b]`;
    filters.push(
      `color=c=black:s=${grid.tileWidth}x${grid.tileHeight}:r=${output.fps}:d=${total},format=yuv420p${below}`,
    );
    segments.forEach((segment, s) => {
      const label = `[t${t}s${s}]`;
      const above = s === segments.length - 1 ? `[v${t}]` : `[t${t}o${s}]`;
      filters.push(
        `[${inputOf(segment)}:v]setpts=PTS+(${signed(segment.offset - segment.start)})/TB,` +
          `scale=${size}:force_original_aspect_ratio=decrease,pad=${size}:(ow-iw)/2:(oh-ih)/2:color=black,` +
          `setsar=1,format=yuv420p${label}`,
        `${below}${label}overlay=eof_action=pass${above}`,
      );
      below = above;
    });
    return `[v${t}]`;
  });
  if (tileLabels.length === 0) {
    filters.push(`color=c=black:s=${output.width}x${output.height}:r=${output.fps}:d=${total},format=yuv420p[v]`);
  } else if (tileLabels.length === 1) {
    filters.push(`${tileLabels[0]}null[v]`);
  } else {
    filters.push(
      `${tileLabels.join('')}xstack=inputs=${tileLabels.length}:layout=${grid.positions.join('|')}:fill=black[v]`,
    );
  }

  // Audio: every segment delayed to its offset (gaps inside it filled with silence), then mixed.
  const audio = plan.segments
    .filter((s) => s.kind === 'audio')
    .map((segment, a) => {
      const label = `[a${a}]`;
      filters.push(
        `[${inputOf(segment)}:a]asetpts=PTS-${seconds(segment.start)}/TB,aresample=48000:async=1:first_pts=0,` +
          `aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo,` +
          `adelay=delays=${Math.round(segment.offset * 1000)}:all=1${label}`,
      );
      return label;
    });
  const tail = `apad=whole_dur=${total},atrim=end=${total}[a]`;
  if (audio.length === 0) filters.push(`anullsrc=r=48000:cl=stereo,atrim=end=${total}[a]`);
  else if (audio.length === 1) filters.push(`${audio[0]}${tail}`);
  else filters.push(`${audio.join('')}amix=inputs=${audio.length}:duration=longest:normalize=0,${tail}`);

  return [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'error',
    '-progress',
    'pipe:1',
    '-nostats',
    ...inputs,
    '-filter_complex',
    filters.join(';'),
    '-map',
    '[v]',
    '-map',
    '[a]',
    '-c:v',
    'libvpx',
    '-deadline',
    'realtime',
    '-cpu-used',
    String(output.cpuUsed),
    '-b:v',
    output.videoBitrate,
    '-g',
    String(Math.max(1, Math.round(output.fps * output.keyframeSeconds))),
    '-c:a',
    'libopus',
    '-b:a',
    output.audioBitrate,
    '-t',
    total,
    '-f',
    'webm',
    '-y',
    plan.target,
  ];
}

/** Percent (0..99) from one `-progress` block's `out_time_us`; null when the line is not that. */
export function progressPercent(line: string, totalSeconds: number): number | null {
  const match = /^out_time_us=(\d+)$/.exec(line.trim());
  if (!match || totalSeconds <= 0) return null;
  return Math.min(99, Math.floor((Number(match[1]) / 1e6 / totalSeconds) * 100));
}

function groupByTrack(segments: MuxSegment[]): MuxSegment[][] {
  const tracks = new Map<string, MuxSegment[]>();
  for (const segment of segments) {
    const list = tracks.get(segment.trackId) ?? [];
    list.push(segment);
    tracks.set(segment.trackId, list);
  }
  return [...tracks.values()].map((list) => [...list].sort((a, b) => a.offset - b.offset));
}

function even(value: number): number {
  return Math.max(2, Math.floor(value / 2) * 2);
}

/** Seconds for a filter argument: millisecond precision, no exponent. */
function seconds(value: number): string {
  return Math.max(0, value).toFixed(3);
}

/** A signed shift in seconds for an expression: `0.250`, `-0.020`. */
function signed(value: number): string {
  return value.toFixed(3);
}
