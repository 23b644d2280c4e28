export const id = 376;
export const ids = [376];
export const modules = {

/***/ 4376:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runPipeline: () => (/* binding */ runPipeline)
});

// UNUSED EXPORTS: CANCELLED_HOOK_BUDGET_MS

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:string_decoder"
var external_node_string_decoder_ = __webpack_require__(6193);
;// CONCATENATED MODULE: ./src/engine/output/line-splitter.ts

/** Past this much output, lines are no longer handed on: findings come from the start. */
const MAX_SPLIT_BYTES = 8 * 1024 * 1024;
/** A longer line is cut here; parsers never look further into a line. */
const MAX_LINE_CHARS = 16 * 1024;
/**
 * Turns a byte stream into text lines for the findings parser, with bounded memory: a
 * line is cut at MAX_LINE_CHARS, and after MAX_SPLIT_BYTES nothing more is split.
 */
class LineSplitter {
    onLine;
    decoder = new external_node_string_decoder_.StringDecoder('utf8');
    carry = '';
    skippingRest = false;
    seen = 0;
    constructor(onLine) {
        this.onLine = onLine;
    }
    /** False once the byte budget is spent. */
    get active() {
        return this.seen < MAX_SPLIT_BYTES;
    }
    push(chunk) {
        if (!this.active)
            return;
        this.seen += chunk.length;
        const text = this.decoder.write(chunk);
        let start = 0;
        for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
            this.take(text.slice(start, end));
            this.emit();
            start = end + 1;
        }
        this.take(text.slice(start));
    }
    end() {
        this.take(this.decoder.end());
        if (this.carry !== '' || this.skippingRest)
            this.emit();
    }
    take(piece) {
        if (this.skippingRest || piece === '')
            return;
        const room = MAX_LINE_CHARS - this.carry.length;
        if (piece.length >= room) {
            this.carry += piece.slice(0, room);
            this.skippingRest = true;
        }
        else
            this.carry += piece;
    }
    emit() {
        const line = this.carry;
        this.carry = '';
        this.skippingRest = false;
        this.onLine(line);
    }
}

;// CONCATENATED MODULE: ./src/engine/output/tail.ts
const TAIL_MAX_BYTES = 16 * 1024;
const TAIL_MAX_LINES = 100;
/**
 * Keeps the last bytes of a stream without holding the whole of it: at most `maxBytes`
 * plus one chunk are retained. `read()` cuts that to the last `maxLines` lines.
 */
class OutputTail {
    maxBytes;
    maxLines;
    chunks = [];
    size = 0;
    dropped = false;
    constructor(maxBytes = TAIL_MAX_BYTES, maxLines = TAIL_MAX_LINES) {
        this.maxBytes = maxBytes;
        this.maxLines = maxLines;
    }
    push(chunk) {
        if (chunk.length === 0)
            return;
        this.chunks.push(Buffer.from(chunk));
        this.size += chunk.length;
        while (this.chunks.length > 1 && this.size - this.chunks[0].length >= this.maxBytes) {
            this.size -= this.chunks.shift().length;
            this.dropped = true;
        }
    }
    read() {
        let bytes = Buffer.concat(this.chunks, this.size);
        let truncated = this.dropped;
        if (bytes.length > this.maxBytes) {
            bytes = bytes.subarray(bytes.length - this.maxBytes);
            truncated = true;
        }
        // A cut can land inside a multi-byte character: drop the broken continuation bytes.
        let start = 0;
        if (truncated)
            while (start < 3 && (bytes[start] & 0xc0) === 0x80)
                start++;
        let text = bytes.subarray(start).toString('utf8');
        // Each invalid byte decodes to a 3-byte U+FFFD: keep the bound in the decoded text too.
        if (Buffer.byteLength(text, 'utf8') > this.maxBytes) {
            const encoded = Buffer.from(text, 'utf8');
            let from = encoded.length - this.maxBytes;
            while (from < encoded.length && (encoded[from] & 0xc0) === 0x80)
                from++;
            text = encoded.subarray(from).toString('utf8');
            truncated = true;
        }
        const lines = text.split('\n');
        if (lines[lines.length - 1] === '')
            lines.pop();
        if (lines.length > this.maxLines)
            truncated = true;
        return { text: lines.slice(-this.maxLines).join('\n'), truncated };
    }
    reset() {
        this.chunks = [];
        this.size = 0;
        this.dropped = false;
    }
}

;// CONCATENATED MODULE: ./src/engine/output/gate-log.ts



class GateLog {
    path;
    newRedactor;
    onLine;
    stream;
    tail = new OutputTail();
    failed;
    closed = false;
    // One per source: a secret or a line split across writes of stdout stays whole even
    // when stderr writes in between.
    channels = new Map();
    constructor(path, 
    /** Makes the maskers that clean output before anything reaches the file or the tail. */
    newRedactor, 
    /** Receives the (redacted) output line by line, e.g. the findings parser. */
    onLine) {
        this.path = path;
        this.newRedactor = newRedactor;
        this.onLine = onLine;
        this.stream = (0,external_node_fs_.createWriteStream)(path, { flags: 'w' });
        // A full disk or vanished directory must not crash the run: the tail still works.
        this.stream.on('error', (error) => {
            this.failed = error;
        });
    }
    channel(source) {
        let channel = this.channels.get(source);
        if (!channel) {
            channel = {
                redactor: this.newRedactor?.(),
                lines: this.onLine ? new LineSplitter(this.onLine) : undefined,
            };
            this.channels.set(source, channel);
        }
        return channel;
    }
    /** Returns false when the caller should wait for `drain()` before writing more. */
    write(chunk, source = 'stdout') {
        // A runner left behind after its deadline may still write: the log is already final.
        if (this.closed)
            return true;
        const channel = this.channel(source);
        const clean = channel.redactor ? channel.redactor.push(chunk) : chunk;
        channel.lines?.push(clean);
        return this.writeClean(clean);
    }
    writeClean(chunk) {
        if (chunk.length === 0)
            return true;
        this.tail.push(chunk);
        if (this.failed)
            return true;
        return this.stream.write(chunk);
    }
    note(line) {
        this.write(Buffer.from(`${line}\n`), 'note');
    }
    drain() {
        if (this.failed || !this.stream.writableNeedDrain)
            return Promise.resolve();
        return new Promise((resolve) => {
            const done = () => {
                this.stream.off('drain', done);
                this.stream.off('error', done);
                resolve();
            };
            this.stream.once('drain', done);
            this.stream.once('error', done);
        });
    }
    startAttempt() {
        this.tail.reset();
    }
    readTail() {
        return this.tail.read();
    }
    get writeError() {
        return this.failed;
    }
    close() {
        this.closed = true;
        for (const channel of this.channels.values()) {
            if (channel.redactor) {
                const rest = channel.redactor.flush();
                channel.lines?.push(rest);
                this.writeClean(rest);
            }
            channel.lines?.end();
        }
        if (this.failed || this.stream.destroyed)
            return Promise.resolve();
        return new Promise((resolve) => {
            this.stream.once('error', () => resolve());
            this.stream.end(() => resolve());
        });
    }
}

;// CONCATENATED MODULE: ./src/engine/runners/command.ts
/**
 * Runs one process to its end or until `signal` aborts; its output goes to `log`. Why the
 * signal aborted (a deadline, a cancel) is the caller's to say.
 */
async function runCommand(request) {
    const { log } = request;
    if (request.signal.aborted)
        return { kind: 'stopped' };
    const child = request.spawn({ argv: request.argv, cwd: request.cwd, env: request.env });
    let stopped = false;
    let killTimer;
    const onAbort = () => {
        if (stopped)
            return;
        stopped = true;
        child.killGroup('SIGTERM');
        // Gates that ignore SIGTERM still end: the whole group gets SIGKILL after the grace.
        const grace = typeof request.killGraceMs === 'function' ? request.killGraceMs() : request.killGraceMs;
        killTimer = setTimeout(() => child.killGroup('SIGKILL'), grace);
        killTimer.unref();
    };
    request.signal.addEventListener('abort', onAbort, { once: true });
    const pipe = (stream, source) => {
        stream.on('data', (chunk) => {
            if (!log.write(chunk, source)) {
                child.stdout.pause();
                child.stderr.pause();
                void log.drain().then(() => {
                    child.stdout.resume();
                    child.stderr.resume();
                });
            }
        });
    };
    pipe(child.stdout, 'stdout');
    pipe(child.stderr, 'stderr');
    const exit = await child.exited;
    if (killTimer)
        clearTimeout(killTimer);
    // The shell is gone; anything it left in its group when stopped goes too.
    if (stopped)
        child.killGroup('SIGKILL');
    request.signal.removeEventListener('abort', onAbort);
    if (exit.error) {
        return {
            kind: 'not-started',
            message: `could not start ${request.argv[0]}: ${exit.error.message}`,
        };
    }
    if (stopped)
        return { kind: 'stopped' };
    return { kind: 'exited', code: exit.code, signal: exit.signal };
}

;// CONCATENATED MODULE: ./src/engine/run/directory.ts

/** Whether `dir` is an existing directory: gates, checks and hooks need theirs before they start. */
async function directoryExists(dir) {
    try {
        return (await (0,promises_.stat)(dir)).isDirectory();
    }
    catch {
        return false;
    }
}

;// CONCATENATED MODULE: ./src/engine/run/deadline.ts
/**
 * One signal for "stop now", remembering which of the two reasons came first, so that every
 * gate kind and hook maps a stop to the same status.
 */
