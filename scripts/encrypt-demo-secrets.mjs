#!/usr/bin/env node
// Re-creates secrets/demo.enc.yaml (and, if missing, the demo age key) with copperplate's own
// sops encryptor. The demo key is PUBLIC: the demo project must resolve its secrets with no
// server and no setup. Never use it for real secrets.
//
//   node scripts/encrypt-demo-secrets.mjs
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateIdentity, identityToRecipient } from 'age-encryption';
import { createJiti } from 'jiti';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const keyFile = path.join(root, 'demo-keys/DEMO-ONLY-age-key.txt');
const outFile = path.join(root, 'secrets/demo.enc.yaml');

const plaintext = `db:
  password: demo-db-password-not-real
stripe:
  api_key: demo-stripe-api-key-not-real
session:
  secret: demo-session-secret-not-real
`;

if (!existsSync(keyFile)) {
  const identity = await generateIdentity();
  const recipient = await identityToRecipient(identity);
  mkdirSync(path.dirname(keyFile), { recursive: true });
  writeFileSync(
    keyFile,
    [
      '# DEMO-ONLY age key of the copperplate demo project.',
      '# This is a PUBLIC key committed to the repository: never use it for real secrets.',
      `# created: ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}`,
      `# public key: ${recipient}`,
      identity,
      '',
    ].join('\n'),
  );
}

const identity = readFileSync(keyFile, 'utf8')
  .split('\n')
  .find((l) => l.startsWith('AGE-SECRET-KEY-1'));
if (!identity) throw new Error(`${keyFile} holds no age identity`);
const recipient = await identityToRecipient(identity);

const jiti = createJiti(import.meta.url);
const { encryptSops } = await jiti.import(path.join(root, 'src/secrets/sops-encrypt.ts'));
const encrypted = await encryptSops(plaintext, { format: 'yaml', ageRecipients: [recipient] });
mkdirSync(path.dirname(outFile), { recursive: true });
writeFileSync(outFile, encrypted);
console.log(`wrote ${path.relative(root, outFile)} for ${recipient}`);
