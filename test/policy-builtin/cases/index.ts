import type { PolicyCases } from './case.js';
import * as availability from './availability.js';
import * as images from './images.js';
import { lbIpChange } from './lb-ip-change.js';
import * as resources from './resources.js';
import * as security from './security.js';

/** Every built-in's cases, keyed by policy id. */
export const builtinCases: ReadonlyMap<string, PolicyCases> = new Map(
  [...Object.values(images), lbIpChange, ...Object.values(security), ...Object.values(resources), ...Object.values(availability)].map((c) => [c.policy, c]),
);
