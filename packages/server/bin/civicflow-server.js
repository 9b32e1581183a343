#!/usr/bin/env node
import { main } from '../dist/main.js';

// exitCode instead of process.exit(), so output still in the pipe is flushed before the process ends.
process.exitCode = await main(process.argv.slice(2));
