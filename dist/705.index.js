export const id = 705;
export const ids = [705];
export const modules = {

/***/ 4705:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  publishToGitHub: () => (/* binding */ publishToGitHub)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/engine/index.ts + 63 modules
var engine = __webpack_require__(8647);
// EXTERNAL MODULE: ./src/engine/findings/resolve.ts
var resolve = __webpack_require__(6413);
// EXTERNAL MODULE: ./src/reporters/insights.ts
var insights = __webpack_require__(1405);
// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./src/action/github/context.ts

/** Events whose payload carries the pull request a sticky comment belongs to. */
const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_target'];
function readPayload(eventPath) {
    if (!eventPath)
        return undefined;
    try {
        const parsed = JSON.parse((0,external_node_fs_.readFileSync)(eventPath, 'utf8'));
        return parsed !== null && typeof parsed === 'object' ? parsed : {};
    }
    catch {
        return undefined;
    }
}
function isPullRequestEvent(eventName) {
    return PULL_REQUEST_EVENTS.includes(eventName);
}
/** Reads the target; throws an Error with a sentence a user can act on when it cannot. */
function readTarget(env) {
    const [owner, repo, ...rest] = (env.GITHUB_REPOSITORY ?? '').split('/');
    if (!owner || !repo || rest.length > 0) {
        throw new Error(`GITHUB_REPOSITORY is ${JSON.stringify(env.GITHUB_REPOSITORY ?? '')}, expected owner/name`);
    }
    const eventName = env.GITHUB_EVENT_NAME ?? '';
    const target = {
        apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
        owner,
        repo,
        eventName,
    };
    if (env.GITHUB_SHA)
        target.headSha = env.GITHUB_SHA;
    if (isPullRequestEvent(eventName)) {
        const pr = readPayload(env.GITHUB_EVENT_PATH)?.pull_request;
        if (typeof pr?.number === 'number' && Number.isInteger(pr.number) && pr.number > 0) {
            target.pullNumber = pr.number;
        }
        // On PR events GITHUB_SHA is the merge (or base) commit; the PR shows checks of its head.
        if (typeof pr?.head?.sha === 'string' && /^[0-9a-f]{40,64}$/i.test(pr.head.sha)) {
            target.headSha = pr.head.sha;
        }
    }
    const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
    if (env.GITHUB_RUN_ID && /^\d+$/.test(env.GITHUB_RUN_ID)) {
        target.runUrl = `${server}/${owner}/${repo}/actions/runs/${env.GITHUB_RUN_ID}`;
    }
    return target;
}

;// CONCATENATED MODULE: ./src/action/github/client.ts


const MAX_RETRIES = 3;
const MAX_TOTAL_WAIT_MS = 5_000;
const REQUEST_TIMEOUT_MS = 20_000;
/** 50 pages of 100: twice the 2,500 comments GitHub allows on an issue or pull request. */
const MAX_PAGES = 50;
const PAGES_TIME_LIMIT_MS = 60_000;
const defaultSleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
function asErrorLike(error) {
    return error !== null && typeof error === 'object' ? error : {};
}
function header(error, name) {
    const value = asErrorLike(error).response?.headers?.[name];
    return value === undefined ? undefined : String(value);
}
/** The HTTP status GitHub answered, or undefined when no answer came at all. */
function httpStatus(error) {
    const { status, response } = asErrorLike(error);
    return response && typeof status === 'number' ? status : undefined;
}
/** A primary or secondary rate limit, as GitHub documents them. */
function isRateLimited(error) {
    const status = httpStatus(error);
    if (status === 429)
        return true;
    return (status === 403 &&
        (header(error, 'x-ratelimit-remaining') === '0' || header(error, 'retry-after') !== undefined));
}
/**
 * How long GitHub asks us to wait before the next attempt, in ms; undefined when the error
 * is not one to retry. retry-after wins, then x-ratelimit-reset, then 1 s, 2 s, 4 s.
 */
function retryDelayMs(error, attempt, now) {
    if (!isRateLimited(error))
        return undefined;
    const retryAfter = header(error, 'retry-after')?.trim();
    if (retryAfter) {
        const seconds = Number(retryAfter);
        if (Number.isFinite(seconds))
            return Math.max(0, Math.ceil(seconds * 1000));
        const at = Date.parse(retryAfter);
        if (Number.isFinite(at))
            return Math.max(0, at - now());
    }
    const reset = Number(header(error, 'x-ratelimit-reset'));
    if (header(error, 'x-ratelimit-remaining') === '0' && Number.isFinite(reset) && reset > 0) {
        return Math.max(0, reset * 1000 - now());
    }
    return 1000 * 2 ** attempt;
}
async function createClient(options) {
    // Loaded here, not at the top: runs without comment or check run never pay for it.
    let getOctokit;
    try {
        ({ getOctokit } = await Promise.all(/* import() */[__webpack_require__.e(413), __webpack_require__.e(392)]).then(__webpack_require__.bind(__webpack_require__, 2413)));
    }
    catch (error) {
        // @actions/github reads the event payload as it loads; a broken one fails the import.
        const at = process.env.GITHUB_EVENT_PATH ?? '(unset)';
        throw new Error(`could not read the event payload at GITHUB_EVENT_PATH ${at}: ${error.message}`, { cause: error });
    }
    const sleep = options.sleep ?? defaultSleep;
    const now = options.now ?? Date.now;
    const maxRetries = options.maxRetries ?? MAX_RETRIES;
    const maxTotalWaitMs = options.maxTotalWaitMs ?? MAX_TOTAL_WAIT_MS;
    const timeoutMs = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
    const quiet = () => { };
    const octokit = getOctokit(options.token, {
        baseUrl: options.apiUrl,
        userAgent: `release-gates/${version/* VERSION */.x}`,
        log: { debug: quiet, info: quiet, warn: options.logger.info, error: options.logger.info },
    });
    octokit.hook.wrap('request', async (request, requestOptions) => {
        // A caller's signal (walkPages' time limit) ends the request and its retries too.
        const outer = requestOptions.request?.signal;
        let waited = 0;
        for (let attempt = 0;; attempt++) {
            const timeout = AbortSignal.timeout(timeoutMs);
            try {
                return await request({
                    ...requestOptions,
                    request: {
                        ...requestOptions.request,
                        signal: outer ? AbortSignal.any([outer, timeout]) : timeout,
                    },
                });
            }
            catch (error) {
                const delay = retryDelayMs(error, attempt, now);
                if (delay === undefined ||
                    outer?.aborted ||
                    attempt >= maxRetries ||
                    waited + delay > maxTotalWaitMs) {
                    throw error;
                }
                options.logger.info(`release-gates: GitHub rate limit (HTTP ${httpStatus(error)}) on ` +
                    `${requestOptions.method} ${new URL(requestOptions.url, options.apiUrl).pathname}; ` +
                    `retrying in ${(delay / 1000).toFixed(1)} s`);
                waited += delay;
                await sleep(delay);
            }
        }
    });
    return octokit;
}
/** The rel="next" URL of a Link header, as GitHub sends it. */
function nextLink(link) {
    return typeof link === 'string' ? /<([^<>]+)>;\s*rel="next"/.exec(link)?.[1] : undefined;
}
/**
 * Reads a list endpoint page by page, handing each page's items to `visit` until it returns
 * true, the list ends, or a limit is reached: `maxPages` pages, `timeLimitMs` for all of them
 * (an answer still on its way when time runs out is aborted), or a next-page link to another
 * origin (it would be sent the token). An API that always offers a next page cannot keep the
 * action here. Throws what the client throws for an API error.
 */
async function walkPages(client, route, parameters, visit, limits = {}) {
    const maxPages = limits.maxPages ?? MAX_PAGES;
    const timeLimitMs = limits.timeLimitMs ?? PAGES_TIME_LIMIT_MS;
    const now = limits.now ?? Date.now;
    const started = now();
    const signal = AbortSignal.timeout(timeLimitMs);
    const timeCap = (pages) => ({
        pages,
        capped: {
            limit: 'time',
            message: `the ${timeLimitMs / 1000} s limit for reading a list ran out after ${pages} page(s)`,
        },
    });
    let pages = 0;
    let next;
    // Where the client sends the token: GITHUB_API_URL's origin.
    const origin = new URL(client.request.endpoint.DEFAULTS.baseUrl).origin;
    for (;;) {
        let response;
        try {
            response = next
                ? await client.request({ method: 'GET', url: next, request: { signal } })
                : await client.request(route, { ...parameters, request: { signal } });
        }
        catch (error) {
            if (signal.aborted)
                return timeCap(pages);
            throw error;
        }
        pages++;
        if (await visit(Array.isArray(response.data) ? response.data : []))
            return { pages };
        next = nextLink(response.headers.link);
        if (next === undefined)
            return { pages };
        if (pages >= maxPages) {
            return {
                pages,
                capped: {
                    limit: 'pages',
                    message: `GitHub still offered a next page after ${pages} pages, the limit`,
                },
            };
        }
        if (signal.aborted || now() - started >= timeLimitMs)
            return timeCap(pages);
        let target;
        try {
            target = new URL(next, response.url).origin;
        }
        catch {
            target = 'an invalid URL';
        }
        if (target !== origin) {
            return {
                pages,
                capped: {
                    limit: 'origin',
                    message: `page ${pages} linked its next page to ${target}, not to ${origin}`,
                },
            };
        }
        next = new URL(next, response.url).href;
    }
}
function shortMessage(error) {
    const message = asErrorLike(error).message;
    const text = typeof message === 'string' ? message : String(error);
    const line = text.split('\n')[0].trim();
    return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}
/** One warning line: what failed, GitHub's status and message, and what to do about it. */
function describeFailure(error, advice) {
    const prefix = `release-gates could not ${advice.doing}`;
    const status = httpStatus(error);
    const detail = shortMessage(error);
    if (status === undefined) {
        return `${prefix}: no answer from ${advice.apiUrl} (${detail}). Check GITHUB_API_URL and the runner's network or proxy.`;
    }
    const head = `${prefix}: GitHub answered HTTP ${status} (${detail})`;
    if (isRateLimited(error)) {
        const wait = retryDelayMs(error, MAX_RETRIES, advice.now ?? Date.now);
        const asked = wait !== undefined ? ` GitHub asked to wait ${Math.ceil(wait / 1000)} s.` : '';
        return (`${head}: rate limited.${asked} release-gates waits at most ` +
            `${MAX_TOTAL_WAIT_MS / 1000} s here; the next run will try again.`);
    }
    switch (status) {
        case 401:
            return `${head}. The github-token input is not a valid token.`;
        case 403:
            return (`${head}. The token may not do this: add \`permissions: ${advice.permission}\` to the job ` +
                `(pull requests from forks only get a read-only token).`);
        case 404:
            return `${head}. ${advice.notFound}`;
        case 422:
            return `${head}. GitHub rejected the request as invalid; please report this as a release-gates bug with this message.`;
        default:
            return status >= 500
                ? `${head}. GitHub had a server error; the next run will try again.`
                : `${head}.`;
    }
}
/** Who GitHub Actions' default token, GITHUB_TOKEN, writes as. */
const ACTIONS_BOT_LOGIN = 'github-actions[bot]';
const ACTIONS_APP_SLUG = 'github-actions';
/** A bot account: only a GitHub App installation writes as one, never a person. */
function isActionsBot(item) {
    if (item.user?.type !== 'Bot')
        return false;
    return (item.user.login === ACTIONS_BOT_LOGIN ||
        item.performed_via_github_app?.slug === ACTIONS_APP_SLUG);
}
function writtenBy(item, login) {
    const author = item.user?.login;
    return typeof author === 'string' && author.toLowerCase() === login.toLowerCase();
}
/**
 * Who a token is. Installation tokens (`ghs_`: GITHUB_TOKEN and GitHub Apps' tokens) cannot
 * read GET /user (GitHub answers 403 "Resource not accessible by integration"), so they are
 * not asked: GITHUB_TOKEN writes as github-actions[bot]. Another token (a PAT) is looked up
 * once with GET /user; a 403 there also means an installation. Only when an installation
 * token meets a marker written by another bot does GraphQL's viewer (which installation
 * tokens can read) say whether that bot is a GitHub App's token itself. When GitHub cannot
 * say who the token is, only github-actions[bot]'s comments count as its own.
 */
function tokenIdentity(client, token, logger) {
    const installationToken = token.trim().startsWith('ghs_');
    let known;
    let viewer;
    const lookUp = async () => {
        if (installationToken)
            return { kind: 'installation' };
        try {
            const { data } = await client.request('GET /user');
            if (typeof data.login === 'string' && data.login !== '') {
                return { kind: 'user', login: data.login };
            }
        }
        catch (error) {
            if (httpStatus(error) === 403 && !isRateLimited(error))
                return { kind: 'installation' };
            logger.info(`release-gates: could not learn who the github-token is (GET /user: ${shortMessage(error)}); ` +
                `only comments by ${ACTIONS_BOT_LOGIN} count as its own`);
        }
        return { kind: 'unknown' };
    };
    const lookUpViewer = async () => {
        try {
            const data = await client.graphql('query { viewer { login } }');
            const login = data.viewer?.login;
            return typeof login === 'string' && login !== '' ? login : undefined;
        }
        catch (error) {
            logger.info(`release-gates: could not learn which GitHub App the github-token belongs to ` +
                `(GraphQL viewer: ${shortMessage(error)}); only comments by ${ACTIONS_BOT_LOGIN} count as its own`);
            return undefined;
        }
    };
    return {
        async firstOwn(items) {
            if (items.length === 0)
                return undefined;
            const who = await (known ??= lookUp());
            if (who.kind === 'user')
                return items.find((item) => writtenBy(item, who.login));
            const actions = items.find(isActionsBot);
            if (actions || who.kind === 'unknown')
                return actions;
            const bots = items.filter((item) => item.user?.type === 'Bot');
            if (bots.length === 0)
                return undefined;
            const login = await (viewer ??= lookUpViewer());
            return login === undefined ? undefined : bots.find((item) => writtenBy(item, login));
        },
    };
}
/** A logger that can never print the token, whatever a message carries. */
function scrubbingLogger(logger, token) {
    const secret = token.trim();
    const scrub = (message) => secret.length >= 4 ? message.split(secret).join('***') : message;
    return {
        info: (message) => logger.info(scrub(message)),
        warning: (message) => logger.warning(scrub(message)),
    };
}
/**
 * Reads the target and makes the client; on a problem warns once (naming `doing`) and
 * returns undefined. Never throws.
 */
async function connect(options, doing) {
    const logger = scrubbingLogger(options.logger, options.token);
    if (options.token.trim() === '') {
        logger.warning(`release-gates could not ${doing}: the github-token input is empty. ` +
            'Leave it at its default (${{ github.token }}) or pass a token.');
        return undefined;
    }
    try {
        const target = readTarget(options.env);
        const client = await createClient({ ...options, apiUrl: target.apiUrl, logger });
        return { target, client, logger, identity: tokenIdentity(client, options.token, logger) };
    }
    catch (error) {
        logger.warning(`release-gates could not ${doing}: ${shortMessage(error)}`);
        return undefined;
    }
}

// EXTERNAL MODULE: ./src/reporters/summary-markdown.ts
var summary_markdown = __webpack_require__(1946);
;// CONCATENATED MODULE: ./src/action/github/markdown.ts

/*
 * The job summary, sized for GitHub's API limits. GitHub counts these limits in characters
 * (and, by some reports, in bytes for check runs); renderSummary's budget is in UTF-8 bytes,
 * which are never fewer than characters, so a byte budget below both limits fits either way.
 */
/** An issue comment body: at most 65,536 characters. */
const COMMENT_MAX_CHARS = 65_536;
/** A check run's output.summary: at most 65,535 characters. */
const CHECK_SUMMARY_MAX_CHARS = 65_535;
/** What renderSummary may use of either, with room for the marker and the footer. */
const API_SUMMARY_BUDGET_BYTES = 65_000;
const byteLength = (text) => Buffer.byteLength(text, 'utf8');
/**
 * The summary within `budgetBytes`, plus `before` and `after` around it; never longer than
 * `maxChars` characters (nor bytes), whatever renderSummary returns.
 */
function renderSized(result, maxChars, before = '', after = '') {
    const budget = Math.min(API_SUMMARY_BUDGET_BYTES, maxChars) - byteLength(before + after);
    const text = `${before}${(0,summary_markdown/* renderSummary */.Br)(result, { budgetBytes: budget })}${after}`;
    return clamp(text, maxChars);
}
/** Cuts at a line boundary (and says so) when the text is over `max` characters or bytes. */
function clamp(text, max) {
    if (text.length <= max && byteLength(text) <= max)
        return text;
    const note = '\n\n<sub>Cut to fit GitHub’s size limit; see the job summary.</sub>\n';
    let cut = Buffer.from(text, 'utf8')
        .subarray(0, max - byteLength(note))
        .toString('utf8');
    const newline = cut.lastIndexOf('\n');
    cut = newline > 0 ? cut.slice(0, newline) : cut.replace(/\uFFFD$/, '');
    return `${cut}${note}`;
}

;// CONCATENATED MODULE: ./src/action/github/check-run.ts






/*
 * A completed check run named release-gates on the commit under test, with the summary and
 * one annotation per file:line finding of a failed gate. GitHub takes 50 annotations per
 * request: the first 50 go with the create, the rest with updates of 50.
 */
const CHECK_RUN_NAME = 'release-gates';
const ANNOTATIONS_PER_REQUEST = 50;
/** More than this many annotations help nobody and cost a request per 50. */
const MAX_CHECK_ANNOTATIONS = 1000;
const TITLE_MAX = 255;
const MESSAGE_MAX = 4000;
const PERMISSION = 'checks: write';
function checkConclusion(result) {
    if (result.cancelled)
        return 'cancelled';
    switch (result.verdict) {
        case 'passed':
            return 'success';
        case 'passed-with-warnings':
            return 'neutral';
        case 'failed':
            // Audit mode reports the verdict but, like the step, must not block a merge.
            return result.mode === 'audit' ? 'neutral' : 'failure';
        case 'planned':
            return 'skipped';
    }
}
const LEVELS = { error: 'failure', warning: 'warning', notice: 'notice' };
function truncate(text, max) {
    return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
/**
 * A finding's file as GitHub places it, or undefined when it lies outside the repository.
 * The engine already gives paths from the repository root; what stays absolute or climbs
 * out of it cannot be placed.
 */
function repositoryPath(file) {
    const posix = file.trim().replace(/\\/g, '/');
    if (posix === '' || posix.startsWith('/') || /^[A-Za-z]:\//.test(posix))
        return undefined;
    const normal = external_node_path_default().posix.normalize(posix).replace(/^\.\//, '');
    if (normal === '.' || normal === '..' || normal.startsWith('../'))
        return undefined;
    return normal;
}
function findingMessage(finding) {
    const source = (0,resolve/* findingSource */.B5)(finding);
    return source ? `${finding.message} (${source})` : finding.message;
}
/**
 * One annotation per finding of a failed gate, P0 gates first, at the finding's level.
 * Findings outside the repository are left out (GitHub cannot place them).
 */
function buildCheckAnnotations(result, options = {}) {
    const max = options.max ?? MAX_CHECK_ANNOTATIONS;
    const gates = result.gates
        .filter((gate) => (0,engine/* isFailure */.N6)(gate.status) && (gate.findings?.length ?? 0) > 0)
        .sort((a, b) => (0,engine/* priorityRank */.Dk)(a.priority) - (0,engine/* priorityRank */.Dk)(b.priority));
    const annotations = [];
    let outside = 0;
    let overLimit = 0;
    for (const gate of gates) {
        const title = truncate(`${gate.priority} ${gate.name}`, TITLE_MAX);
        for (const finding of gate.findings ?? []) {
            const file = repositoryPath(finding.file);
            if (file === undefined) {
                outside++;
                continue;
            }
            if (annotations.length >= max) {
                overLimit++;
                continue;
            }
            const start = Math.max(1, Math.floor(finding.line) || 1);
            const end = Math.max(start, Math.floor(finding.endLine ?? start) || start);
            const annotation = {
                path: file,
                start_line: start,
                end_line: end,
                annotation_level: LEVELS[finding.level],
                title,
                message: truncate(findingMessage(finding), MESSAGE_MAX),
            };
            // GitHub takes columns only on a one-line annotation.
            if (start === end && finding.column !== undefined && finding.column >= 1) {
                annotation.start_column = Math.floor(finding.column);
                annotation.end_column = Math.max(annotation.start_column, Math.floor(finding.endColumn ?? finding.column));
            }
            annotations.push(annotation);
        }
    }
    return { annotations, outside, overLimit };
}
/** The check run's output.summary: the job summary within 65,535 characters. */
function renderCheckSummary(result) {
    return renderSized(result, CHECK_SUMMARY_MAX_CHARS);
}
/** Creates the check run and adds its annotations in batches. Never throws. */
async function publishCheckRun(result, options, connection) {
    const doing = 'create the check run';
    const conn = connection ?? (await connect(options, doing));
    if (!conn)
        return { status: 'failed', message: 'no connection' };
    const { client, target, logger } = conn;
    const { owner, repo, headSha } = target;
    if (!headSha) {
        const message = `release-gates could not ${doing}: GITHUB_SHA is not set`;
        logger.warning(message);
        return { status: 'failed', message };
    }
    const advice = {
        permission: PERMISSION,
        notFound: `The repository ${owner}/${repo} or commit ${headSha.slice(0, 7)} was not found, or the token cannot see it; check the github-token input.`,
        apiUrl: target.apiUrl,
        ...(options.now ? { now: options.now } : {}),
    };
    const { annotations, outside, overLimit } = buildCheckAnnotations(result);
    const title = truncate((0,insights/* verdictHeadline */.ge)(result), TITLE_MAX);
    const summary = clamp(renderCheckSummary(result), CHECK_SUMMARY_MAX_CHARS);
    const batches = [];
    for (let i = 0; i < annotations.length; i += ANNOTATIONS_PER_REQUEST) {
        batches.push(annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
    }
    let id;
    let url;
    try {
        const first = batches[0];
        const { data } = await client.rest.checks.create({
            owner,
            repo,
            name: CHECK_RUN_NAME,
            head_sha: headSha,
            status: 'completed',
            conclusion: checkConclusion(result),
            ...(isTimestamp(result.startedAt) ? { started_at: result.startedAt } : {}),
            ...(isTimestamp(result.finishedAt) ? { completed_at: result.finishedAt } : {}),
            output: { title, summary, ...(first ? { annotations: first } : {}) },
        });
        id = data.id;
        url = data.html_url ?? undefined;
    }
    catch (error) {
        const message = describeFailure(error, { ...advice, doing });
        logger.warning(message);
        return { status: 'failed', message };
    }
    let sent = batches[0]?.length ?? 0;
    for (const batch of batches.slice(1)) {
        try {
            await client.rest.checks.update({
                owner,
                repo,
                check_run_id: id,
                output: { title, summary, annotations: batch },
            });
            sent += batch.length;
        }
        catch (error) {
            const message = describeFailure(error, {
                ...advice,
                doing: `add annotations ${sent + 1}-${annotations.length} to the check run`,
            });
            logger.warning(message);
            return { status: 'incomplete', id, ...(url ? { url } : {}), annotations: sent, message };
        }
    }
    const notes = [];
    if (outside > 0)
        notes.push(`${outside} finding(s) outside the repository left out`);
    if (overLimit > 0) {
        notes.push(`${overLimit} finding(s) past ${MAX_CHECK_ANNOTATIONS} annotations left out`);
    }
    logger.info(`release-gates: created the check run ${url ?? `#${id}`} (${checkConclusion(result)}, ` +
        `${sent} annotation(s)${notes.length > 0 ? `; ${notes.join('; ')}` : ''})`);
    return { status: 'created', id, ...(url ? { url } : {}), annotations: sent };
}
function isTimestamp(value) {
    return typeof value === 'string' && Number.isFinite(Date.parse(value));
}

;// CONCATENATED MODULE: ./src/action/github/comment.ts




const COMMENTS_PER_PAGE = 100;
const comment_PERMISSION = 'pull-requests: write';
/**
 * The config's path from the repository root, in posix form: two jobs that run different
 * configs (or the same config file name in different working directories) get two comments.
 */
function configKey(configFile, workingDirectory = '.') {
    const joined = external_node_path_default().posix.join(workingDirectory.replace(/\\/g, '/'), configFile.replace(/\\/g, '/'));
    return external_node_path_default().posix.normalize(joined).replace(/^\.\//, '');
}
/** The hidden first line of the comment; it can never close the HTML comment early. */
function stickyMarker(key) {
    const safe = key.replace(/[^A-Za-z0-9._/@+=~-]/g, (c) => encodeURIComponent(c));
    return `<!-- release-gates:sticky config=${safe.replace(/--/g, '-%2D')} -->`;
}
/** The marker, the summary and a link to the run, within GitHub's 65,536 characters. */
function renderCommentBody(result, options) {
    const facts = [];
    if (options.runUrl)
        facts.push(`[workflow run](${options.runUrl})`);
    if (options.headSha)
        facts.push(`commit \`${options.headSha.slice(0, 7)}\``);
    const footer = facts.length > 0 ? `\n<sub>${facts.join(' · ')}</sub>\n` : '';
    return renderSized(result, COMMENT_MAX_CHARS, `${options.marker}\n`, footer);
}
/** Creates or updates the sticky comment on a PR event; elsewhere logs one line. Never throws. */
async function publishComment(result, options, connection) {
    const eventName = options.env.GITHUB_EVENT_NAME ?? '';
    if (!isPullRequestEvent(eventName)) {
        const reason = `the ${eventName || 'unknown'} event has no pull request`;
        options.logger.info(`release-gates: no PR comment: ${reason} (comments are posted on pull_request and pull_request_target events)`);
        return { status: 'skipped', reason };
    }
    const doing = 'post the PR comment';
    const conn = connection ?? (await connect(options, doing));
    if (!conn)
        return { status: 'failed', message: 'no connection' };
    const { client, target, logger, identity } = conn;
    if (target.pullNumber === undefined) {
        const message = `release-gates could not ${doing}: the ${eventName} event payload (GITHUB_EVENT_PATH) has no pull_request.number`;
        logger.warning(message);
        return { status: 'failed', message };
    }
    const { owner, repo, pullNumber } = target;
    const marker = stickyMarker(configKey(result.configFile, options.workingDirectory));
    const advice = {
        permission: comment_PERMISSION,
        notFound: `Pull request #${pullNumber} was not found in ${owner}/${repo}, or the token cannot see it; check the github-token input.`,
        apiUrl: target.apiUrl,
        ...(options.now ? { now: options.now } : {}),
    };
    let existing;
    const others = [];
    let walk;
    try {
        walk = await walkPages(client, 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { owner, repo, issue_number: pullNumber, per_page: COMMENTS_PER_PAGE }, async (comments) => {
            const marked = comments.filter((comment) => typeof comment.body === 'string' && comment.body.includes(marker));
            existing = await identity.firstOwn(marked);
            others.push(...marked.filter((comment) => comment !== existing));
            return existing !== undefined;
        }, {
            ...(options.maxPages !== undefined ? { maxPages: options.maxPages } : {}),
            ...(options.pagesTimeLimitMs !== undefined
                ? { timeLimitMs: options.pagesTimeLimitMs }
                : {}),
            ...(options.now ? { now: options.now } : {}),
        });
    }
    catch (error) {
        const message = describeFailure(error, { ...advice, doing: 'read the PR comments' });
        logger.warning(message);
        return { status: 'failed', message };
    }
    if (!existing && walk.capped) {
        // Its comment may be on a page not read: a second one would be worse than none.
        const message = `release-gates could not ${doing}: it stopped reading the PR comments because ` +
            `${walk.capped.message} (${walk.pages * COMMENTS_PER_PAGE} comments at most), without ` +
            'finding its sticky comment, and posts no second one; the next run will try again.';
        logger.warning(message);
        return { status: 'failed', message };
    }
    if (others.length > 0) {
        const authors = [...new Set(others.map((comment) => comment.user?.login ?? 'unknown'))];
        logger.info(`release-gates: left alone ${others.length} comment(s) that carry its marker but were ` +
            `not written by the github-token (by ${authors.slice(0, 5).join(', ')}` +
            `${authors.length > 5 ? ` and ${authors.length - 5} more` : ''})`);
    }
    // Rendered from the session's result, whose free text is already redacted. Redacting the
    // body again could mangle the marker (a short `redact` value) and orphan the comment.
    const body = renderCommentBody(result, {
        marker,
        ...(target.runUrl ? { runUrl: target.runUrl } : {}),
        ...(target.headSha ? { headSha: target.headSha } : {}),
    });
    try {
        if (existing) {
            const { data } = await client.rest.issues.updateComment({
                owner,
                repo,
                comment_id: existing.id,
                body,
            });
            logger.info(`release-gates: updated the PR comment ${data.html_url ?? `#${existing.id}`}`);
            return {
                status: 'updated',
                id: existing.id,
                ...(data.html_url ? { url: data.html_url } : {}),
            };
        }
        const { data } = await client.rest.issues.createComment({
            owner,
            repo,
            issue_number: pullNumber,
            body,
        });
        logger.info(`release-gates: posted the PR comment ${data.html_url ?? `#${data.id}`}`);
        return { status: 'created', id: data.id, ...(data.html_url ? { url: data.html_url } : {}) };
    }
    catch (error) {
        const message = describeFailure(error, {
            ...advice,
            doing: existing ? 'update the PR comment' : 'post the PR comment',
        });
        logger.warning(message);
        return { status: 'failed', message };
    }
}

;// CONCATENATED MODULE: ./src/action/github/publish.ts




async function publishToGitHub(result, request) {
    const outcome = {};
    if (!request.comment && !request.checkRun)
        return outcome;
    const options = {
        ...request,
        logger: scrubbingLogger(request.logger, request.token),
    };
    try {
        const commentWanted = request.comment && isPullRequestEvent(request.env.GITHUB_EVENT_NAME ?? '');
        if (request.comment && !commentWanted) {
            // Logs why, makes no request, loads no client.
            outcome.comment = await publishComment(result, options);
        }
        if (!commentWanted && !request.checkRun)
            return outcome;
        const doing = commentWanted && request.checkRun
            ? 'post the PR comment or create the check run'
            : commentWanted
                ? 'post the PR comment'
                : 'create the check run';
        const connection = await connect(options, doing);
        if (!connection)
            return outcome;
        if (commentWanted)
            outcome.comment = await publishComment(result, options, connection);
        if (request.checkRun)
            outcome.checkRun = await publishCheckRun(result, options, connection);
    }
    catch (error) {
        // Each step catches its own API errors; this is for the unforeseen.
        options.logger.warning(`release-gates could not publish to GitHub: ${error instanceof Error ? error.message : String(error)}`);
    }
    return outcome;
}


/***/ })

};