function startDeadline(parent, timeoutMs) {
    const controller = new AbortController();
    let cause;
    const stop = (why, reason) => {
        if (cause)
            return;
        cause = why;
        controller.abort(reason);
    };
    const onParent = () => stop('cancelled', parent.reason);
    const timer = setTimeout(() => stop('timed-out', 'timed out'), timeoutMs);
    if (parent.aborted)
        onParent();
    else
        parent.addEventListener('abort', onParent, { once: true });
    return {
        signal: controller.signal,
        get cause() {
            return cause;
        },
        dispose() {
            clearTimeout(timer);
            parent.removeEventListener('abort', onParent);
        },
    };
}
function formatTimeout(ms) {
    const seconds = ms / 1000;
    if (seconds < 120)
        return `${Number(seconds.toFixed(1))} s`;
    return `${Number((seconds / 60).toFixed(1))} min`;
}

;// CONCATENATED MODULE: ./src/engine/hooks.ts






/**
 * Starts the hooks' clock: `budgetMs` from now if `signal` is already aborted (the gates were
 * cancelled), else from the moment it aborts (a cancel during rollback or cleanup).
 */
function hookBudget(signal, now, budgetMs) {
    let deadline;
    const onAbort = () => {
        deadline ??= now() + budgetMs;
    };
    if (signal.aborted)
        onAbort();
    else
        signal.addEventListener('abort', onAbort, { once: true });
    return {
        signal,
        deadline: () => deadline,
        dispose: () => signal.removeEventListener('abort', onAbort),
    };
}
/**
 * Runs rollback or cleanup commands in order. A cancel does not skip them: they exist to run
 * after one. But once the run is cancelled (before or while they run) they share the budget's
 * time, a running hook included: when it is up, the hook's group gets SIGTERM, then SIGKILL.
 * A failing hook does not stop the next one.
 */
async function runHooks(kind, hooks, extraEnv, deps) {
    const results = [];
    const budget = deps.budget;
    // Their own folder: a gate may well be called rollback-1 or cleanup-1.
    const hookLogDir = external_node_path_default().join(deps.logDir, 'hooks');
    await (0,promises_.mkdir)(hookLogDir, { recursive: true });
    for (const [index, hook] of hooks.entries()) {
        const started = deps.now();
        const log = new GateLog(external_node_path_default().join(hookLogDir, `${kind}-${index + 1}.log`), deps.redaction ? () => deps.redaction.stream() : undefined);
        const cwd = external_node_path_default().resolve(deps.workspace, hook.workingDirectory);
        // After a cancel, the kill grace comes out of the budget, not on top of it.
        const cancelGraceMs = Math.min(deps.killGraceMs, 500);
        const deadline = budget?.deadline();
        const runFor = deadline === undefined
            ? hook.timeoutMs
            : Math.min(hook.timeoutMs, deadline - started - cancelGraceMs);
        const result = {
            kind,
            name: hook.name,
            status: 'passed',
            exitCode: null,
            durationMs: 0,
            tail: '',
            logPath: log.path,
        };
        if (runFor <= 0) {
            result.status = 'cancelled';
            result.detail = 'no time left after the run was cancelled';
        }
        else if (!(await directoryExists(cwd))) {
            result.status = 'failed';
            result.detail = `working-directory ${hook.workingDirectory} does not exist (${cwd})`;
            log.note(`release-gates: ${result.detail}`);
        }
        else {
            // Aborts when the budget is up: at once if the run was cancelled before this hook, or
            // when a cancel that arrives while it runs has used the budget up.
            const outOfBudget = new AbortController();
            let budgetTimer;
            const onCancel = () => {
                const left = budget.deadline() - cancelGraceMs - deps.now();
                budgetTimer = setTimeout(() => outOfBudget.abort('cancelled'), Math.max(0, left));
            };
            if (budget && deadline === undefined) {
                if (budget.signal.aborted)
                    onCancel();
                else
                    budget.signal.addEventListener('abort', onCancel, { once: true });
            }
            const timer = startDeadline(outOfBudget.signal, runFor);
            const outcome = await runCommand({
                argv: [...hook.shell, hook.run],
                cwd,
                env: { ...deps.env, ...hook.env, ...extraEnv },
                signal: timer.signal,
                spawn: deps.spawn,
                log,
                // Read when the stop begins: after a cancel, the short grace.
                killGraceMs: () => (budget?.deadline() === undefined ? deps.killGraceMs : cancelGraceMs),
            });
            timer.dispose();
            budget?.signal.removeEventListener('abort', onCancel);
            if (budgetTimer)
                clearTimeout(budgetTimer);
            if (outcome.kind === 'exited') {
                result.exitCode = outcome.code;
                if (outcome.code !== 0) {
                    result.status = 'failed';
                    result.detail =
                        outcome.code === null
                            ? `killed by ${outcome.signal}`
                            : `exited with code ${outcome.code}`;
                }
            }
            else if (outcome.kind === 'stopped' && timer.cause === 'cancelled') {
                result.status = 'cancelled';
                result.detail = 'stopped: the run was cancelled and its time for hooks was up';
            }
            else if (outcome.kind === 'stopped') {
                result.status = 'timed-out';
                result.detail = 'timed out';
            }
            else if (outcome.kind === 'not-started') {
                result.status = 'failed';
                result.detail = outcome.message;
                log.note(`release-gates: ${outcome.message}`);
            }
        }
        await log.close();
        result.tail = log.readTail().text;
        result.durationMs = deps.now() - started;
        results.push(result);
        deps.onHookEnd?.(result);
    }
    return results;
}

// EXTERNAL MODULE: ./src/engine/policy.ts
var policy = __webpack_require__(7542);
// EXTERNAL MODULE: ./src/engine/redact.ts
var redact = __webpack_require__(2393);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
;// CONCATENATED MODULE: ./src/engine/findings/ansi.ts

/** Characters of one raw line looked at before colour codes are removed. */
const RAW_LINE_CAP = 16 * 1024;
/** Characters of one cleaned line that the tool parsers ever see. */
const LINE_CAP = 4 * 1024;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const TRAILING_CR = /\r+$/;
/**
 * Turns one raw output line into what a terminal would show: at most `LINE_CAP` characters,
 * without colour codes, without a CRLF's CR, only the text after the last carriage return
 * (progress bars redraw a line with `\r`), and without trailing whitespace. Tabs are kept.
 */
function cleanLine(raw) {
    let text = raw.length > RAW_LINE_CAP ? raw.slice(0, RAW_LINE_CAP) : raw;
    // Colour, cursor and hyperlink sequences (7-bit and 8-bit CSI, OSC); a stray ESC left by a
    // cut, like every other C0 control but tab, goes with CONTROL below.
    if (text.includes('\u001b') || text.includes('\u009b'))
        text = (0,external_node_util_.stripVTControlCharacters)(text);
    if (text.includes('\r')) {
        text = text.replace(TRAILING_CR, '');
        const cr = text.lastIndexOf('\r');
        if (cr >= 0)
            text = text.slice(cr + 1);
    }
    CONTROL.lastIndex = 0;
    if (CONTROL.test(text))
        text = text.replace(CONTROL, '');
    return (text.length > LINE_CAP ? text.slice(0, LINE_CAP) : text).trimEnd();
}

// EXTERNAL MODULE: ./src/engine/findings/paths.ts
var paths = __webpack_require__(9005);
;// CONCATENATED MODULE: ./src/engine/findings/line-parser.ts
// Patterns are anchored at the start and avoid a lazy `(.*?)` followed by `\s*$`, which is
// quadratic on long runs of spaces; trailing parts (rule ids, codes) are split off by hand.
/**
 * A printed path: an optional drive letter, then no whitespace, colon, quote, angle bracket,
 * pipe or glob character. Brackets and parentheses are allowed (`app/(auth)/[id]/page.tsx`).
 */
const PATH = String.raw `(?:[A-Za-z]:[\\/])?[^\s:"'<>|*?]+`;
const EXTENSION = /\.(?=[\w+-]*[A-Za-z])[\w+-]{1,16}$/;
const PYTHON = /\.(?:py|pyi|pyw|ipynb)$/i;
/** The part of a path after its last separator. */
function baseName(file) {
    const slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
    return slash >= 0 ? file.slice(slash + 1) : file;
}
/** True when the file name ends with an extension that has a letter in it (`.ts`, `.mp4`). */
function hasExtension(file) {
    return EXTENSION.test(baseName(file));
}
function isPythonFile(file) {
    return PYTHON.test(file);
}
/** A 1-based line or column, or undefined for 0, a missing value or a number out of range. */
function positive(text) {
    if (text === undefined || text.length > 9)
        return undefined;
    const value = Number.parseInt(text, 10);
    return value >= 1 ? value : undefined;
}
/** Maps a tool's severity word to a finding severity. */
function severityOf(word) {
    switch (word?.toLowerCase()) {
        case 'error':
        case 'fatal':
        case 'fatal error':
            return 'error';
        case 'warning':
        case 'warn':
            return 'warning';
        case 'note':
        case 'info':
        case 'style':
        case 'message':
        case 'suggestion':
            return 'note';
        default:
            return undefined;
    }
}
/**
 * Builds a finding without undefined properties. A missing line becomes 1 (the tool reported
 * the file but no position, e.g. ESLint's `0:0`); then column and end are dropped too.
 */
function makeFinding(tool, fields) {
    const line = fields.line ?? 1;
    const hasLine = fields.line !== undefined;
    return {
        tool,
        file: fields.file,
        line,
        ...(hasLine && fields.column !== undefined && { column: fields.column }),
        ...(hasLine && fields.endLine !== undefined && { endLine: fields.endLine }),
        ...(hasLine &&
            fields.endLine !== undefined &&
            fields.endColumn !== undefined && { endColumn: fields.endColumn }),
        message: fields.message.trim(),
        ...(fields.ruleId && { ruleId: fields.ruleId }),
        ...(fields.severity && { severity: fields.severity }),
    };
}

