export * from './audit/audit';
export * from './auth/auth';
export * from './errors/error-codes';
export * from './errors/error-response';
export * from './health/health';
export * from './meetings/meeting';
export * from './people/roles';
export * from './rooms/room-events';
