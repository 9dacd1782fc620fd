// `copperplate/testing`: test user-written policies (and the built-ins) against YAML cases.
export { testPolicy, expectPolicy } from './policy/policy-tester.js';
export type {
  ExpectedFinding,
  InvalidCase,
  PolicyCaseResult,
  PolicyTestResult,
  PolicyTestSuite,
  ValidCase,
} from './policy/policy-tester.js';
export { definePolicy } from './policy/define-policy.js';
