import { ConflictError, ValidationError } from '../common/errors/domain-errors';

/**
 * Runs a mediasoup call made with what a client sent (rtpParameters, dtlsParameters…): mediasoup
 * validates those and throws TypeError / UnsupportedError, which are the client's fault (400), not
 * the server's (500). A call on something closed meanwhile is a conflict. (mediasoup exports its
 * error classes as types only, hence the names.)
 */
export async function fromClientWire<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    if (error instanceof TypeError || error.name === 'UnsupportedError') {
      throw new ValidationError(`${what}: ${error.message}`, [{ path: what, message: error.message }]);
    }
    if (error.name === 'InvalidStateError') throw new ConflictError(`${what}: ${error.message}`);
    throw error;
  }
}
