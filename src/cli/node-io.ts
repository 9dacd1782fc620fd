import * as os from 'node:os';
import type { CliIO, InterruptSignal } from './cli-io.js';
import { decodeUtf8 } from '../core/text-decode.js';

/** The real process as a CliIO, for `bin/`. */
export function nodeIO(): CliIO {
  // The AWS SDK warns on every KMS use that future releases need Node 22; this release runs
  // on Node 20 (package.json pins the range), so the warning is only noise on stderr.
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  const stdout = guardedStream(process.stdout, 'stdout');
  const stderr = guardedStream(process.stderr, 'stderr');
  return {
    stdout,
    stderr,
    cwd: process.cwd(),
    env: process.env,
    homeDir: os.homedir(),
    isTTY: Boolean(process.stderr.isTTY),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return decodeUtf8(Buffer.concat(chunks));
    },
    now: () => new Date(),
    interruptible: async (work) => {
      const controller = new AbortController();
      let received: InterruptSignal | undefined;
      const handlers = (['SIGINT', 'SIGTERM'] as const).map((name) => {
        const handler = () => {
          received ??= name;
          controller.abort();
        };
        process.on(name, handler);
        return () => process.off(name, handler);
      });
      try {
        const result = await work(controller.signal);
        return received ? { result, signal: received } : { result };
      } finally {
        for (const off of handlers) off();
      }
    },
  };
}

/**
 * Writes to a standard stream that may go away. A reader that closes the pipe early
 * (`render | head -c 10`) is EPIPE: the run ends quietly, writing nothing more, as Unix tools
 * do. Any other write failure (`render > /dev/full`) is the diagnostic WRITE_FAILED on stderr
 * and exit 2, never an unhandled 'error' event with a stack trace.
 */
function guardedStream(stream: NodeJS.WriteStream, name: 'stdout' | 'stderr'): (text: string) => void {
  let closed = false;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (closed) return;
    closed = true;
    if (e.code === 'EPIPE') return;
    // the run may still set its own exit code after this; a lost output wins over it
    process.on('exit', () => {
      process.exitCode = 2;
    });
    if (name === 'stdout' && !process.stderr.destroyed) {
      process.stderr.write(`<${name}>  error  WRITE_FAILED  cannot write to ${name}: ${e.code ?? 'error'}\n`);
    }
  });
  return (text) => {
    if (!closed) stream.write(text);
  };
}
