import { SecretFetchError } from './secret-fetch-error.js';

/** The environment variable by which whoever runs copperplate trusts copperplate.yaml's addresses. */
export const TRUST_CONFIG_ADDRESSES = 'COPPERPLATE_TRUST_CONFIG_ADDRESSES';

/**
 * Where a backend's address came from decides whether credentials may go there. copperplate.yaml
 * can come from a pull request, while VAULT_TOKEN, AppRole/JWT secrets, ~/.vault-token and AWS
 * credentials come from whoever runs the job: a project file must not be able to send them to a
 * server of its choosing. So an address that only copperplate.yaml names is used when it is a
 * loopback address (a local dev server: reaching a listener there already takes code running
 * on the machine) or when the environment says `COPPERPLATE_TRUST_CONFIG_ADDRESSES=1`;
 * otherwise nothing is sent and the reference fails with SECRET_ADDRESS_UNTRUSTED.
 */
export function checkConfigAddress(address: string, setting: string, envVariable: string, env: Readonly<Record<string, string | undefined>>): void {
  if (env[TRUST_CONFIG_ADDRESSES] === '1' || isLoopback(address)) return;
  throw new SecretFetchError('SECRET_ADDRESS_UNTRUSTED', `${setting} in copperplate.yaml (${originOf(address)}) is not trusted with credentials from the environment`, {
    hint: `set ${envVariable} to the address, or ${TRUST_CONFIG_ADDRESSES}=1 where copperplate.yaml is trusted (never for pull requests)`,
  });
}

function isLoopback(address: string): boolean {
  const host = URL.canParse(address) ? new URL(address).hostname : '';
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function originOf(address: string): string {
  return URL.canParse(address) ? new URL(address).origin : 'not a URL';
}
