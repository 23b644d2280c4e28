#!/usr/bin/env node
import { main } from './main.js';

const cancel = new AbortController();
const onSignal = (signal: NodeJS.Signals) => {
  if (!cancel.signal.aborted) {
    process.stderr.write(`\nrelease-gates: ${signal} received, cancelling running gates\n`);
    cancel.abort(signal);
  }
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  signal: cancel.signal,
});
