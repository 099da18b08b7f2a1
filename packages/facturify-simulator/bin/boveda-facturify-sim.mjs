#!/usr/bin/env node
// Runs the TypeScript sources directly: register tsx's ESM loader, then hand over to the CLI.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
