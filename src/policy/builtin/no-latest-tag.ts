import { definePolicy } from '../define-policy.js';
import { containerName, containerNoun } from './support/workload.js';

/** `nginx:latest` names its tag; `nginx` and `registry:5000/nginx` leave it to default. */
function hasExplicitTag(image: string): boolean {
  const at = image.indexOf('@');
  const name = at === -1 ? image : image.slice(0, at);
  return name.slice(name.lastIndexOf('/') + 1).includes(':');
}

export const noLatestTag = definePolicy({
  id: 'no-latest-tag',
  title: 'Container images must be pinned',
  severity: 'error',
  description:
    'Every container image (including init and ephemeral containers) names a tag other than `latest`, or a digest. ' +
    'An image with neither tag nor digest means `:latest`. A digest-pinned image passes whatever its tag.',
  remediation: 'Use an explicit version tag (`ghcr.io/acme/web:1.4.2`) or a digest (`…@sha256:…`).',
  match: { workloads: true },
  check(resource, ctx) {
    for (const c of ctx.containers(resource)) {
      const image = c.value.image;
      if (typeof image !== 'string' || image === '') continue;
      const ref = ctx.image(image);
      if (ref.digest !== undefined || ref.tag !== 'latest') continue;
      const how = hasExplicitTag(image) ? 'uses the `latest` tag' : 'has no tag, which means `latest`';
      ctx.report({ message: `${containerNoun(c)} ${containerName(c)}: image ${image} ${how}`, path: [...c.path, 'image'] });
    }
  },
});