;// CONCATENATED MODULE: ./src/engine/findings/tools/eslint.ts

/** A stylish file header: the line is nothing but a path with an extension. */
const HEADER = new RegExp(String.raw `^(${PATH})$`);
/** A stylish row: `  12:5  error  'x' is assigned a value but never used  no-unused-vars`. */
const ROW = /^\s*(\d+):(\d+)\s+(error|warning)\s+(\S.*)$/;
/** A rule id: `no-console`, `@typescript-eslint/no-unused-vars`, `react-hooks/rules-of-hooks`. */
const RULE = String.raw `(?:@[\w.-]+\/)?[\w.-]+(?:\/[\w.-]+)*`;
const RULE_ID = new RegExp(`^${RULE}$`);
/** Splits a stylish row's text into message and rule id (after the last gap of 2+ spaces). */
function splitRule(text) {
    const gap = text.lastIndexOf('  ');
    if (gap < 0)
        return { message: text };
    const ruleId = text.slice(gap + 2);
    const message = text.slice(0, gap).trimEnd();
    return RULE_ID.test(ruleId) && message ? { message, ruleId } : { message: text };
}
/** `--format unix`: `/abs/a.ts:12:5: 'x' is defined but never used. [Error/no-unused-vars]`. */
const UNIX = new RegExp(String.raw `^\s*(${PATH}):(\d+):(\d+): (.*?) \[(Error|Warning)(?:\/([^\]\s]+))?\]$`);
/** `--format compact`: `/abs/a.ts: line 12, col 5, Error - msg (no-unused-vars)`. */
const COMPACT = new RegExp(String.raw `^\s*(${PATH}): line (\d+), col (\d+), (Error|Warning) - (.*?)(?: \((${RULE})\))?$`);
/**
 * ESLint's default `stylish` formatter: a header line with the file's path, then one indented
 * row per problem, then a blank line; `✖ N problems` closes the report. A row only counts
 * directly under a header (or another row), so stray `12:5  error` text is ignored.
 */
const eslintStylish = () => {
    let file;
    return {
        tool: 'eslint',
        push(line, context) {
            if (file !== undefined) {
                const row = ROW.exec(line);
                if (row) {
                    if (context.claimed)
                        return false;
                    const [, lineText, column, severity, rest] = row;
                    const split = splitRule(rest);
                    context.emit(makeFinding('eslint', {
                        file,
                        line: positive(lineText),
                        column: positive(column),
                        message: split.message,
                        ruleId: split.ruleId,
                        severity: severityOf(severity),
                    }));
                    return true;
                }
            }
            file = undefined;
            const header = HEADER.exec(line);
            if (header && hasExtension(header[1])) {
                file = header[1];
                return !context.claimed;
            }
            return false;
        },
    };
};
/** ESLint's one-line formats, `unix` and `compact`. */
const eslintLine = () => ({
    tool: 'eslint',
    push(line, context) {
        if (context.claimed)
            return false;
        const unix = line.endsWith(']') ? UNIX.exec(line) : null;
        if (unix) {
            const [, file, lineText, column, message, severity, rule] = unix;
            context.emit(makeFinding('eslint', {
                file: file,
                line: positive(lineText),
                column: positive(column),
                message: message,
                ruleId: rule,
                severity: severityOf(severity),
            }));
            return true;
        }
        const compact = line.includes(': line ') ? COMPACT.exec(line) : null;
        if (compact) {
            const [, file, lineText, column, severity, message, rule] = compact;
            context.emit(makeFinding('eslint', {
                file: file,
                line: positive(lineText),
                column: positive(column),
                message: message,
                ruleId: rule,
                severity: severityOf(severity),
            }));
            return true;
        }
        return false;
    },
});

;// CONCATENATED MODULE: ./src/engine/findings/tools/ruff.ts

/**
 * The pycodestyle-style line shared by ruff (concise/text output) and flake8:
 * `app/main.py:12:5: F401 [*] \`os\` imported but unused`. Groups: path, line, column, code,
 * the `[*]` fixable mark, message.
 */
const CODE_LINE = new RegExp(String.raw `^\s*(${PATH}):(\d+):(\d+): ([A-Z]+[0-9]+)( \[\*\])? (.*)$`);
const RUFF_FILE = /\.(?:py|pyi|pyw|ipynb|toml)$/i;
/** True when flake8 printed the path: it keeps the `./` of `flake8 .`; ruff never does. */
function looksLikeFlake8Path(file) {
    return file.startsWith('./') || file.startsWith('.\\');
}
/** Ruff's full (rustc-like) output: `F401 [*] \`os\` imported but unused` ... */
const ruff_HEADER = /^([A-Z]+[0-9]+|invalid-syntax)(?: \[\*\])?:? (\S.*)$/;
/** ... then ` --> app/main.py:1:8`. */
const ARROW = new RegExp(String.raw `^\s*-->\s+(${PATH}):(\d+):(\d+)$`);
/**
 * Ruff, in its concise form (`path:line:col: CODE [*] message`, also the older `text` and
 * pre-0.12 `full` outputs whose first line has that shape) and in its newer full form, where a
 * `CODE message` header is followed by a ` --> path:line:col` line. Ruff prints no severity.
 * Lines without the `[*]` mark are shared with flake8: see `looksLikeFlake8Path`.
 */
const ruff = () => {
    let header;
    return {
        tool: 'ruff',
        push(line, context) {
            const pending = header;
            header = undefined;
            if (pending) {
                const arrow = line.includes('-->') ? ARROW.exec(line) : null;
                if (arrow) {
                    if (context.claimed)
                        return false;
                    const [, file, lineText, column] = arrow;
                    context.emit(makeFinding('ruff', {
                        file: file,
                        line: positive(lineText),
                        column: positive(column),
                        message: pending.message,
                        ruleId: pending.code === 'invalid-syntax' ? undefined : pending.code,
                    }));
                    return true;
                }
            }
            if (context.claimed)
                return false;
            const match = CODE_LINE.exec(line);
            if (match) {
                const [, file, lineText, column, code, fixable, message] = match;
                if (!RUFF_FILE.test(file) || (!fixable && looksLikeFlake8Path(file)))
                    return false;
                context.emit(makeFinding('ruff', {
                    file: file,
                    line: positive(lineText),
                    column: positive(column),
                    message: message,
                    ruleId: code,
                }));
                return true;
            }
            const next = ruff_HEADER.exec(line);
            if (next)
                header = { code: next[1], message: next[2] };
            return false;
        },
    };
};

;// CONCATENATED MODULE: ./src/engine/findings/tools/flake8.ts


/**
 * flake8's default format, `./app/main.py:12:5: E501 line too long (88 > 79 characters)`.
 * The line has the same shape as ruff's; it is flake8's when the path keeps the `./` that
 * `flake8 .` prints (ruff never prints it). flake8 prints no severity.
 */
const flake8 = () => ({
    tool: 'flake8',
    push(line, context) {
        if (context.claimed)
            return false;
        const match = CODE_LINE.exec(line);
        if (!match)
            return false;
        const [, file, lineText, column, code, fixable, message] = match;
        if (fixable || !looksLikeFlake8Path(file) || !isPythonFile(file))
            return false;
        context.emit(makeFinding('flake8', {
            file: file,
            line: positive(lineText),
            column: positive(column),
            message: message,
            ruleId: code,
        }));
        return true;
    },
});

;// CONCATENATED MODULE: ./src/engine/findings/tools/generic.ts

/**
 * `path:line:col: message` or `path:line: message`, at the very start of the line (no
 * indentation, no prefix). Line and column have at most 7 digits.
 */
const LINE = new RegExp(String.raw `^(${PATH}):(\d{1,7})(?::(\d{1,7}))?: \s*(\S.*)$`);
/** `error: ...`, `fatal error: ...`, `warning: ...`, `note: ...` at the start of the message. */
const SEVERITY = /^(fatal error|error|warning|note):\s+(\S.*)$/;
/** Host names look like file names (`example.com:443: ...`): these endings are never files. */
const HOST_ENDING = /\.(?:com|org|net|io|dev|edu|gov|local|localhost|localdomain|internal|lan|cluster|svc)$/i;
/**
 * The fallback for lines no specific tool recognised: conservative, so that log noise (URLs,
 * `12:30:45` timestamps, host:port, `Ran 7 tests in 0.08s`) never becomes a finding. The path
 * must have an extension, contain no `@` (user@host), and — when it has no directory part —
 * not end like a host name. A leading `error:`/`warning:`/`note:` sets the severity.
 */
const generic = () => ({
    tool: 'generic',
    push(line, context) {
        if (context.claimed)
            return false;
        const match = LINE.exec(line);
        if (!match)
            return false;
        const [, file, lineText, column, rest] = match;
        if (!hasExtension(file) || file.includes('@'))
            return false;
        if (baseName(file) === file && HOST_ENDING.test(file))
            return false;
        const lineNumber = positive(lineText);
        if (lineNumber === undefined)
            return false;
        const severity = SEVERITY.exec(rest);
        context.emit(makeFinding('generic', {
            file: file,
            line: lineNumber,
            column: positive(column),
            message: severity ? severity[2] : rest,
            severity: severity ? severityOf(severity[1]) : undefined,
        }));
        return true;
    },
});

;// CONCATENATED MODULE: ./src/engine/findings/tools/mypy.ts

/**
 * `app/main.py:12: error: Incompatible types in assignment (...)  [assignment]`, optionally
 * with a column (`--show-column-numbers`) or a whole range (`--show-error-end`:
 * `app/main.py:12:5:12:9: error: ...`). Groups: path, line, column, end line, end column,
 * severity, message (with the error code still on it).
 */
