/** Everything the CLI may touch of its environment; `bin/` builds it from `process`. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  homeDir: string;
  /** Whether stderr is a terminal (colour default). */
  isTTY: boolean;
  readStdin(): Promise<string>;
  now(): Date;
  /**
   * Runs `work` with SIGINT and SIGTERM aborting its signal instead of ending the process at
   * once (so that it can remove what it must not leave behind); says which signal came, if any.
   */
  interruptible<T>(work: (signal: AbortSignal) => Promise<T>): Promise<{ result: T; signal?: InterruptSignal }>;
}

export type InterruptSignal = 'SIGINT' | 'SIGTERM';

/** The exit code of a process a signal stopped, as shells report it (128 + its number). */
export function interruptedExitCode(signal: InterruptSignal): number {
  return signal === 'SIGINT' ? 130 : 143;
}

/** Options every command accepts. */
export interface GlobalOptions {
  project?: string;
  quiet?: boolean;
  color?: 'auto' | 'always' | 'never';
  debug?: boolean;
}
