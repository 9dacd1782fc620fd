import { definePolicy } from '../define-policy.js';
import { existingPath } from './support/json-path.js';
import { containerName, containerNoun } from './support/workload.js';

export const imagePullPolicy = definePolicy({
  id: 'image-pull-policy',
  title: 'Images pinned by tag should be pulled Always',
  severity: 'warning',
  description:
    'Every container whose image is not pinned by digest sets `imagePullPolicy: Always`, so a re-pushed tag is not served ' +
    'stale from a node cache and image pull secrets are checked on every start. Digest-pinned images pass.',
  remediation: 'Set `imagePullPolicy: Always`, or pin the image by digest.',
  match: { workloads: true },
  check(resource, ctx) {
    for (const c of ctx.containers(resource)) {
      const image = c.value.image;
      if (typeof image !== 'string' || image === '' || c.value.imagePullPolicy === 'Always') continue;
      if (ctx.image(image).digest !== undefined) continue;
      const policy = c.value.imagePullPolicy;
      ctx.report({
        message: `${containerNoun(c)} ${containerName(c)} pulls ${image} with ${policy === undefined ? 'the default pull policy' : `imagePullPolicy: ${policy}`}`,
        path: existingPath(resource, [...c.path, 'imagePullPolicy'], c.path.length),
      });
    }
  },
});