const mypy_LINE = new RegExp(String.raw `^\s*(${PATH}):(\d+)(?::(\d+))?(?::(\d+):(\d+))?: (error|warning|note): (.*)$`);
const CODE = /^[a-z][\w-]*$/;
/** Splits `message  [code]` into its parts. */
function splitCode(text) {
    if (!text.endsWith(']'))
        return { message: text };
    const open = text.lastIndexOf('  [');
    const code = open < 0 ? '' : text.slice(open + 3, -1);
    return CODE.test(code) ? { message: text.slice(0, open), code } : { message: text };
}
/** mypy (and dmypy), for `.py`/`.pyi` files; `note:` lines become findings of severity note. */
const mypy = () => ({
    tool: 'mypy',
    push(line, context) {
        if (context.claimed)
            return false;
        const match = mypy_LINE.exec(line);
        if (!match || !isPythonFile(match[1]))
            return false;
        const [, file, lineText, column, endLine, endColumn, severity, text] = match;
        const { message, code } = splitCode(text);
        context.emit(makeFinding('mypy', {
            file: file,
            line: positive(lineText),
            column: positive(column),
            endLine: positive(endLine),
            endColumn: positive(endColumn),
            message,
            ruleId: code,
            severity: severityOf(severity),
        }));
        return true;
    },
});

;// CONCATENATED MODULE: ./src/engine/findings/tools/pytest.ts

/** `==================== FAILURES ====================` and the like. */
const BANNER = /^={2,} (.+?) ={2,}$/;
/** `____________ test_health ____________` starts one failure's report. */
const TEST_HEADER = /^_{3,} (\S.*?) _{3,}$/;
/** `---------- Captured stdout call ----------`: the test's own output follows. */
const SUBSECTION = /^-{3,} (\S.*?) -{3,}$/;
/** `tests/test_api.py:42: AssertionError`, `tests/test_x.py:5: in helper`, `tests/test_x.py:5: `. */
const LOCATION = new RegExp(String.raw `^(${PATH}):(\d+):(?: (.*))?$`);
/** `E       assert 503 == 200`: the first one of a report is its best one-line message. */
const DETAIL = /^E\s+(\S.*)$/;
/** `FAILED tests/test_api.py::test_health - AssertionError: assert 503 == 200`. */
const SUMMARY = /^(FAILED|ERROR) ([^\s:]+\.\w+(?:::.*?)?)(?: - (.*))?$/;
const ERROR_PREFIX = /^ERROR (?:at (?:setup|teardown) of|collecting) /;
const MAX_REPORTS = 5000;
const MAX_LOCATIONS = 8;
const MAX_NAME = 512;
/** `tests/a.py::TestA::test_x[1]` → `TestA.test_x[1]`; a file-only id names itself. */
function headerName(id) {
    const parts = id.split('::');
    return parts.length > 1 ? parts.slice(1).join('.') : id;
}
/**
 * pytest. Each `FAILED`/`ERROR` line of the short test summary becomes one finding (rule id:
 * the test id), placed at the test's location in the FAILURES/ERRORS section that came before
 * it: the first location line in the test's own file, else the report's first location line,
 * else line 1 of the test file. All lines of the FAILURES, ERRORS and warnings sections are
 * taken, so tracebacks and captured output never turn into other findings. When a session has
 * no short summary (`-rN`), each report becomes a finding named by its header.
 */
const pytest = () => {
    let section = 'none';
    let sawSummary = false;
    let captured = false;
    let current;
    let reports = [];
    let byName = new Map();
    const reset = () => {
        sawSummary = false;
        current = undefined;
        reports = [];
        byName = new Map();
    };
    const newReport = (name) => {
        if (reports.length >= MAX_REPORTS)
            return undefined;
        const report = { locations: [], used: false };
        if (name !== undefined) {
            report.name = name.slice(0, MAX_NAME);
            const list = byName.get(report.name);
            if (list)
                list.push(report);
            else
                byName.set(report.name, [report]);
        }
        reports.push(report);
        return report;
    };
    const flushUnreported = (sink) => {
        if (!sawSummary) {
            for (const report of reports) {
                const where = report.locations[0];
                if (report.used || !where)
                    continue;
                sink.emit(makeFinding('pytest', {
                    file: where.printed,
                    line: where.line,
                    message: report.detail ?? report.exception ?? 'test failed',
                    ruleId: report.name,
                    severity: 'error',
                }));
            }
        }
        reset();
    };
    const onBanner = (title, sink) => {
        captured = false;
        current = undefined;
        if (title === 'FAILURES' || title === 'ERRORS')
            section = 'failures';
        else if (title === 'short test summary info') {
            section = 'summary';
            sawSummary = true;
        }
        else if (title === 'warnings summary')
            section = 'quiet';
        else {
            if (title === 'test session starts')
                flushUnreported(sink);
            section = 'none';
        }
    };
    const onFailureLine = (line, sink) => {
        const header = line.startsWith('_') ? TEST_HEADER.exec(line) : null;
        if (header) {
            captured = false;
            current = newReport(header[1].replace(ERROR_PREFIX, ''));
            return;
        }
        if (line.startsWith('-') && SUBSECTION.test(line)) {
            captured = true;
            return;
        }
        if (captured)
            return;
        const detail = line.startsWith('E') ? DETAIL.exec(line) : null;
        if (detail) {
            if (current && current.detail === undefined)
                current.detail = detail[1].trim();
            return;
        }
        const location = LOCATION.exec(line);
        if (!location || !hasExtension(location[1]))
            return;
        const lineNumber = positive(location[2]);
        if (lineNumber === undefined)
            return;
        // --tb=line prints one location line per failure, without a header.
        const report = current ?? newReport(undefined);
        if (!report)
            return;
        const printed = location[1];
        const normalised = sink.normalise(printed);
        if (report.locations.length < MAX_LOCATIONS &&
            !report.locations.some((known) => known.normalised === normalised))
            report.locations.push({ printed, normalised, line: lineNumber });
        const text = location[3]?.trim();
        if (text && !text.startsWith('in ')) {
            report.exception = text;
            if (!current)
                report.detail = text;
        }
    };
    const findReport = (id, testFile) => {
        const inFile = (report) => !report.used && report.locations.some((where) => where.normalised === testFile);
        const named = byName.get(headerName(id).slice(0, MAX_NAME));
        if (named)
            return named.find(inFile) ?? named.find((report) => !report.used);
        return reports.find((report) => report.name === undefined && inFile(report));
    };
    const onSummaryLine = (line, sink) => {
        const match = SUMMARY.exec(line);
        if (!match)
            return;
        const [, outcome, id, message] = match;
        const file = id.split('::')[0];
        const testFile = sink.normalise(file);
        const report = findReport(id, testFile);
        if (report)
            report.used = true;
        const where = report?.locations.find((known) => known.normalised === testFile) ?? report?.locations[0];
        sink.emit(makeFinding('pytest', {
            file: where?.printed ?? file,
            line: where?.line,
            message: message?.trim() ||
                report?.detail ||
                report?.exception ||
                (outcome === 'ERROR' ? 'test error' : 'test failed'),
            ruleId: id,
            severity: 'error',
        }));
    };
    return {
        tool: 'pytest',
        push(line, context) {
            const banner = line.startsWith('==') ? BANNER.exec(line) : null;
            if (banner) {
                onBanner(banner[1].trim(), context);
                return !context.claimed && section !== 'none';
            }
            if (section === 'none' || context.claimed)
                return false;
            if (section === 'failures')
                onFailureLine(line, context);
            else if (section === 'summary')
                onSummaryLine(line, context);
            return true;
        },
        finish(sink) {
            flushUnreported(sink);
        },
    };
};

;// CONCATENATED MODULE: ./src/engine/findings/tools/shellcheck.ts

/** `-f gcc`: `deploy.sh:3:8: warning: Double quote to prevent globbing ... [SC2086]`. */
const GCC = new RegExp(String.raw `^\s*(${PATH}):(\d+):(\d+): (error|warning|note): (.*?) \[(SC\d+)\]$`);
/** ShellCheck's gcc format. The script may have no extension (`scripts/deploy`). */
const shellcheckGcc = () => ({
    tool: 'shellcheck',
    push(line, context) {
        if (context.claimed || !line.includes('[SC'))
            return false;
        const match = GCC.exec(line);
        if (!match)
            return false;
        const [, file, lineText, column, severity, message, code] = match;
        context.emit(makeFinding('shellcheck', {
            file: file,
            line: positive(lineText),
            column: positive(column),
            message: message,
            ruleId: code,
            severity: severityOf(severity),
        }));
        return true;
    },
});
/** The default `tty` format: `In deploy.sh line 3:`, the source line, then markers ... */
const BLOCK = /^In (\S.*?) line (\d+):$/;
/** ... `     ^-- SC2086 (info): Double quote to prevent globbing and word splitting.` */
const MARKER = /^(\s*)\^[-^]*\s+(SC\d+)\s+\((error|warning|info|style)\):\s*(.*)$/;
/**
 * ShellCheck's default `tty` format. A block runs from its `In <file> line <n>:` line to the
 * next blank line; every line in it is taken (so the quoted script is never parsed as output),
 * and each marker is a finding whose column is the marker's position.
 */
const shellcheckTty = () => {
    let block;
    return {
        tool: 'shellcheck',
        push(line, context) {
            const start = line.startsWith('In ') ? BLOCK.exec(line) : null;
            if (start) {
                block = { file: start[1], line: positive(start[2]) };
                return !context.claimed;
            }
            if (!block)
                return false;
            if (line.trim() === '') {
                block = undefined;
                return false;
            }
            if (context.claimed)
                return false;
            const marker = MARKER.exec(line);
            if (marker) {
                const [, indent, code, severity, message] = marker;
                context.emit(makeFinding('shellcheck', {
                    file: block.file,
                    line: block.line,
                    column: indent.length + 1,
                    message: message,
                    ruleId: code,
                    severity: severityOf(severity),
                }));
            }
            return true;
        },
    };
};

