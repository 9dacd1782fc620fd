import * as path from 'node:path';
import type { Diagnostic, Location } from '../core/diagnostic.js';
import { fileDiagnostic, readProjectFile } from '../core/project-file.js';
import { locateInDocument, parseYamlFile } from '../core/yaml-document.js';
import { parseAllowedSigners, parseApprovals, type Approval, type ApprovalSigning } from '../policy/index.js';
import type { Project } from './project.js';

/** A project's approvals file and, with `approvalSigning`, whose signatures count. */
export interface ProjectApprovals {
  /** Project-relative path of approvals.yaml. */
  file: string;
  /** The file's text, undefined when there is none. */
  text: string | undefined;
  approvals: Approval[];
  signing?: ApprovalSigning;
  diagnostics: Diagnostic[];
}

/** Reads approvals.yaml and the allowed-signers file that `approvalSigning` names. */
export function projectApprovals(project: Project): ProjectApprovals {
  const file = project.config.approvals;
  const read = readProjectFile(project.fs, project.root, path.resolve(project.root, file));
  const text = read.ok ? read.text : undefined;
  const parsed = text === undefined ? { approvals: [], diagnostics: [] } : parseApprovals(file, text);
  const out: ProjectApprovals = { file, text, approvals: parsed.approvals, diagnostics: [...parsed.diagnostics] };
  if (!read.ok && !read.missing) {
    out.diagnostics.push(fileDiagnostic(read, file === 'approvals.yaml' ? { file, line: 1, column: 1 } : configLocation(project, ['approvals'])));
  }
  const signing = project.config.approvalSigning;
  if (signing) {
    const read = readSigners(project, signing.allowedSigners);
    out.diagnostics.push(...read.diagnostics);
    // a missing or unreadable file trusts nobody: signed entries are then reported as bad
    out.signing = { signers: read.signers, require: signing.require };
  }
  return out;
}

function readSigners(project: Project, file: string): ReturnType<typeof parseAllowedSigners> {
  const at = configLocation(project, ['approvalSigning', 'allowedSigners']);
  const abs = path.resolve(project.root, file);
  const read = readProjectFile(project.fs, project.root, abs, { display: `approvalSigning.allowedSigners ${file}` });
  if (!read.ok) {
    const problem = fileDiagnostic(read, at);
    if (read.missing) problem.hint = 'create it: one `principal keytype base64` line per signer';
    return { signers: [], diagnostics: [problem] };
  }
  return parseAllowedSigners(path.relative(project.root, abs).split(path.sep).join('/'), read.text);
}

/** Where a key of copperplate.yaml is written, for a diagnostic about its value. */
function configLocation(project: Project, keyPath: readonly string[]): Location {
  const file = 'copperplate.yaml';
  const parsed = parseYamlFile(file, project.fs.readFile(path.join(project.root, file)) ?? '');
  const doc = parsed.documents[0]?.doc;
  if (!doc) return { file, line: 1, column: 1 };
  const { line, column } = locateInDocument(parsed.source, doc, [...keyPath]);
  return { file, line, column };
}
