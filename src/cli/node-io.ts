import * as os from 'node:os';
import type { CliIO } from './cli-io.js';
import { decodeUtf8 } from '../core/text-decode.js';

/** The real process as a CliIO, for `bin/`. */
export function nodeIO(): CliIO {
  // The AWS SDK warns on every KMS use that future releases need Node 22; this release runs
  // on Node 20 (package.json pins the range), so the warning is only noise on stderr.
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
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
  };
}
