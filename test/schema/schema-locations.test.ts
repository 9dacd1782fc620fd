import { describe, expect, it } from 'vitest';
import { parseKubernetesVersion } from '../../src/schema/kubernetes-version.js';
import { renderTemplate, templateData } from '../../src/schema/schema-locations.js';

const v131 = parseKubernetesVersion('1.31');
if (!v131) throw new Error('bad version');

describe('kubeconform template variables', () => {
  it.each([
    ['apps/v1', 'Deployment', 'deployment-apps-v1.json', 'apps', 'v1'],
    ['v1', 'Service', 'service-v1.json', 'v1', 'v1'],
    ['networking.k8s.io/v1', 'Ingress', 'ingress-networking-v1.json', 'networking.k8s.io', 'v1'],
    ['autoscaling/v2', 'HorizontalPodAutoscaler', 'horizontalpodautoscaler-autoscaling-v2.json', 'autoscaling', 'v2'],
  ])('%s %s → %s', (apiVersion, kind, file, group, version) => {
    const data = templateData(apiVersion, kind, v131, true);
    expect(renderTemplate('{{ .ResourceKind }}{{ .KindSuffix }}.json', data)).toBe(file);
    expect(data).toMatchObject({ Group: group, ResourceAPIVersion: version, NormalizedKubernetesVersion: 'v1.31.0', StrictSuffix: '-strict' });
  });

  it('renders templates with or without spaces and leaves unknown names alone', () => {
    const data = templateData('apps/v1', 'Deployment', v131, false);
    expect(renderTemplate('/s/{{.NormalizedKubernetesVersion}}-standalone{{ .StrictSuffix }}/{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json{{ .Other }}', data)).toBe(
      '/s/v1.31.0-standalone/apps/deployment_v1.json{{ .Other }}',
    );
  });

  it('parses versions with or without v and patch', () => {
    expect(parseKubernetesVersion('v1.29.3')).toEqual({ major: 1, minor: 29, patch: 3 });
    expect(parseKubernetesVersion('1.31')).toEqual({ major: 1, minor: 31, patch: 0 });
    expect(parseKubernetesVersion('latest')).toBeUndefined();
  });
});