;// CONCATENATED MODULE: ./src/engine/findings/tools/tsc.ts

const CATEGORY = '(error|warning|message|suggestion)';
/** `src/a.ts(12,5): error TS2322: Type 'x' is not assignable ...` (`--pretty false`). */
const PLAIN = new RegExp(String.raw `^\s*(${PATH})\((\d+),(\d+)\): ${CATEGORY} (TS\d+): (.*)$`);
/** `src/a.ts:12:5 - error TS2322: ...` (`--pretty`, the default on a terminal). */
const PRETTY = new RegExp(String.raw `^\s*(${PATH}):(\d+):(\d+) - ${CATEGORY} (TS\d+): (.*)$`);
/**
 * TypeScript's compiler (also vue-tsc, tsc -b). Only the first line of a message chain is
 * kept; the pretty form's code frames and "Found N errors" summary are not findings.
 */
const tsc = () => ({
    tool: 'tsc',
    push(line, context) {
        if (context.claimed || !line.includes('TS'))
            return false;
        const match = PLAIN.exec(line) ?? PRETTY.exec(line);
        if (!match)
            return false;
        const [, file, lineText, column, category, code, message] = match;
        context.emit(makeFinding('tsc', {
            file: file,
            line: positive(lineText),
            column: positive(column),
            message: message,
            ruleId: code,
            severity: severityOf(category),
        }));
        return true;
    },
});

;// CONCATENATED MODULE: ./src/engine/findings/registry.ts








/**
 * The tool parsers, in the order they look at a line. The first to recognise a line owns it;
 * the others still see it (with `claimed` set) to keep their state right. Parsers that take
 * whole blocks (pytest's sections, ShellCheck's tty blocks, ESLint's stylish report) come
 * first, then the one-line formats, and the generic `path:line: message` fallback last. Ruff
 * and flake8 print the same shape of line and split it between them (see `tools/ruff.ts`).
 */
const TOOL_PARSERS = [
    pytest,
    shellcheckTty,
    eslintStylish,
    tsc,
    eslintLine,
    shellcheckGcc,
    mypy,
    ruff,
    flake8,
    generic,
];
/** A fresh, stateful set of parsers for one gate's output. */
function createLineParsers(factories = TOOL_PARSERS) {
    return factories.map((factory) => factory());
}

;// CONCATENATED MODULE: ./src/engine/findings/types.ts
/** How many findings one gate keeps; the rest are counted, not stored. */
const MAX_FINDINGS_PER_GATE = 1000;

;// CONCATENATED MODULE: ./src/engine/findings/parser.ts




/**
 * Distinct findings remembered (as 53-bit hashes) for de-duplication. Past this many, new
 * findings are still counted but no longer de-duplicated against each other, so `total` can
 * overcount for outputs with more distinct findings than this.
 */
const DEDUPE_LIMIT = 250_000;
/** Two 32-bit FNV-1a hashes with different seeds, combined into one safe integer. */
function hashKey(key) {
    let a = 0x811c9dc5;
    let b = 0x01000193 ^ 0x5bd1e995;
    for (let i = 0; i < key.length; i++) {
        const code = key.charCodeAt(i);
        a = Math.imul(a ^ code, 0x01000193);
        b = Math.imul(b ^ code, 0x01000193) ^ (b >>> 15);
    }
    return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
}
function keyOf(finding) {
    return JSON.stringify([
        finding.tool,
        finding.file,
        finding.line,
        finding.column,
        finding.endLine,
        finding.endColumn,
        finding.message,
        finding.ruleId,
        finding.severity,
    ]);
}
/**
 * Turns a gate's output, fed line by line as it streams, into `file:line` findings (tsc,
 * ESLint, ruff, mypy, flake8, pytest, ShellCheck, and a generic `path:line: message`
 * fallback). State is bounded: lines are never stored, each line is looked at up to 4 KiB
 * (after colour codes are removed), and at most `max` findings are kept.
 */
class FindingParser {
    max;
    normalise;
    parsers = createLineParsers();
    findings = [];
    seen = new Set();
    total = 0;
    result;
    /** What the tool parsers see; `claimed` is set once one of them recognised the line. */
    context = {
        claimed: false,
        emit: (finding) => {
            // A parser must not emit for a line another one already recognised.
            if (!this.context.claimed)
                this.add(finding);
        },
        normalise: (printed) => this.normalise(printed),
    };
    sink = {
        emit: (finding) => this.add(finding),
        normalise: (printed) => this.normalise(printed),
    };
    constructor(options) {
        const max = options.max ?? MAX_FINDINGS_PER_GATE;
        this.max = Number.isFinite(max) ? Math.max(0, Math.floor(max)) : MAX_FINDINGS_PER_GATE;
        this.normalise = (0,paths/* createPathNormaliser */.a)(options.workspace, options.cwd);
    }
    /** One line of output, without its newline; may contain ANSI colour codes and CR. */
    push(line) {
        if (this.result)
            return;
        if (line.includes('\n')) {
            // Tolerate a caller that passes several lines at once.
            for (const part of line.split('\n'))
                this.push(part);
            return;
        }
        const text = cleanLine(line);
        const context = this.context;
        context.claimed = false;
        for (const parser of this.parsers) {
            if (parser.push(text, context))
                context.claimed = true;
        }
        context.claimed = false;
    }
    /** Call once at the end; returns the findings (at most max) */
    finish() {
        if (!this.result) {
            for (const parser of this.parsers)
                parser.finish?.(this.sink);
            this.result = { findings: this.findings, total: this.total };
        }
        return { findings: [...this.result.findings], total: this.result.total };
    }
    add(finding) {
        const file = this.normalise(finding.file);
        const normalised = file === finding.file ? finding : { ...finding, file };
        const hash = hashKey(keyOf(normalised));
        if (this.seen.has(hash))
            return;
        if (this.seen.size < DEDUPE_LIMIT)
            this.seen.add(hash);
        this.total++;
        if (this.findings.length < this.max)
            this.findings.push(normalised);
    }
}
/** Parses a whole output at once (split on newlines); for tests and small outputs. */
function parseFindings(output, options) {
    const parser = new FindingParser(options);
    for (const line of output.split('\n'))
        parser.push(line);
    return parser.finish();
}

// EXTERNAL MODULE: ./src/engine/findings/resolve.ts
var resolve = __webpack_require__(6413);
// EXTERNAL MODULE: ./src/engine/plan-result.ts
var plan_result = __webpack_require__(2365);
;// CONCATENATED MODULE: ./src/engine/run/execute-gate.ts









/**
 * How long a runner that ignores its aborted signal is waited for, past its kill grace:
 * a built-in check doing slow work in-process cannot be killed, only left behind.
 */
