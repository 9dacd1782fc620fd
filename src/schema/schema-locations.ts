import * as path from 'node:path';
import { diagnostic, type Diagnostic } from '../core/diagnostic.js';
import { parseJsonText } from '../core/json-text.js';
import type { ProjectFs } from '../core/project-fs.js';
import { normalizedKubernetesVersion, type KubernetesVersion } from './kubernetes-version.js';

/**
 * Schema directories in kubeconform's layout (`schemaLocations`). A location with `{{` is a
 * kubeconform path template; a plain directory is searched as kubeconform's default template
 * (`v1.31.0-standalone-strict/deployment-apps-v1.json`), then the non-strict variant, then
 * flat `deployment-apps-v1.json`, then the CRD catalog layout `apps/deployment_v1.json`.
 */
export interface LocatedSchema {
  file: string;
  schema: unknown;
}

const DEFAULT_TEMPLATE = '{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json';

export interface TemplateData {
  NormalizedKubernetesVersion: string;
  StrictSuffix: string;
  ResourceKind: string;
  ResourceAPIVersion: string;
  Group: string;
  KindSuffix: string;
}

/** kubeconform's template variables for one resource. */
export function templateData(apiVersion: string, kind: string, version: KubernetesVersion, strict: boolean): TemplateData {
  const parts = apiVersion.split('/');
  const groupPart = parts[0] ?? '';
  const firstLabel = (groupPart.split('.')[0] ?? '').toLowerCase();
  let kindSuffix = `-${firstLabel}`;
  if (parts.length > 1) kindSuffix += `-${(parts[1] ?? '').toLowerCase()}`;
  return {
    NormalizedKubernetesVersion: normalizedKubernetesVersion(version),
    StrictSuffix: strict ? '-strict' : '',
    ResourceKind: kind.toLowerCase(),
    ResourceAPIVersion: parts[parts.length - 1] ?? '',
    Group: groupPart,
    KindSuffix: kindSuffix,
  };
}

/** Fills `{{ .Name }}` placeholders; unknown names are left as they are. */
export function renderTemplate(template: string, data: TemplateData): string {
  return template.replace(/\{\{\s*\.(\w+)\s*\}\}/g, (whole, name: string) => (name in data ? data[name as keyof TemplateData] : whole));
}

export class SchemaLocations {
  private readonly cache = new Map<string, LocatedSchema | undefined>();
  private readonly parsed = new Map<string, unknown>();
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    private readonly locations: readonly string[],
    private readonly fs: ProjectFs,
    private readonly version: KubernetesVersion,
    private readonly strict: boolean,
  ) {
    for (const loc of locations) {
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(loc) || loc === 'default') {
        this.diagnostics.push(
          diagnostic('SCHEMA_LOCATION_UNSUPPORTED', `schema location "${loc}" is not a local directory; schemas are never downloaded`, undefined, { severity: 'warning' }),
        );
      }
    }
  }

  find(apiVersion: string, kind: string): LocatedSchema | undefined {
    const key = `${apiVersion}\u0000${kind}`;
    if (this.cache.has(key)) return this.cache.get(key);
    let found: LocatedSchema | undefined;
    for (const loc of this.locations) {
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(loc) || loc === 'default') continue;
      for (const file of this.candidates(loc, apiVersion, kind)) {
        const schema = this.read(file);
        if (schema !== undefined) {
          found = { file, schema };
          break;
        }
      }
      if (found) break;
    }
    this.cache.set(key, found);
    return found;
  }

  private candidates(loc: string, apiVersion: string, kind: string): string[] {
    if (loc.includes('{{')) return [renderTemplate(loc, templateData(apiVersion, kind, this.version, this.strict))];
    const strictData = templateData(apiVersion, kind, this.version, this.strict);
    const out = [path.join(loc, renderTemplate(DEFAULT_TEMPLATE, strictData))];
    if (this.strict) out.push(path.join(loc, renderTemplate(DEFAULT_TEMPLATE, templateData(apiVersion, kind, this.version, false))));
    out.push(path.join(loc, `${strictData.ResourceKind}${strictData.KindSuffix}.json`));
    if (apiVersion.includes('/')) out.push(path.join(loc, strictData.Group, `${strictData.ResourceKind}_${strictData.ResourceAPIVersion}.json`));
    return out;
  }

  private read(file: string): unknown {
    if (this.parsed.has(file)) return this.parsed.get(file);
    const text = this.fs.readFile(file);
    let schema: unknown;
    if (text !== undefined) {
      const json = parseJsonText(file, text, 'SCHEMA_LOCATION_INVALID');
      if ('value' in json) schema = json.value;
      else this.diagnostics.push(json.diagnostic);
    }
    this.parsed.set(file, schema);
    return schema;
  }
}
