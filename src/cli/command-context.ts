import * as path from 'node:path';
import type { Command } from 'commander';
import { findProjectRoot, loadProject, type Project } from '../engine/project.js';
import { loadProjectAtRef } from '../engine/ref-project.js';
import type { RenderOptions, RenderResult, SecretsMode } from '../engine/render-project.js';
import type { CliIO, GlobalOptions } from './cli-io.js';
import { Output } from './output.js';

/** What every command gets: the IO, global options, and the engine's shared steps. */
export class CommandContext {
  /** Set by the command that ran. */
  exitCode = 0;
  /** Clean-ups of what the command's run created (a `--ref` project's policy copies). */
  private readonly disposers: (() => void)[] = [];
  constructor(readonly io: CliIO) {}

  /** Wraps a command action that returns its exit code (commander knows nothing of exit codes). */
  action<A extends unknown[]>(fn: (...args: A) => Promise<number>): (...args: A) => Promise<void> {
    return async (...args: A) => {
      try {
        this.exitCode = await fn(...args);
      } finally {
        for (const dispose of this.disposers.splice(0)) dispose();
      }
    };
  }

  /**
   * The project the command works on: the work tree's, or with `--ref REF` the project as it
   * was at that commit (SPEC §7), read through git.
   */
  async project(cmd: Command, ref?: string): Promise<Project> {
    const option = this.projectOption(cmd);
    if (ref === undefined) return loadProject({ cwd: this.io.cwd, ...option });
    const root = path.resolve(this.io.cwd, option.root ?? findProjectRoot(this.io.cwd) ?? '.');
    const at = await loadProjectAtRef(root, ref, option.cacheDir === undefined ? {} : { cacheDir: option.cacheDir });
    this.disposers.push(at.dispose);
    return at.project;
  }

  globals(cmd: Command): GlobalOptions {
    return cmd.optsWithGlobals<GlobalOptions>();
  }

  output(cmd: Command): Output {
    return new Output(this.io, this.globals(cmd));
  }

  /** Where to find the project, and the per-user cache (`LoadProjectOptions.cacheDir`). */
  projectOption(cmd: Command): { root?: string; cacheDir?: string } {
    const project = this.globals(cmd).project;
    const cacheDir = this.cacheDir();
    return { ...(project !== undefined ? { root: project } : {}), ...(cacheDir !== undefined ? { cacheDir } : {}) };
  }

  /**
   * `$XDG_CACHE_HOME/copperplate` (default `~/.cache/copperplate`): compiled values schemas and
   * transpiled policies, keyed by content hash. Without it every run of a pre-commit hook
   * would compile the schema and transpile each policy again.
   */
  cacheDir(): string | undefined {
    const base = this.io.env['XDG_CACHE_HOME'] || (this.io.homeDir ? path.join(this.io.homeDir, '.cache') : undefined);
    return base === undefined ? undefined : path.join(base, 'copperplate');
  }

  /** Secret resolution for a render; redact mode contacts nothing but still checks references. */
  secretsFor(mode: SecretsMode, project: Project): Pick<RenderOptions, 'resolveSecrets'> {
    // imported on use: commands that resolve no secrets (precommit, init, hook) never load the backends
    return {
      resolveSecrets: async (formations) => {
        const { projectSecrets } = await import('../engine/project-secrets.js');
        const step = projectSecrets(project, mode, { env: this.io.env, homeDir: this.io.homeDir });
        return step.resolveSecrets!(formations);
      },
    };
  }

  /** Schema + policy checks of a render: blocking findings are reported on stderr. */
  async check(project: Project, result: RenderResult, out: Output, flags: { failOn: 'error' | 'warning' }): Promise<number> {
    const [{ checkRendered }, { writeReports }, { revealSecret }] = await Promise.all([
      import('../engine/check-rendered.js'),
      import('./report-output.js'),
      import('../core/secret-value.js'),
    ]);
    const checked = await checkRendered(project, result, {
      now: this.io.now(),
      failOn: flags.failOn,
      mask: result.secrets.map(revealSecret),
    });
    if (checked.exitCode !== 0 || checked.report.findings.length > 0 || checked.report.diagnostics.length > 0) {
      await writeReports(checked, [{ format: 'text' }], out, { cwd: this.io.cwd, projectRoot: project.root, stream: 'stderr' });
    }
    else if (checked.policyOutput) this.io.stderr(checked.policyOutput);
    return checked.exitCode;
  }
}
