#!/usr/bin/env node
import module from 'node:module';

// Node ≥ 22.1 keeps V8's compiled code of the modules a command loads (in the OS temp
// directory, keyed by content) and reuses it on the next run. Enabled before anything else loads.
module.enableCompileCache?.();

// The bundled CLI (scripts/build-bundle.mjs): a handful of files instead of the ~150 modules of
// dist/ and its packages.
const { main } = await import('../dist/bundle/copperplate.mjs');
await main();
