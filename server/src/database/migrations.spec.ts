import 'reflect-metadata';

import { DataSource } from 'typeorm';

import { loadConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';

describe('migrations', () => {
  let dataSource: DataSource;

  beforeEach(async () => {
    dataSource = new DataSource(dataSourceOptions(loadConfig({ DATABASE_FILE: ':memory:' })));
    await dataSource.initialize();
  });

  afterEach(() => dataSource.destroy());

  it('build exactly the schema the entities describe (no pending diff)', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('enforce foreign keys and a unique agenda position per meeting', async () => {
    await expect(
      dataSource.query(
        `INSERT INTO agenda_items (id, meetingId, position, title) VALUES ('a', 'no-such-meeting', 1, 'x')`,
      ),
    ).rejects.toThrow(/FOREIGN KEY/);
  });

  it('revert cleanly, every migration in turn', async () => {
    for (let i = 0; i < dataSource.migrations.length; i++) await dataSource.undoLastMigration();
    const tables: { name: string }[] = await dataSource.query(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('migrations', 'sqlite_sequence')`,
    );
    expect(tables).toEqual([]);
  });
});
