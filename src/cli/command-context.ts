import * as path from 'node:path';
import type { Command } from 'commander';
import { userCacheDir } from '../core/user-cache-dir.js';
import type { HostOptions } from '../engine/host-options.js';
import { findProjectRoot, loadProject, type Project } from '../engine/project.js';
import { loadProjectAtRef } from '../engine/ref-project.js';
import type { CliIO, GlobalOptions } from './cli-io.js';
import { Output } from './output.js';

/** What every command gets: the IO and the global options. */
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

  /** The per-user cache (`userCacheDir`). */
  cacheDir(): string | undefined {
    return userCacheDir(this.io.env, this.io.homeDir);
  }

  /** The library's view of this process: environment, home and clock. */
  host(): Required<Pick<HostOptions, 'env' | 'homeDir' | 'now'>> {
    return { env: this.io.env, homeDir: this.io.homeDir, now: () => this.io.now() };
  }
}
