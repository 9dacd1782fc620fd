import { HttpTestServer, type RecordedRequest } from './http-test-server.js';

export interface VaultServerOptions {
  /** Accepted client tokens (login methods hand out new ones). */
  tokens?: string[];
  /** KV mounts: mount path (with trailing slash) → version and secrets (path below the mount → versions, oldest first). */
  mounts?: Record<string, { version: 1 | 2; secrets: Record<string, Record<string, unknown>[]> }>;
  approle?: { roleId: string; secretId: string };
  kubernetes?: { role: string; jwt: string };
  jwt?: { role: string; jwt: string };
  /** When set, every request must carry this X-Vault-Namespace (else 404, as for a path elsewhere). */
  namespace?: string;
}

/**
 * A small Vault written for tests from the HTTP API documentation: KV v1/v2 mounts,
 * sys/internal/ui/mounts, token lookup-self, AppRole / Kubernetes / JWT login, namespaces.
 */
export class VaultTestServer extends HttpTestServer {
  readonly options: VaultServerOptions;
  readonly #tokens: Set<string>;
  #issued = 0;

  constructor(options: VaultServerOptions) {
    super((req) => this.#answer(req), 'application/json');
    this.options = options;
    this.#tokens = new Set(options.tokens ?? []);
  }

  /** Requests to one API path (below /v1/, without query). */
  requestsTo(apiPath: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path.replace(/\?.*$/, '') === `/v1/${apiPath}`);
  }

  #answer(req: RecordedRequest): { status: number; body?: unknown } {
    const url = new URL(req.path, 'http://x');
    const p = decodeURIComponent(url.pathname.replace(/^\/v1\//, ''));
    if (this.options.namespace !== undefined && req.headers['x-vault-namespace'] !== this.options.namespace) {
      return { status: 404, body: { errors: [] } };
    }
    const login = /^auth\/([^/]+)\/login$/.exec(p);
    if (req.method === 'POST' && login) return this.#login(login[1]!, req.body);
    const token = req.headers['x-vault-token'];
    if (typeof token !== 'string' || !this.#tokens.has(token)) return { status: 403, body: { errors: ['permission denied'] } };
    if (p === 'auth/token/lookup-self') return { status: 200, body: { data: { policies: ['default'], ttl: 3600 } } };
    const ui = /^sys\/internal\/ui\/mounts\/(.+)$/.exec(p);
    if (ui) {
      const mount = this.#mountOf(ui[1]!);
      if (!mount) return { status: 403, body: { errors: ['preflight capability check returned 403'] } };
      const version = this.options.mounts![mount]!.version;
      return { status: 200, body: { data: { path: mount, type: 'kv', options: version === 2 ? { version: '2' } : null } } };
    }
    const mount = this.#mountOf(p);
    if (!mount || req.method !== 'GET') return { status: 404, body: { errors: [] } };
    const kv = this.options.mounts![mount]!;
    const rest = p.slice(mount.length);
    if (kv.version === 1) {
      const versions = kv.secrets[rest];
      return versions ? { status: 200, body: { data: versions[versions.length - 1] } } : { status: 404, body: { errors: [] } };
    }
    if (!rest.startsWith('data/')) return { status: 404, body: { errors: [] } };
    const versions = kv.secrets[rest.slice('data/'.length)];
    const wanted = url.searchParams.has('version') ? Number(url.searchParams.get('version')) : versions?.length;
    const data = versions && wanted ? versions[wanted - 1] : undefined;
    if (!data) return { status: 404, body: { errors: [] } };
    return { status: 200, body: { data: { data, metadata: { version: wanted, deletion_time: '', destroyed: false } } } };
  }

  #mountOf(p: string): string | undefined {
    return Object.keys(this.options.mounts ?? {}).find((m) => p.startsWith(m));
  }

  #login(method: string, body: string): { status: number; body?: unknown } {
    let input: Record<string, unknown>;
    try {
      input = JSON.parse(body) as Record<string, unknown>;
    } catch {
      return { status: 400, body: { errors: ['bad body'] } };
    }
    const o = this.options;
    const ok =
      (method === 'approle' && o.approle && input['role_id'] === o.approle.roleId && input['secret_id'] === o.approle.secretId) ||
      (method === 'kubernetes' && o.kubernetes && input['role'] === o.kubernetes.role && input['jwt'] === o.kubernetes.jwt) ||
      (method === 'jwt' && o.jwt && input['role'] === o.jwt.role && input['jwt'] === o.jwt.jwt);
    if (!ok) return { status: 400, body: { errors: ['invalid credentials'] } };
    const token = `hvs.issued-${method}-${++this.#issued}`;
    this.#tokens.add(token);
    return { status: 200, body: { auth: { client_token: token, lease_duration: 3600, renewable: true } } };
  }
}
