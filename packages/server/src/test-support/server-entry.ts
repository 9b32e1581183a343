// The command line entry, as bin/civicflow-server.js runs it, for tests that spawn the server from sources.
import { main } from '../main.js';

process.exitCode = await main(process.argv.slice(2));
