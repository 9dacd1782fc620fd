// `copperplate/policy`: what policy files import. Policy files may be loaded by a copy of
// copperplate other than the one they were written against, so keep this surface small.
export { definePolicy } from './policy/define-policy.js';
export type {
  ContainerRef,
  FormationInfo,
  ImageRef,
  KubernetesResource,
  Policy,
  PolicyContext,
  PolicyMatch,
  PathLike,
  PolicySeverity,
  ReportInput,
} from './policy/define-policy.js';
