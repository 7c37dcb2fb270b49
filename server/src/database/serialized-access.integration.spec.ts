import { DataSource } from 'typeorm';

import { OrganisationUnit } from '../people/organisation-unit.entity';
import { anonymousAgent, demoPassword } from '../testing/login';
import { createTestApp, TestApp } from '../testing/test-app';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('sqlite access under concurrent requests (one connection, serialised)', () => {
  let t: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  it('a failing transaction does not roll back another one that overlaps it', async () => {
    const slow = db.transaction(async (m) => {
      await m.insert(OrganisationUnit, { name: 'Xã Kept', kind: 'commune' });
      await pause(50);
    });
    const failing = db.transaction(async (m) => {
      await m.insert(OrganisationUnit, { name: 'Xã Dropped', kind: 'commune' });
      throw new Error('boom');
    });
    // A plain statement issued meanwhile is not swallowed by either transaction.
    const plain = db.getRepository(OrganisationUnit).insert({ name: 'Xã Plain', kind: 'commune' });
    await expect(failing).rejects.toThrow('boom');
    await expect(slow).resolves.toBeUndefined();
    await plain;
    const names = (await db.getRepository(OrganisationUnit).find()).map((u) => u.name);
    expect(names).toEqual(expect.arrayContaining(['Xã Kept', 'Xã Plain']));
    expect(names).not.toContain('Xã Dropped');
  });

  it('many users logging in at the same moment all get in', async () => {
    const usernames = ['quantri', 'thuky', 'chutoa', 'daibieu', 'daibieu2', 'xa.anbinh'];
    const agents = await Promise.all(usernames.map(() => anonymousAgent(t)));
    const responses = await Promise.all(
      [...usernames, ...usernames].map(async (username, i) =>
        agents[i % usernames.length]
          .post('/api/auth/login')
          .send({ username, password: await demoPassword(t, username) }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 200));
  });
});
