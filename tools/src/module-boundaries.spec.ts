import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Proves the Nx module-boundary rule really constrains the workspace: each probe is linted as if
 * it were a file of the named project, with the workspace's own ESLint config (the CLI, as
 * `nx lint` runs it; ESLint's API loads its config by dynamic import, which jest's VM refuses).
 */
const root = join(__dirname, '..', '..');

interface LintMessage {
  ruleId: string | null;
  message: string;
}

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const run = spawnSync(
    join(root, 'node_modules/.bin/eslint'),
    ['--stdin', '--stdin-filename', join(root, filePath), '--format', 'json'],
    { cwd: root, input: code, encoding: 'utf8' },
  );
  const [result] = JSON.parse(run.stdout) as { messages: LintMessage[] }[];
  return result.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
}

describe('module boundaries', () => {
  it.each([
    ['@nestjs/common', "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n"],
    ['@angular/core', "import { signal } from '@angular/core';\nexport const x = signal(1);\n"],
    ['typeorm', "import { Entity } from 'typeorm';\nexport const x = Entity;\n"],
    ['mediasoup', "import { version } from 'mediasoup';\nexport const x = version;\n"],
    ['socket.io', "import { Server } from 'socket.io';\nexport const x = Server;\n"],
  ])('shared may not import %s', async (name, code) => {
    const errors = await boundaryErrors('shared/src/probe.ts', code);
    expect(errors).toEqual([`A project tagged with "scope:shared" is not allowed to import "${name}"`]);
  });

  it('client may not import server code', async () => {
    const errors = await boundaryErrors(
      'client/src/app/probe.ts',
      "import { AppModule } from '../../../server/src/app.module';\nexport const x = AppModule;\n",
    );
    expect(errors.length).toBeGreaterThan(0);
  });

  it('server may not import client code', async () => {
    const errors = await boundaryErrors(
      'server/src/probe.ts',
      "import { appConfig } from '../../client/src/app/app.config';\nexport const x = appConfig;\n",
    );
    expect(errors.length).toBeGreaterThan(0);
  });

  it('server and client may import the shared contract through its alias', async () => {
    const code = "import { ErrorCode } from '@app/shared';\nexport const x = ErrorCode.NotFound;\n";
    await expect(boundaryErrors('server/src/probe.ts', code)).resolves.toEqual([]);
    await expect(boundaryErrors('client/src/app/probe.ts', code)).resolves.toEqual([]);
  });
});
