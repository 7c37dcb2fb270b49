/**
 * Prints the SQL that would bring a fresh database built by the current migrations up to the
 * current entities, to paste into a new migration class (TypeORM's generator, without its CLI).
 *   npm run migration:sql
 */
import 'reflect-metadata';

import { DataSource } from 'typeorm';

import { loadConfig } from '../src/config/app-config';
import { dataSourceOptions } from '../src/database/data-source-options';

async function main(): Promise<void> {
  const dataSource = new DataSource(dataSourceOptions(loadConfig({ DATABASE_FILE: ':memory:' })));
  await dataSource.initialize();
  const { upQueries, downQueries } = await dataSource.driver.createSchemaBuilder().log();
  const print = (label: string, queries: { query: string }[]) => {
    console.log(`// ${label}`);
    for (const q of queries) console.log(`await queryRunner.query(\`${q.query.replace(/`/g, '\\`')}\`);`);
  };
  print('up', upQueries);
  print('down', [...downQueries].reverse());
  await dataSource.destroy();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
