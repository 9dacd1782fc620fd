#!/usr/bin/env node
// The bundled CLI (scripts/build-bundle.mjs): one file, with V8's compiled code of each command
// kept in the per-user cache (src/cli/launch.ts).
const { launch } = await import('../dist/bundle/launch.mjs');
await launch(new URL('../dist/bundle/copperplate.cjs', import.meta.url));
