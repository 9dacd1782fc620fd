import type { Command } from 'commander';
import type { Project } from '../engine/project.js';
import type { RenderOptions, RenderResult } from '../engine/render-project.js';
import type { CliIO, GlobalOptions } from './cli-io.js';
import { Output } from './output.js';

/** What every command gets: the IO, global options, and the engine's shared steps. */
export class CommandContext {
  /** Set by the command that ran. */
  exitCode = 0;
  constructor(readonly io: CliIO) {}

  /** Wraps a command action that returns its exit code (commander knows nothing of exit codes). */
  action<A extends unknown[]>(fn: (...args: A) => Promise<number>): (...args: A) => Promise<void> {
    return async (...args: A) => {
      this.exitCode = await fn(...args);
    };
  }

  globals(cmd: Command): GlobalOptions {
    return cmd.optsWithGlobals<GlobalOptions>();
  }

  output(cmd: Command): Output {
    return new Output(this.io, this.globals(cmd));
  }

  projectOption(cmd: Command): { root?: string } {
    const project = this.globals(cmd).project;
    return project === undefined ? {} : { root: project };
  }

  /** Secret resolution for a render; redact mode contacts nothing. */
  secretsFor(mode: 'resolve' | 'redact', project: Project): Pick<RenderOptions, 'resolveSecrets'> {
    void mode;
    void project;
    return {};
  }

  /** Schema + policy checks of a render; returns the exit code they call for. */
  async check(project: Project, result: RenderResult, out: Output): Promise<number> {
    void project;
    void result;
    void out;
    return 0;
  }
}
