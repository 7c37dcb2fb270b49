import { IngestProgressReporter } from './ingest-progress';
import { IngestProgress } from './ingest.types';

describe('IngestProgressReporter', () => {
  it('reports whole percents that never go back, each change once', () => {
    const seen: IngestProgress[] = [];
    const reporter = new IngestProgressReporter((p) => seen.push(p));
    reporter.report('detecting', 0);
    reporter.report('thumbnails', 10.4);
    reporter.report('thumbnails', 10.9);
    reporter.report('thumbnails', 8);
    reporter.report('text', 95);
    reporter.report('done', 130);
    expect(seen).toEqual([
      { stage: 'detecting', percent: 0 },
      { stage: 'thumbnails', percent: 10 },
      { stage: 'text', percent: 95 },
      { stage: 'done', percent: 100 },
    ]);
  });

  it('swallows a listener that throws', () => {
    const reporter = new IngestProgressReporter(() => {
      throw new Error('socket closed');
    });
    expect(() => reporter.report('detecting', 0)).not.toThrow();
  });
});
