import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Where `render --out DIR` keeps, next to a formation's manifests holding resolved secrets, the
 * same render with the secrets as stand-ins: `--baseline-dir DIR` reads it instead of the
 * manifests, so a deploy job's output serves as a baseline exactly like a rendered (redacted)
 * one: no value that is or was a secret, wherever a placeholder put it at the time (names and
 * keys included), reaches a report, a diff or a policy. The name has no manifest extension, so
 * `kubectl apply -R -f DIR` never applies it.
 */
export function redactedCopyFile(dir: string, formation: string): string {
  return path.join(dir, '.copperplate', `${formation}.redacted`);
}

/**
 * The file a baseline `<dir>/<formation>.yaml` is read from: its redacted copy when `render
 * --out` left one (even if the manifests themselves are gone), else the file itself.
 */
export function baselineFileFor(file: string): string {
  // strips `.yaml` from any name, a line break included (a pattern's `.` stops at one); a file
  // named `.yaml` keeps its name: it is no formation's
  const formation = path.basename(file, '.yaml');
  if (formation === path.basename(file)) return file;
  const copy = redactedCopyFile(path.dirname(file), formation);
  try {
    return fs.statSync(copy).isFile() ? copy : file;
  } catch {
    return file;
  }
}