const ABANDON_AFTER_MS = 1000;
function gateEnv(gate, base) {
    return {
        ...base,
        ...gate.env,
        RELEASE_GATES_GATE_ID: gate.id,
        RELEASE_GATES_STAGE: gate.stage,
        RELEASE_GATES_PRIORITY: gate.priority,
    };
}
/** Runs a gate to its end; never throws. `signal` is the run's (cancel, policy abort). */
async function executeGate(planned, signal, deps) {
    const { gate } = planned;
    const startedAt = deps.now();
    const cwd = external_node_path_default().resolve(deps.workspace, gate.workingDirectory);
    const runner = deps.runners[gate.kind];
    const parser = runner?.parsesOutput
        ? new FindingParser({ workspace: deps.workspace, cwd })
        : undefined;
    const log = new GateLog(external_node_path_default().join(deps.logDir, `${gate.id}.log`), () => deps.redaction.stream(), parser ? (line) => parser.push(line) : undefined);
    const history = [];
    let last;
    let detail;
    let stoppedAs;
    const fail = (why) => {
        detail = why;
        log.note(`release-gates: ${why}`);
    };
    if (!runner) {
        fail(`${gate.kind} gates are not available in this version of release-gates`);
    }
    else if (runner.needsWorkingDirectory && !(await directoryExists(cwd))) {
        fail(`working-directory ${gate.workingDirectory} does not exist (${cwd})`);
    }
    else {
        const env = gateEnv(gate, deps.env);
        const maxAttempts = gate.retries + 1;
        for (let attempt = 1; attempt <= maxAttempts; attempt++) {
            if (attempt > 1) {
                deps.emit({ type: 'gate-retry', id: gate.id, attempt, previous: history.at(-1) });
                log.startAttempt();
                log.note(`release-gates: attempt ${attempt} of ${maxAttempts}`);
            }
            deps.emit({ type: 'gate-start', id: gate.id, name: gate.name, stage: gate.stage, attempt });
            const started = deps.now();
            const deadline = startDeadline(signal, gate.timeoutMs);
            try {
                last = await untilSettledOrAbandoned(runner.run(gate, {
                    workspace: deps.workspace,
                    cwd,
                    env,
                    spawn: deps.spawn,
                    now: deps.now,
                    signal: deadline.signal,
                    killGraceMs: deps.killGraceMs,
                    log,
                }), deadline.signal, deps.killGraceMs + ABANDON_AFTER_MS);
            }
            catch (error) {
                // A runner bug must not lose the run: the gate fails and says why.
                last = { passed: false, exitCode: null, final: true };
                fail(`internal error: ${error instanceof Error ? error.message : String(error)}`);
            }
            finally {
                deadline.dispose();
            }
            stoppedAs = deadline.cause;
            const record = {
                attempt,
                status: stoppedAs ?? (last?.passed ? 'passed' : 'failed'),
                exitCode: last?.exitCode ?? null,
                durationMs: deps.now() - started,
            };
            history.push(record);
            if (stoppedAs === 'timed-out') {
                detail = `timed out after ${formatTimeout(gate.timeoutMs)}${runner.timeoutWording ? ` ${runner.timeoutWording}` : ''}`;
                log.note(`release-gates: ${detail}${runner.stopNote ? `; ${runner.stopNote}` : ''}`);
            }
            else if (stoppedAs === 'cancelled') {
                detail = typeof signal.reason === 'string' ? signal.reason : undefined;
            }
            else if (last && !last.passed && last.detail !== undefined) {
                detail = last.detail;
            }
            else if (last?.passed) {
                detail = undefined;
            }
            // Passed, cancelled, or a failure another attempt cannot mend: no more attempts.
            if (record.status === 'passed' || stoppedAs === 'cancelled' || last?.final)
                break;
        }
    }
    await log.close();
    const finishedAt = deps.now();
    const tail = log.readTail();
    const lastRecord = history.at(-1);
    const status = lastRecord?.status ?? 'failed';
    const result = {
        ...(0,plan_result/* identity */.D_)(planned),
        status,
        exitCode: lastRecord?.exitCode ?? null,
        durationMs: finishedAt - startedAt,
        attempts: Math.max(history.length, 1),
        attemptHistory: history,
        startedAt: new Date(startedAt).toISOString(),
        finishedAt: new Date(finishedAt).toISOString(),
        tail: tail.text,
        tailTruncated: tail.truncated,
        logPath: log.path,
    };
    if (status === 'cancelled')
        result.reason = 'cancelled';
    if (detail !== undefined)
        result.detail = detail;
    if (log.writeError) {
        const code = log.writeError.code ?? log.writeError.message;
        result.logError = `the log file is incomplete (${code})`;
    }
    if (last?.probe)
        result.probe = last.probe;
    const found = collectFindings(last?.findings, parser);
    if (found.total > 0) {
        result.findings = (0,resolve/* resolveFindings */.zp)(found.findings, {
            action: planned.action,
            gateFailed: (0,policy/* isFailure */.N6)(status),
            workspace: deps.workspace,
            repositoryRoot: deps.repositoryRoot,
        });
        result.findingCount = found.total;
    }
    // Everything the engine emits is masked here, once: reporters and adapters never see a secret.
    return deps.redaction.value(result);
}
function collectFindings(reported, parser) {
    if (reported && reported.length > 0) {
        return { findings: reported.slice(0, MAX_FINDINGS_PER_GATE), total: reported.length };
    }
    if (parser)
        return parser.finish();
    return { findings: [], total: 0 };
}
/**
 * The runner's outcome, or, when it has not settled `graceMs` after `signal` aborted, an
 * outcome that gives up on it: the gate must end by its deadline whatever the runner does.
 */
function untilSettledOrAbandoned(work, signal, graceMs) {
    let timer;
    let onAbort;
    const abandoned = new Promise((resolve) => {
        onAbort = () => {
            // Final: a runner still at work must not run beside a retry of itself.
            timer = setTimeout(() => resolve({ passed: false, exitCode: null, final: true }), graceMs);
        };
        if (signal.aborted)
            onAbort();
        else
            signal.addEventListener('abort', onAbort, { once: true });
    });
    return Promise.race([work, abandoned]).finally(() => {
        clearTimeout(timer);
        if (onAbort)
            signal.removeEventListener('abort', onAbort);
    });
}

;// CONCATENATED MODULE: ./src/engine/run/run-result.ts

/** The run's result from what happened: the verdict and its summary fields are derived here. */
function buildRunResult(plan, facts) {
    const failed = facts.gates.filter((g) => (0,policy/* isFailure */.N6)(g.status));
    const result = {
        verdict: (0,policy/* computeVerdict */.zG)(facts.gates, facts.cancelled),
        mode: plan.mode,
        configFile: plan.config.file,
        event: plan.event,
        policy: plan.config.policy,
        concurrency: plan.concurrency,
        startedAt: new Date(facts.startedAt).toISOString(),
        finishedAt: new Date(facts.finishedAt).toISOString(),
        durationMs: facts.finishedAt - facts.startedAt,
        cancelled: facts.cancelled,
        gates: facts.gates,
        hooks: facts.hooks,
        failedGates: failed.map((g) => g.id),
    };
    if (plan.branch !== undefined)
        result.branch = plan.branch;
    if (facts.stoppedBy)
        result.stoppedBy = facts.stoppedBy;
    const highest = (0,policy/* highestPriority */.TK)(failed.map((g) => g.priority));
    if (highest)
        result.highestFailedPriority = highest;
    return result;
}

;// CONCATENATED MODULE: ./src/engine/run/scheduler.ts


async function runStages(plan, deps) {
    const results = new Map();
    let stop; // nothing more starts
    let blockAfterStage; // the current stage finishes, later ones are skipped
    let stoppedBy;
    const running = new Map();
    const cancelRun = () => {
        const why = deps.signal?.reason;
        const detail = typeof why === 'string' ? `run cancelled (${why})` : 'run cancelled';
        stop ??= { reason: 'cancelled', detail };
        for (const controller of running.values())
            controller.abort(detail);
    };
    if (deps.signal?.aborted)
        cancelRun();
    deps.signal?.addEventListener('abort', cancelRun, { once: true });
    const finished = (result) => {
        results.set(result.id, result);
        deps.emit({ type: 'gate-end', gate: result });
    };
    const runGate = async (planned) => {
        const { gate } = planned;
        const controller = new AbortController();
        running.set(gate.id, controller);
        let result;
        try {
            result = await deps.execute(planned, controller.signal);
        }
        finally {
            running.delete(gate.id);
        }
        finished(result);
        if (!(0,policy/* isFailure */.N6)(result.status) || stop)
            return;
        const trigger = `${gate.priority} gate ${gate.id} ${result.status}`;
        if (planned.action === 'abort') {
            stoppedBy = { id: gate.id, priority: gate.priority, action: 'abort' };
            stop = { reason: 'policy', detail: `${trigger}; policy abort stopped the run` };
            for (const other of running.values()) {
                other.abort(`cancelled: ${trigger}; policy abort stopped the run`);
            }
        }
        else if (planned.action === 'block' && !blockAfterStage) {
            stoppedBy ??= { id: gate.id, priority: gate.priority, action: 'block' };
            blockAfterStage = { reason: 'policy', detail: `${trigger}; policy block skips later stages` };
        }
    };
    const skipGate = (planned, why) => {
        const result = (0,plan_result/* idleResult */.Kh)(planned, 'skipped');
        result.reason = why.reason;
        result.detail = why.detail;
        finished(deps.mask(result));
    };
    for (const { stage, gates } of plan.stages) {
        if (gates.length === 0)
            continue;
        const halted = stop ?? blockAfterStage;
        if (halted) {
            gates.forEach((planned) => skipGate(planned, planned.skip ?? halted));
            continue;
        }
        deps.emit({ type: 'stage-start', stage, gates: gates.map((g) => g.gate.id) });
        // Concurrency bounds processes; http probes are only I/O and never wait for a slot.
        const processes = new Set();
        const probes = new Set();
        for (const planned of gates) {
            if (planned.skip) {
                skipGate(planned, planned.skip);
                continue;
            }
            const pool = planned.gate.kind === 'http' ? probes : processes;
            if (pool === processes) {
                while (processes.size >= plan.concurrency && !stop)
                    await Promise.race(processes);
            }
            if (stop) {
                skipGate(planned, stop);
                continue;
            }
            const task = runGate(planned).finally(() => pool.delete(task));
            pool.add(task);
        }
        await Promise.all([...processes, ...probes]);
        deps.emit({ type: 'stage-end', stage });
    }
    deps.signal?.removeEventListener('abort', cancelRun);
    const ordered = plan.stages.flatMap((s) => s.gates.map((g) => results.get(g.gate.id)));
    return stoppedBy ? { gates: ordered, stoppedBy } : { gates: ordered };
}

// EXTERNAL MODULE: external "node:timers/promises"
var external_node_timers_promises_ = __webpack_require__(8500);
;// CONCATENATED MODULE: ./src/engine/interpolate.ts
/** `${NAME}` references, as http probes and their expectations use them. */
const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
class MissingVariableError extends Error {
    variable;
    field;
    constructor(variable, field) {
        super(`${field}: \${${variable}} is not set in the environment`);
        this.variable = variable;
        this.field = field;
        this.name = 'MissingVariableError';
    }
}
/** Replaces every `${NAME}` from `env`; an unset name throws, naming the field. */
function interpolate(text, env, field) {
    return text.replace(REFERENCE, (_, name) => {
        const value = env[name];
        if (value === undefined)
            throw new MissingVariableError(name, field);
        return value;
    });
}

