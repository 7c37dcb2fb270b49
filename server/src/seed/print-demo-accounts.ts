import type { DemoCredential } from './demo-seed.service';

/** A readable block on stdout (not a JSON log line): people copy these to log in. */
export function printDemoAccounts(credentials: DemoCredential[], url: string): void {
  const lines = [
    '',
    `e-Cabinet đang chạy / is running: ${url}`,
    'Tài khoản demo / demo accounts (username · password · role):',
    ...credentials.map(
      (c) => `  ${c.username.padEnd(12)} ${c.password.padEnd(14)} ${c.role.padEnd(13)} ${c.displayName}`,
    ),
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}
