import { effectiveLayers } from './layer-cap';

describe('effectiveLayers', () => {
  it('gives the large tile (asked at 720p) what the level allows', () => {
    const large = { spatialLayer: 2 };
    expect(effectiveLayers('high', large)).toEqual({ spatialLayer: 2 });
    expect(effectiveLayers('medium', large)).toEqual({ spatialLayer: 1 });
    expect(effectiveLayers('low', large)).toEqual({ spatialLayer: 0 });
  });

  it('never raises a small tile above what the client asked', () => {
    expect(effectiveLayers('high', { spatialLayer: 0 })).toEqual({ spatialLayer: 0 });
    expect(effectiveLayers('medium', { spatialLayer: 0, temporalLayer: 1 })).toEqual({
      spatialLayer: 0,
      temporalLayer: 1,
    });
  });

  it('keeps the temporal layer the client asked when the spatial one is capped', () => {
    expect(effectiveLayers('low', { spatialLayer: 2, temporalLayer: 0 })).toEqual({
      spatialLayer: 0,
      temporalLayer: 0,
    });
  });

  it("gives the level's maximum when the client asked nothing", () => {
    expect(effectiveLayers('medium', null)).toEqual({ spatialLayer: 1 });
  });

  it('pauses video in audio only', () => {
    expect(effectiveLayers('audio_only', { spatialLayer: 2 })).toBeNull();
    expect(effectiveLayers('audio_only', null)).toBeNull();
  });
});
