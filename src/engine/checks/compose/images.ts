import type { ComposeOptions } from '../compose.js';
import { isRecord } from '../yaml-source.js';

/* Image references and port mappings, as the compose rules read them. */

/** `latest`, `untagged`, or undefined when the image is pinned (or built from a variable). */
export function imageTagProblem(image: string): 'latest' | 'untagged' | undefined {
  if (image.includes('$') || image.includes('@')) return undefined;
  const last = image.split('/').at(-1)!;
  const colon = last.indexOf(':');
  if (colon < 0) return 'untagged';
  return last.slice(colon + 1) === 'latest' ? 'latest' : undefined;
}

/** `bitnami/postgresql:16` -> `postgresql`. */
export function imageName(image: string): string {
  return image.split('@')[0]!.split('/').at(-1)!.split(':')[0]!;
}

export function isDatabaseImage(image: string, options: ComposeOptions): boolean {
  const name = imageName(image).toLowerCase();
  return options['database-images'].some(
    (db) => name === db.toLowerCase() || name.startsWith(`${db.toLowerCase()}-`),
  );
}

/**
 * The published form of a `ports` entry, or undefined when it only binds to the loopback
 * interface (reachable from the host alone).
 */
export function publishedPort(port: unknown): string | undefined {
  if (typeof port === 'number') return String(port);
  if (typeof port === 'string') {
    if (/^(?:127\.\d+\.\d+\.\d+|localhost|\[::1\]|::1):/.test(port)) return undefined;
    return port;
  }
  if (isRecord(port)) {
    const hostIp = typeof port.host_ip === 'string' ? port.host_ip : '';
    if (/^(?:127\.|localhost$|::1$)/.test(hostIp)) return undefined;
    const target = port.target ?? '?';
    return port.published === undefined ? String(target) : `${port.published}:${target}`;
  }
  return undefined;
}
