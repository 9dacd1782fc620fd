import { checkConfigAddress } from './config-address.js';
import { SecretFetchError } from './secret-fetch-error.js';
import type { ParsedSecretRef, SecretProblem, SecretProvider, SecretProviderContext } from './secret-provider.js';
import { toSecretString } from './secret-string.js';
import { vaultLogin } from './vault-auth.js';
import { encodeVaultPath, VaultClient } from './vault-client.js';

interface VaultRef extends ParsedSecretRef {
  /** Logical path including the mount, without `/data/`. */
  readonly path: string;
  readonly key: string;
  readonly version: number | undefined;
}

interface KvMount {
  /** With trailing slash, e.g. `secret/`. */
  mount: string;
  /** `unknown`: the server did not say (no mounts endpoint); try v2, then v1. */
  version: 1 | 2 | 'unknown';
}

const REF = /^([^\s#@?]+)#([^\s#@?]+)(?:@([1-9][0-9]*))?$/;

/** `vault:<path>#<key>[@<version>]`: HashiCorp Vault KV v1 or v2. */
export const vaultProvider: SecretProvider<VaultRef, Readonly<Record<string, unknown>>> = {
  scheme: 'vault',
  parse(body): VaultRef | SecretProblem {
    const m = typeof body === 'string' ? REF.exec(body) : null;
    const p = m?.[1];
    if (!m || !p || p.startsWith('/') || p.split('/').some((s) => s === '' || s === '.' || s === '..') || !p.includes('/')) {
      return {
        code: 'SECRET_REF_SYNTAX',
        message: 'malformed vault: reference',
        hint: 'write vault:<mount>/<path>#<key> or vault:<mount>/<path>#<key>@<version>, e.g. vault:secret/shop/db#password',
      };
    }
    const version = m[3] === undefined ? undefined : Number(m[3]);
    return {
      display: `vault:${p}#${m[2]}${version === undefined ? '' : `@${version}`}`,
      fetchKey: `${p}@${version ?? ''}`,
      path: p,
      key: m[2]!,
      version,
    };
  },
  async fetch(ref, ctx) {
    const client = await ctx.memo('vault:client', async () => vaultClient(ctx));
    const token = await ctx.memo('vault:token', () => vaultLogin(client, ctx));
    const mount = await kvMountFor(client, token, ref.path, ctx);
    return readKv(client, token, mount, ref);
  },
  select(unit, ref) {
    if (!Object.hasOwn(unit, ref.key)) {
      return { code: 'SECRET_NOT_FOUND', message: `Vault secret ${ref.path} has no key "${ref.key}"`, hint: keysHint(unit) };
    }
    const value = toSecretString(unit[ref.key]);
    if (value === undefined) return { code: 'SECRET_TYPE', message: `Vault key "${ref.key}" at ${ref.path} is not a string` };
    return value;
  },
};

/** A key name plain enough to show: it cannot carry markup, escapes or a CI log command. */
const SHOWN_KEY = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * The secret's key names, for a "did you mean": they come from the server, so only plain ones
 * are shown (and counted otherwise), at most 20.
 */
function keysHint(unit: Readonly<Record<string, unknown>>): string {
  const keys = Object.keys(unit).sort();
  if (keys.length === 0) return 'the secret has no keys';
  const shown = keys.filter((k) => SHOWN_KEY.test(k)).slice(0, 20);
  const rest = keys.length - shown.length;
  return `keys there: ${[...shown, ...(rest > 0 ? [`${rest} more`] : [])].join(', ')}`;
}

function vaultClient(ctx: SecretProviderContext): VaultClient {
  const fromEnv = ctx.env['VAULT_ADDR'];
  const address = fromEnv ?? ctx.config.vault?.address;
  if (!address || !URL.canParse(address)) {
    throw new SecretFetchError('VAULT_ADDR_MISSING', address ? 'VAULT_ADDR is not a URL' : 'no Vault address', {
      hint: 'set VAULT_ADDR or vault.address in copperplate.yaml',
    });
  }
  if (fromEnv === undefined) checkConfigAddress(address, 'vault.address', 'VAULT_ADDR', ctx.env);
  return new VaultClient({
    address,
    namespace: ctx.env['VAULT_NAMESPACE'] ?? ctx.config.vault?.namespace,
    timeoutMs: ctx.timeoutMs,
    retries: ctx.retries,
    retryDelayMs: ctx.retryDelayMs,
  });
}

interface MountCache {
  known: KvMount[];
  queue: Promise<unknown>;
}

/**
 * The KV mount of a path, asked once per mount: detections run one at a time and a path under
 * an already detected mount reuses it (Vault refuses overlapping mounts, so a prefix match is
 * exact).
 */
async function kvMountFor(client: VaultClient, token: string, logicalPath: string, ctx: SecretProviderContext): Promise<KvMount> {
  const configured = ctx.config.vault?.kvVersion;
  if (configured === 1 || configured === 2) return { mount: `${logicalPath.split('/')[0]}/`, version: configured };
  const cache = await ctx.memo<MountCache>('vault:mounts', async () => ({ known: [], queue: Promise.resolve() }));
  const next = cache.queue.then(async () => {
    const hit = cache.known.find((m) => logicalPath.startsWith(m.mount));
    if (hit) return hit;
    const found = await detectMount(client, token, logicalPath);
    if (found.version !== 'unknown') cache.known.push(found);
    return found;
  });
  cache.queue = next.catch(() => undefined);
  return next;
}

async function detectMount(client: VaultClient, token: string, logicalPath: string): Promise<KvMount> {
  const answer = await client.request('GET', `sys/internal/ui/mounts/${encodeVaultPath(logicalPath)}`, { token });
  const data = (answer.body as { data?: { path?: unknown; type?: unknown; options?: { version?: unknown } | null } } | undefined)?.data;
  const served = typeof data?.path === 'string' ? (data.path.endsWith('/') ? data.path : `${data.path}/`) : undefined;
  // A mount is a prefix of the path asked about; the server's text is used only as that prefix,
  // so everything shown is the reference's own text (a server's strings are never echoed).
  if (answer.status !== 200 || served === undefined || served === '/' || !logicalPath.startsWith(served)) {
    // No (usable) answer about mounts (a token without access, or a server without the
    // endpoint): the read itself will tell.
    return { mount: `${logicalPath.split('/')[0]}/`, version: 'unknown' };
  }
  const mount = logicalPath.slice(0, served.length);
  if (data!.type !== 'kv' && data!.type !== 'generic') {
    throw new SecretFetchError('VAULT_MOUNT_UNKNOWN', `Vault mount ${mount} is not a KV secrets engine`);
  }
  return { mount, version: String(data!.options?.version ?? '1') === '2' ? 2 : 1 };
}

async function readKv(client: VaultClient, token: string, kv: KvMount, ref: VaultRef): Promise<Readonly<Record<string, unknown>>> {
  const what = ref.version === undefined ? ref.path : `${ref.path} version ${ref.version}`;
  if (kv.version === 1 && ref.version !== undefined) {
    throw new SecretFetchError('VAULT_VERSION_UNSUPPORTED', `the KV v1 mount ${kv.mount} keeps no versions`, {
      hint: 'drop the @<version> suffix',
    });
  }
  let answer;
  let version: 1 | 2 = kv.version === 1 ? 1 : 2;
  if (version === 2) {
    const rest = ref.path.startsWith(kv.mount) ? ref.path.slice(kv.mount.length) : ref.path;
    let apiPath = `${encodeVaultPath(kv.mount)}/data/${encodeVaultPath(rest)}`;
    if (ref.version !== undefined) apiPath += `?version=${ref.version}`;
    answer = await client.request('GET', apiPath, { token });
  }
  if (!answer || (kv.version === 'unknown' && answer.status === 404 && ref.version === undefined)) {
    version = 1;
    answer = await client.request('GET', encodeVaultPath(ref.path), { token });
  }
  if (answer.status === 403) throw new SecretFetchError('SECRET_ACCESS_DENIED', `Vault denied reading ${what} (403)`);
  if (answer.status === 404) throw new SecretFetchError('SECRET_NOT_FOUND', `Vault has no secret at ${what}`);
  if (answer.status !== 200) throw new SecretFetchError('SECRET_UNRESOLVED', `Vault answered ${answer.status} reading ${what}`);
  const outer = (answer.body as { data?: unknown } | undefined)?.data;
  const data = version === 2 ? (outer as { data?: unknown } | undefined)?.data : outer;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new SecretFetchError('SECRET_NOT_FOUND', `Vault has no secret at ${what} (deleted or destroyed)`);
  }
  return data as Readonly<Record<string, unknown>>;
}