;// CONCATENATED MODULE: ./src/engine/runners/http-request.ts
/** How much of a response body a probe reads; the rest is never downloaded. */
const MAX_BODY_BYTES = 1024 * 1024;
class RequestFailure extends Error {
    failure;
    constructor(failure, message) {
        super(message);
        this.failure = failure;
    }
}
const TLS_CODES = new Set([
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'CERT_HAS_EXPIRED',
    'CERT_NOT_YET_VALID',
    'ERR_TLS_CERT_ALTNAME_INVALID',
    'ERR_SSL_WRONG_VERSION_NUMBER',
    'EPROTO',
]);
function classifyError(error) {
    const code = error.code ?? '';
    if (code === 'ECONNREFUSED' || code === 'ECONNRESET')
        return 'refused';
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME')
        return 'dns';
    if (TLS_CODES.has(code) || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL'))
        return 'tls';
    if (code === 'ETIMEDOUT' || error.name === 'TimeoutError' || code === 'ABORT_ERR')
        return 'timeout';
    return 'error';
}
/**
 * One request with node:http(s) rather than fetch: fetch cannot skip TLS verification for
 * one request, and this lets the body read stop at MAX_BODY_BYTES.
 */
async function httpRequest(options) {
    const { url } = options;
    // Loaded on first use: TLS costs start-up time that runs without probes never need.
    const transport = url.protocol === 'https:'
        ? (await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 4708, 23))).default
        : (await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 7067, 23))).default;
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = AbortSignal.any([options.signal, timeout]);
    return new Promise((resolve, reject) => {
        const request = transport.request(url, {
            method: options.method,
            headers: options.headers,
            signal,
            agent: false,
            ...(url.protocol === 'https:' ? { rejectUnauthorized: !options.insecureTls } : {}),
            ...(options.lookup ? { lookup: options.lookup } : {}),
        }, (response) => {
            const chunks = [];
            let size = 0;
            let truncated = false;
            const finish = () => resolve({
                status: response.statusCode ?? 0,
                headers: response.headers,
                body: Buffer.concat(chunks, size),
                truncated,
            });
            response.on('data', (chunk) => {
                if (truncated)
                    return;
                const room = MAX_BODY_BYTES - size;
                if (chunk.length > room) {
                    chunks.push(chunk.subarray(0, room));
                    size += room;
                    truncated = true;
                    response.destroy();
                    finish();
                    return;
                }
                chunks.push(chunk);
                size += chunk.length;
            });
            response.on('end', finish);
            response.on('error', (error) => {
                if (truncated)
                    return;
                reject(failureFrom(error, timeout, options.timeoutMs));
            });
        });
        request.on('error', (error) => reject(failureFrom(error, timeout, options.timeoutMs)));
        if (options.body !== undefined)
            request.write(options.body);
        request.end();
    });
}
function failureFrom(error, timeout, timeoutMs) {
    if (timeout.aborted)
        return new RequestFailure('timeout', `no response within ${timeoutMs} ms`);
    const failure = classifyError(error);
    const code = error.code ? `${error.code}: ` : '';
    return new RequestFailure(failure, `${code}${error.message}`);
}

;// CONCATENATED MODULE: ./src/engine/runners/http-probe.ts



