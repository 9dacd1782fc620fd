import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fingerprint, fingerprintPattern, isFingerprint, type FingerprintInput } from '../../src/policy/fingerprint.js';

// The contract of a sign-off's fingerprint (SPEC §5.4): it names exactly one change, so every
// input that describes the change moves it, and nothing else does.
const base: FingerprintInput = {
  policy: 'lb-ip-change',
  formation: 'production-aws',
  resource: { apiVersion: 'v1', kind: 'Service', namespace: 'shop', name: 'web' },
  path: 'spec.loadBalancerIP',
  from: '10.0.0.1',
  to: '10.0.0.2',
};

describe('fingerprint', () => {
  it('is stable: a pinned value for a fixed change (sha256 of the canonical JSON, first 12 hex)', () => {
    expect(fingerprint(base)).toBe(fingerprint({ ...base, resource: { ...base.resource } }));
    // The exact bytes hashed: canonical JSON (sorted keys) of the change, resource as group/kind/ns/name.
    const text = '{"formation":"production-aws","from":"10.0.0.1","path":"spec.loadBalancerIP","policy":"lb-ip-change","resource":"/Service/shop/web","to":"10.0.0.2"}';
    expect(fingerprint(base)).toBe(createHash('sha256').update(text).digest('hex').slice(0, 12));
    expect(fingerprint(base)).toBe('0dc1179811d7');
  });

  it.each<[string, Partial<FingerprintInput>]>([
    ['policy', { policy: 'other-policy' }],
    ['formation', { formation: 'staging' }],
    ['formation absent', { formation: undefined }],
    ['resource kind', { resource: { ...base.resource, kind: 'Ingress' } }],
    ['resource namespace', { resource: { ...base.resource, namespace: 'other' } }],
    ['resource without namespace', { resource: { apiVersion: 'v1', kind: 'Service', name: 'web' } }],
    ['resource name', { resource: { ...base.resource, name: 'api' } }],
    ['resource group', { resource: { ...base.resource, apiVersion: 'example.com/v1' } }],
    ['path', { path: 'spec.loadBalancerSourceRanges' }],
    ['from', { from: '10.0.0.9' }],
    ['from absent', { from: undefined }],
    ['from typed', { from: 1 }],
    ['to', { to: '10.0.0.3' }],
    ['to absent', { to: undefined }],
    ['to structured', { to: ['10.0.0.2'] }],
  ])('changes with %s', (_name, change) => {
    expect(fingerprint({ ...base, ...change })).not.toBe(fingerprint(base));
  });

  it('swapping from and to is another change', () => {
    expect(fingerprint({ ...base, from: base.to, to: base.from })).not.toBe(fingerprint(base));
  });

  it('an apiVersion change within a group keeps the fingerprint', () => {
    const deployment = { ...base, resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' } };
    expect(fingerprint({ ...deployment, resource: { ...deployment.resource, apiVersion: 'apps/v1beta2' } })).toBe(fingerprint(deployment));
    expect(fingerprint({ ...deployment, resource: { ...deployment.resource, apiVersion: 'extensions/v1beta1' } })).not.toBe(fingerprint(deployment));
  });

  it('an absent value and an explicit null are the same change; key order does not matter', () => {
    expect(fingerprint({ ...base, from: undefined })).toBe(fingerprint({ ...base, from: null }));
    expect(fingerprint({ ...base, to: undefined })).toBe(fingerprint({ ...base, to: null }));
    expect(fingerprint({ ...base, formation: undefined })).toBe(fingerprint({ ...base, formation: '' }));
    expect(fingerprint({ ...base, to: { a: 1, b: 2 } })).toBe(fingerprint({ ...base, to: { b: 2, a: 1 } }));
  });

  it('is always 12 lowercase hex characters', () => {
    for (const from of ['', 'x', 0, false, null, ['a'], { k: 'v' }]) expect(fingerprint({ ...base, from })).toMatch(/^[0-9a-f]{12}$/);
  });
});

describe('isFingerprint and the schema pattern', () => {
  it.each([
    ['3f9c2a1b7d4e', true],
    ['000000000000', true],
    ['abcdefabcdef', true],
    ['0123456789ab', true],
    ['3f9c2a1b7d4', false], // 11
    ['3f9c2a1b7d4e0', false], // 13
    ['3F9C2A1B7D4E', false], // upper case
    ['3f9c2a1b7d4g', false], // not hex
    ['', false],
    [' 3f9c2a1b7d4e', false],
    ['3f9c2a1b7d4e ', false],
    ['3f9c2a1b7d4e\n', false],
    ['x3f9c2a1b7d4e', false],
    ['3f9c-2a1b7d4e', false],
  ])('%j → %s', (text, ok) => {
    expect(isFingerprint(text)).toBe(ok);
    expect(new RegExp(fingerprintPattern(), 'u').test(text)).toBe(ok);
  });
});
