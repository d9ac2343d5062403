import { ConfigError } from '../config/values';

/** How long binding the port may take, beyond the bounded wait for Redis that comes first. */
export const LISTEN_TIMEOUT_MS = 15_000;

const NAME_LOOKUP_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'ENODATA']);

/**
 * A listen error that comes from the PORT or HOST setting, as the ConfigError naming it; any
 * other error as it is (a bug, reported with its stack).
 */
export function listenError(error: unknown, where: { host: string; port: number }): unknown {
  const { code } = error as NodeJS.ErrnoException;
  const { host, port } = where;
  if (code === 'EADDRINUSE') {
    return new ConfigError(
      `PORT ${port} is already in use on HOST ${host} (EADDRINUSE): stop the process that holds it, or choose another PORT`,
    );
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new ConfigError(
      `PORT ${port} on HOST ${host} may not be opened by this process (${code}): ports below 1024 need root or CAP_NET_BIND_SERVICE; choose a PORT from 1024 (the default is 4000)`,
    );
  }
  if (code === 'EADDRNOTAVAIL' || code === 'EAFNOSUPPORT' || code === 'EINVAL') {
    return new ConfigError(
      `HOST ${host} is not an address of this machine (${code}): use 127.0.0.1, 0.0.0.0, :: or the address of one of its interfaces`,
    );
  }
  if (code !== undefined && NAME_LOOKUP_CODES.has(code)) {
    return new ConfigError(
      `HOST ${host} does not resolve to an address (${code}): use an IP address, or a name the resolver knows`,
    );
  }
  return error;
}

/**
 * `listen()`, with its PORT/HOST failures turned into ConfigErrors and a deadline: a name lookup
 * of HOST that never answers stops the start too, naming HOST, after `timeoutMs`.
 */
export async function listenWithin(
  listen: () => Promise<string>,
  where: { host: string; port: number },
  timeoutMs: number,
): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new ConfigError(
            `HOST ${where.host}: PORT ${where.port} was not open after ${timeoutMs} ms (a name lookup of HOST that does not answer?): use an IP address`,
          ),
        ),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([listen(), deadline]);
  } catch (error) {
    throw listenError(error, where);
  } finally {
    clearTimeout(timer);
  }
}