const PROBE_DEFAULTS = {
    method: 'GET',
    timeoutSeconds: 5,
    intervalSeconds: 5,
    attempts: 12,
    successThreshold: 1,
    initialDelaySeconds: 0,
    maxRedirects: 5,
};
function resolveProbe(probe, env) {
    const text = (value, field) => interpolate(value, env, `http.${field}`);
    const urlText = text(probe.url, 'url');
    let url;
    try {
        url = new URL(urlText);
    }
    catch {
        throw new Error(`http.url: expected a URL, got ${JSON.stringify(urlText)}`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new Error(`http.url: expected an http or https URL, got ${url.protocol}`);
    }
    const headers = {};
    for (const [name, value] of Object.entries(probe.headers ?? {})) {
        headers[name] = text(value, `headers.${name}`);
    }
    const expect = probe.expect ?? {};
    const resolved = {
        url,
        urlText,
        method: probe.method ?? PROBE_DEFAULTS.method,
        headers,
        timeoutMs: (probe['timeout-seconds'] ?? PROBE_DEFAULTS.timeoutSeconds) * 1000,
        intervalMs: (probe['interval-seconds'] ?? PROBE_DEFAULTS.intervalSeconds) * 1000,
        attempts: probe.attempts ?? PROBE_DEFAULTS.attempts,
        successThreshold: probe['success-threshold'] ?? PROBE_DEFAULTS.successThreshold,
        initialDelayMs: (probe['initial-delay-seconds'] ?? PROBE_DEFAULTS.initialDelaySeconds) * 1000,
        followRedirects: probe['follow-redirects'] ?? false,
        insecureTls: probe['insecure-tls'] ?? false,
    };
    if (probe.body !== undefined)
        resolved.body = text(probe.body, 'body');
    if (expect.status)
        resolved.status = expect.status;
    if (expect['body-contains'] !== undefined) {
        resolved.bodyContains = text(expect['body-contains'], 'expect.body-contains');
    }
    if (expect.json) {
        resolved.json = {};
        for (const [path, value] of Object.entries(expect.json)) {
            resolved.json[path] = text(String(value), `expect.json.${path}`);
        }
    }
    if (expect['max-latency-ms'] !== undefined)
        resolved.maxLatencyMs = expect['max-latency-ms'];
    return resolved;
}
/** Reads a dotted path (`checks.db.status`, `items.0.id`) out of parsed JSON. */
function readJsonPath(value, path) {
    let current = value;
    for (const key of path.split('.')) {
        if (current === null || typeof current !== 'object')
            return undefined;
        current = current[key];
    }
    return current;
}
function describeJson(value) {
    if (value === undefined)
        return 'nothing';
    return typeof value === 'string'
        ? JSON.stringify(value)
        : (JSON.stringify(value) ?? String(value));
}
/** How much of a response body a failure message quotes. */
const BODY_SNIPPET_BYTES = 1024;
/**
 * The start of a response body on one line: an unhealthy service usually says why there.
 * It is not shortened further here: the engine masks secrets in it first, and the reports
 * shorten it for display, so a secret is never cut where masking could not recognise it.
 */
function bodySnippet(response) {
    const text = response.body
        .subarray(0, BODY_SNIPPET_BYTES)
        .toString('utf8')
        .replace(/\s+/g, ' ')
        .trim();
    return text === '' ? '' : `: ${text}`;
}
/** Checks a response against the expectations; returns why it fails, or undefined. */
function judgeResponse(probe, response, latencyMs) {
    const okStatus = probe.status
        ? probe.status.includes(response.status)
        : response.status >= 200 && response.status < 300;
    if (!okStatus) {
        const expected = probe.status ? probe.status.join(', ') : 'any 2xx';
        const location = response.headers.location;
        const redirect = response.status >= 300 && response.status < 400 && location
            ? ` (redirect to ${location} not followed)`
            : '';
        return {
            failure: 'status',
            message: `expected status ${expected}, got ${response.status}${redirect}${bodySnippet(response)}`,
        };
    }
    if (probe.bodyContains !== undefined) {
        if (!response.body.toString('utf8').includes(probe.bodyContains)) {
            return {
                failure: 'body',
                message: `body does not contain ${JSON.stringify(probe.bodyContains)}${response.truncated ? ' (first 1 MiB read)' : ''}`,
            };
        }
    }
    if (probe.json) {
        if (response.truncated) {
            return { failure: 'json', message: 'body is larger than 1 MiB; JSON not checked' };
        }
        let parsed;
        try {
            parsed = JSON.parse(response.body.toString('utf8'));
        }
        catch {
            return { failure: 'json', message: 'body is not JSON' };
        }
        for (const [path, expected] of Object.entries(probe.json)) {
            const actual = readJsonPath(parsed, path);
            const actualText = actual === undefined || actual === null || typeof actual === 'object'
                ? undefined
                : String(actual);
            if (actualText !== expected) {
                return {
                    failure: 'json',
                    message: `${path}: expected ${JSON.stringify(expected)}, got ${describeJson(actual)}`,
                };
            }
        }
    }
    if (probe.maxLatencyMs !== undefined && latencyMs > probe.maxLatencyMs) {
        return {
            failure: 'latency',
            message: `took ${Math.round(latencyMs)} ms, over max-latency-ms ${probe.maxLatencyMs}`,
        };
    }
    return undefined;
}
/** Sends one request, following redirects only when asked to. */
async function sendOnce(probe, signal, deps) {
    let url = probe.url;
    let headers = probe.headers;
    for (let hop = 0;; hop++) {
        const response = await httpRequest({
            url,
            method: probe.method,
            headers,
            ...(probe.body !== undefined ? { body: probe.body } : {}),
            timeoutMs: probe.timeoutMs,
            insecureTls: probe.insecureTls,
            signal,
            ...(deps.lookup ? { lookup: deps.lookup } : {}),
        });
        const location = response.headers.location;
        const redirect = response.status >= 300 && response.status < 400 && location;
        if (!probe.followRedirects || !redirect || hop >= PROBE_DEFAULTS.maxRedirects)
            return response;
        const next = new URL(location, url);
        // No header the config set follows a redirect to another origin: any of them may carry
        // a secret (X-Api-Key, a custom token header), not only Authorization and Cookie.
        if (next.origin !== url.origin)
            headers = {};
        url = next;
    }
}
/**
 * An `http:` gate: polls until `success-threshold` consecutive successes or out of attempts.
 * The gate's deadline and a cancel arrive through the context's signal.
 */
function createHttpProbeRunner(deps = {}) {
    return {
        run: (gate, ctx) => probe(gate, ctx, deps),
        needsWorkingDirectory: false,
        parsesOutput: false,
        timeoutWording: 'of probing',
    };
}
async function probe(gate, ctx, deps) {
    let resolved;
    try {
        resolved = resolveProbe(gate.http, ctx.env);
    }
    catch (error) {
        const detail = `gate ${gate.id}: ${error.message}`;
        ctx.log.note(`release-gates: ${detail}`);
        return { passed: false, exitCode: null, detail, final: true };
    }
    // Reports show the URL as written: its encoded form could hide a secret from masking.
    const record = { url: resolved.urlText, method: resolved.method, attempts: [] };
    ctx.log.note(`release-gates: probing ${resolved.method} ${record.url} (up to ${resolved.attempts} attempts, every ${resolved.intervalMs / 1000} s, ${resolved.successThreshold} consecutive success(es) needed)`);
    const { signal } = ctx;
    const finish = (passed, detail) => {
        const outcome = { passed, exitCode: null, probe: record };
        if (detail !== undefined)
            outcome.detail = detail;
        return outcome;
    };
    // Stopped by the deadline or a cancel: the gate execution says which.
    const stopped = () => finish(false);
    try {
        if (resolved.initialDelayMs > 0)
            await (0,external_node_timers_promises_.setTimeout)(resolved.initialDelayMs, undefined, { signal });
    }
    catch {
        return stopped();
    }
    let consecutive = 0;
    let lastFailure;
    for (let attempt = 1; attempt <= resolved.attempts; attempt++) {
        if (signal.aborted)
            return stopped();
        const sent = ctx.now();
        const entry = {
            attempt,
            at: new Date(sent).toISOString(),
            status: null,
            latencyMs: 0,
            ok: false,
        };
        try {
            const response = await sendOnce(resolved, signal, deps);
            entry.latencyMs = ctx.now() - sent;
            entry.status = response.status;
            const verdict = judgeResponse(resolved, response, entry.latencyMs);
            if (verdict) {
                entry.failure = verdict.failure;
                entry.message = verdict.message;
            }
            else
                entry.ok = true;
        }
        catch (error) {
            entry.latencyMs = ctx.now() - sent;
            // A cancel, a policy abort or the gate's own timeout stopped this request: it says
            // nothing about the service, so it is not recorded as an attempt.
            if (signal.aborted)
                return stopped();
            entry.failure = error instanceof RequestFailure ? error.failure : 'error';
            entry.message = error.message;
        }
        record.attempts.push(entry);
        ctx.log.note(`attempt ${attempt}/${resolved.attempts}: ${entry.status ?? '-'} in ${Math.round(entry.latencyMs)} ms` +
            (entry.ok ? ' ok' : ` ${entry.failure}: ${entry.message}`));
        if (entry.ok) {
            consecutive++;
            if (consecutive >= resolved.successThreshold)
                return finish(true);
        }
        else {
            consecutive = 0;
            lastFailure = entry;
        }
        if (attempt < resolved.attempts && resolved.intervalMs > 0) {
            try {
                await (0,external_node_timers_promises_.setTimeout)(resolved.intervalMs, undefined, { signal });
            }
            catch {
                return stopped();
            }
        }
    }
    const why = consecutive > 0 || !lastFailure
        ? `only ${consecutive} consecutive success(es) at the end, ${resolved.successThreshold} needed`
        : `${lastFailure.failure}: ${lastFailure.message}`;
    return finish(false, `${resolved.method} ${record.url} failed after ${resolved.attempts} attempt(s); last ${why}`);
}

;// CONCATENATED MODULE: ./src/engine/runners/shell-gate.ts

/** One attempt of a `run:` gate: the command in its shell, in its own process group. */
async function runShellAttempt(gate, ctx) {
    const outcome = await runCommand({
        argv: [...gate.shell, gate.run],
        cwd: ctx.cwd,
        env: ctx.env,
        signal: ctx.signal,
        spawn: ctx.spawn,
        log: ctx.log,
        killGraceMs: ctx.killGraceMs,
    });
    switch (outcome.kind) {
        case 'exited': {
            if (outcome.code === 0)
                return { passed: true, exitCode: 0 };
            const detail = outcome.code === null
                ? `killed by ${outcome.signal ?? 'a signal'}`
                : `exited with code ${outcome.code}`;
            return { passed: false, exitCode: outcome.code, detail };
        }
        case 'stopped':
            return { passed: false, exitCode: null };
        case 'not-started':
            ctx.log.note(`release-gates: ${outcome.message}`);
            return { passed: false, exitCode: null, detail: outcome.message, final: true };
    }
}
const shellGateRunner = {
    run: runShellAttempt,
    needsWorkingDirectory: true,
    parsesOutput: true,
    stopNote: "the gate's process group was killed",
};

;// CONCATENATED MODULE: ./src/engine/runners/uses-gate.ts

/**
 * A `uses:` gate: runs a built-in check in-process. The options were validated when the
 * config was loaded; they are parsed again here only to apply the schema's defaults. A check
 * that is an http probe (health) is handed to the probe runner.
 */
function createUsesRunner(checks, httpProbe) {
    const fail = (ctx, detail) => {
        ctx.log.note(`release-gates: ${detail}`);
        return { passed: false, exitCode: null, detail, final: true };
    };
    return {
        // A check that is a probe needs no directory, like an http: gate; the others check it.
        needsWorkingDirectory: false,
        parsesOutput: false,
        async run(gate, ctx) {
            const check = checks.find(gate.uses);
            if (!check)
                return fail(ctx, `unknown check ${gate.uses}`);
            const parsed = check.options.safeParse(gate.with ?? {});
            if (!parsed.success)
                return fail(ctx, `invalid options for check ${check.id}`);
            if (check.asHttpProbe) {
                return httpProbe.run({ ...gate, kind: 'http', http: check.asHttpProbe(parsed.data) }, ctx);
            }
            if (!(await directoryExists(ctx.cwd))) {
                return fail(ctx, `working-directory ${gate.workingDirectory} does not exist (${ctx.cwd})`);
            }
            let result;
            try {
                result = await check.run(parsed.data, {
                    workspace: ctx.workspace,
                    cwd: ctx.cwd,
                    env: ctx.env,
                    spawn: ctx.spawn,
                    signal: ctx.signal,
                    now: ctx.now,
                    log: (line) => ctx.log.note(line),
                });
            }
            catch (error) {
                return fail(ctx, `check ${check.id} crashed: ${error.message}`);
            }
            for (const finding of result.findings) {
                const where = `${finding.file}:${finding.line}${finding.column ? `:${finding.column}` : ''}`;
                ctx.log.note(`${where}: ${finding.severity ?? 'error'}: ${finding.message}${finding.ruleId ? ` [${finding.ruleId}]` : ''}`);
            }
            ctx.log.note(`${check.id}: ${result.summary}`);
            const outcome = {
                passed: result.passed,
                exitCode: result.passed ? 0 : 1,
                findings: result.findings,
            };
            if (!result.passed)
                outcome.detail = result.summary;
            return outcome;
        },
    };
}

;// CONCATENATED MODULE: ./src/engine/pipeline.ts










const DEFAULT_KILL_GRACE_MS = 2000;
/**
 * After a cancel (during a stage or the hooks), rollback and cleanup share this much time from
 * then on, so the process exits well within the runner's 7.5 s.
 */
const CANCELLED_HOOK_BUDGET_MS = 2200;
const ROLLBACK_STAGES = new Set(['deploy', 'health']);
/**
 * Runs a plan to its end and returns the result. Never throws for a gate's failure. Every
 * event and the result are masked before they leave: one redactor, applied here.
 */
async function runPipeline(plan, deps) {
    const started = deps.now();
    const redaction = (0,redact/* createRedaction */.Eg)(deps.secrets ?? []);
    const emit = deps.onEvent
        ? (event) => deps.onEvent(redaction.value(event))
        : () => { };
    const httpProbe = createHttpProbeRunner(deps.lookup ? { lookup: deps.lookup } : {});
    const runners = {
        run: shellGateRunner,
        http: httpProbe,
        uses: createUsesRunner(deps.checks, httpProbe),
        ...deps.runners,
    };
    const killGraceMs = deps.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
    await (0,promises_.mkdir)(deps.logDir, { recursive: true });
    const executionDeps = {
        workspace: deps.workspace,
        repositoryRoot: deps.repositoryRoot ?? deps.workspace,
        env: deps.env,
        spawn: deps.spawn,
        now: deps.now,
        logDir: deps.logDir,
        killGraceMs,
        runners,
        redaction,
        emit,
    };
    const { gates, stoppedBy } = await runStages(plan, {
        execute: (planned, signal) => executeGate(planned, signal, executionDeps),
        mask: redaction.value,
        emit,
        ...(deps.signal ? { signal: deps.signal } : {}),
    });
    const failed = gates.filter((g) => (0,policy/* isFailure */.N6)(g.status));
    const budget = deps.signal
        ? hookBudget(deps.signal, deps.now, CANCELLED_HOOK_BUDGET_MS)
        : undefined;
    const hookDeps = {
        workspace: deps.workspace,
        env: deps.env,
        spawn: deps.spawn,
        now: deps.now,
        logDir: deps.logDir,
        killGraceMs,
        // A cancel before or during the hooks: they share CANCELLED_HOOK_BUDGET_MS from then on.
        ...(budget ? { budget } : {}),
        onHookEnd: (hook) => emit({ type: 'hook-end', hook }),
        redaction,
    };
    const hooks = [];
    const failedDeploys = failed.filter((g) => ROLLBACK_STAGES.has(g.stage)).map((g) => g.id);
    if (failedDeploys.length > 0 && plan.config.rollback.length > 0) {
        const env = { RELEASE_GATES_FAILED: failedDeploys.join(',') };
        hooks.push(...(await runHooks('rollback', plan.config.rollback, env, hookDeps)));
    }
    if (plan.config.cleanup.length > 0) {
        const env = { RELEASE_GATES_FAILED: failed.map((g) => g.id).join(',') };
        hooks.push(...(await runHooks('cleanup', plan.config.cleanup, env, hookDeps)));
    }
    budget?.dispose();
    // A cancel during rollback or cleanup cancels the run as much as one during a stage.
    const cancelled = deps.signal?.aborted ?? false;
    const result = redaction.value(buildRunResult(plan, {
        startedAt: started,
        finishedAt: deps.now(),
        cancelled,
        gates,
        hooks,
        ...(stoppedBy ? { stoppedBy } : {}),
    }));
    emit({ type: 'run-end', result });
    return result;
}


/***/ })

};
