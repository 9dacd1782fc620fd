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
}

/** Options every command accepts. */
export interface GlobalOptions {
  project?: string;
  quiet?: boolean;
  color?: 'auto' | 'always' | 'never';
  debug?: boolean;
}
