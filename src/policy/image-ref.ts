import type { ImageRef } from './define-policy.js';

const DOCKER_HUB = 'docker.io';

/**
 * Splits an image reference the way container runtimes read it: the first segment is a
 * registry only when it looks like a host (has a dot or a port, or is `localhost`), Docker Hub
 * names without a namespace live under `library/`, and a reference with neither tag nor
 * digest means `latest`.
 */
export function parseImage(ref: unknown): ImageRef {
  const text = typeof ref === 'string' ? ref.trim() : '';
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1) || undefined;
    rest = rest.slice(0, at);
  }
  let registry = DOCKER_HUB;
  const slash = rest.indexOf('/');
  if (slash !== -1) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon !== -1 && colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1) || undefined;
    rest = rest.slice(0, colon);
  }
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = DOCKER_HUB;
  const repository = registry === DOCKER_HUB && rest !== '' && !rest.includes('/') ? `library/${rest}` : rest;
  if (tag === undefined && digest === undefined && rest !== '') tag = 'latest';
  return { registry, repository, tag, digest };
}
