export const id = 316;
export const ids = [316];
export const modules = {

/***/ 7316:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  SCHEMA_BASE_URL: () => (/* binding */ SCHEMA_BASE_URL),
  configJsonSchema: () => (/* binding */ configJsonSchema),
  presetJsonSchema: () => (/* binding */ presetJsonSchema),
  waiversJsonSchema: () => (/* binding */ waiversJsonSchema)
});

// EXTERNAL MODULE: ./node_modules/zod/v4/core/json-schema-processors.js
var json_schema_processors = __webpack_require__(8439);
// EXTERNAL MODULE: ./src/engine/config/schema.ts
var config_schema = __webpack_require__(9146);
;// CONCATENATED MODULE: ./src/engine/config/schema-docs.ts
/*
 * What the editor schemas (schema/*.schema.json) say about each field: a description in
 * Markdown, and where it helps a default and examples. Kept apart from schema.ts on purpose:
 * zod's .meta() clones a schema and registers it, about 1 ms of start-up for these ~90 fields
 * on every run, and only `release-gates schema` and the build need the text. json-schema.ts
 * applies it by field path; a test fails when a property has none.
 *
 * Paths: `a.b` for a property, `a[]` for the items of a list, `a.*` for the values of a map.
 */
/** `docs` of a nested field: `''` is the field itself, every other path is below it. */
const under = (prefix, docs) => Object.fromEntries(Object.entries(docs).map(([path, doc]) => [path === '' ? prefix : `${prefix}.${path}`, doc]));
const SHELL = 'bash -e -o pipefail -c';
const envDocs = (scope) => ({
    env: {
        md: `Extra environment variables for ${scope}; numbers and booleans become strings.`,
        default: {},
        examples: [{ RUFF_CACHE_DIR: '/tmp/ruff', CI: true }],
    },
    'env.*': { md: 'The value: a string, or a number or boolean turned into a string.' },
});
const commandDocs = (scope) => ({
    shell: {
        md: `Program and arguments ${scope} runs with, split on spaces; the command is appended as the last argument (e.g. \`python3 -c\`, \`sh -c\`).`,
        default: SHELL,
        examples: ['sh -c', 'python3 -c'],
    },
    'working-directory': {
        md: 'Directory to run in, relative to the workspace (the `working-directory` input, CLI `--working-directory`); it must stay inside it.',
        default: '.',
        examples: ['apps/api'],
    },
    'timeout-minutes': {
        md: 'Minutes before the process group gets SIGTERM (then SIGKILL after 2 s); above 0, at most 1440, fractions allowed. Default: `defaults.timeout-minutes`, else 15.',
        default: 15,
    },
    ...envDocs(scope),
});
const HOOK = {
    '': {
        md: 'A command: `run`, and optionally `name`, `shell`, `working-directory`, `timeout-minutes`, `env`.',
    },
    name: { md: 'Shown in the summary and the log; default `rollback #1`, `cleanup #1`, ...' },
    run: {
        md: 'The command; it runs in its own process group.',
        examples: ['./scripts/rollback.sh', 'docker compose down'],
    },
    ...commandDocs('this command'),
};
const POLICY_ACTION = '`abort` (stop at once, cancel running gates, skip the rest), `block` (finish the stage, skip later stages), `fail` (go on; the run fails), `warn` (go on; passed with warnings) or `notice` (go on; passed).';
const WHEN_EXAMPLES = [
    { events: ['push'], branches: ['main'] },
    { branches: ['main', 'release/v[0-9].[0-9]'] },
    { branches: ['**', '!dependabot/**'] },
];
const HTTP = {
    url: {
        md: '`http` or `https` URL to poll; `${NAME}` is replaced from the environment (list secret names under `redact`).',
        examples: ['https://api.example.com/health'],
    },
    method: { md: 'HTTP method; `body` sends a request body.', default: 'GET' },
    headers: {
        md: 'Request headers; values may use `${NAME}`.',
        examples: [{ Authorization: 'Bearer ${HEALTH_TOKEN}' }],
    },
    'headers.*': { md: 'The header value.' },
    body: { md: 'Request body, e.g. for a `POST`.' },
    expect: { md: 'What a good answer looks like; without it, any 2xx status.' },
    'expect.status': {
        md: 'Accepted status codes; default: any 2xx.',
        examples: [[200], [200, 204]],
    },
    'expect.status[]': { md: 'An HTTP status code, 100-599.' },
    'expect.body-contains': {
        md: 'Text the body must contain (the first 1 MiB is read, never more).',
        examples: ['ok'],
    },
    'expect.json': {
        md: '`path: value` pairs the JSON body must have; dotted paths (`checks.db`, `items.0.id`), compared as strings.',
        examples: [{ status: 'ok', version: '${GITHUB_SHA}' }],
    },
    'expect.json.*': { md: 'The expected value at that path, compared as a string.' },
    'expect.max-latency-ms': { md: 'Slowest acceptable answer, in milliseconds.', examples: [2000] },
    'timeout-seconds': { md: 'Timeout of each request, in seconds.', default: 5 },
    'interval-seconds': { md: 'Pause between attempts, in seconds.', default: 5 },
    attempts: { md: 'Requests before giving up.', default: 12 },
    'success-threshold': {
        md: 'Consecutive good answers needed (a flapping service fails).',
        default: 1,
    },
    'initial-delay-seconds': { md: 'Wait before the first request, in seconds.', default: 0 },
    'follow-redirects': {
        md: 'Follow redirects (up to 5 hops); they are not followed unless asked.',
        default: false,
    },
    'insecure-tls': {
        md: 'Accept any TLS certificate; certificates are verified unless this says otherwise.',
        default: false,
    },
};
const GATE = {
    '': {
        md: 'A gate: an `id`, a `stage`, a `priority` and exactly one of `run`, `http` or `uses`.',
    },
    id: {
        md: 'Unique id, `^[a-z0-9][a-z0-9_-]{0,62}$`; used by `only`/`skip`, the outputs and the log file name. A gate with the id of a preset gate replaces it.',
        examples: ['api-lint'],
    },
    name: { md: 'Shown in the summary, annotations and log groups; default: the id.' },
    stage: {
        md: 'Pipeline stage; stages always run in this order: `lint`, `typecheck`, `test`, `security`, `build`, `image`, `deploy`, `health`.',
    },
    priority: {
        md: 'How severe a failure is, `P0` (most) to `P3`; the `policy` decides what a failure does (default: P0 abort, P1 block, P2 warn, P3 notice).',
        examples: ['P1'],
    },
    run: {
        md: 'A command, run by `shell` in its own process group, so a timeout or cancel stops everything it started.',
        examples: ['ruff check .', 'npm test', 'docker compose build --pull'],
    },
    http: {
        md: 'A post-deploy HTTP probe: polls `url` until `success-threshold` good answers in a row, or gives up after `attempts`.',
        examples: [
            {
                url: 'https://api.example.com/health',
                expect: { status: [200], json: { status: 'ok' } },
                attempts: 12,
            },
        ],
    },
    ...under('http', HTTP),
    uses: {
        md: 'A built-in check from the `checks/` catalogue; `with:` holds its options (`checks/<id>/README.md`).',
        examples: ['env-example', 'secrets', 'compose'],
    },
    with: {
        md: 'Options of the `uses:` check; each check validates its own when the config loads.',
        examples: [{ file: '.env.example', paths: ['apps/api', 'apps/web'] }],
    },
    'with.*': { md: 'An option of the check.' },
    retries: {
        md: 'Re-runs after a failure or timeout, 0-10; every attempt is reported and the last one decides.',
        default: 0,
    },
    when: {
        md: 'Run only on these events and branches; otherwise the gate is skipped (reason `condition`).',
        examples: WHEN_EXAMPLES,
    },
    'when.events': {
        md: 'Event names (`push`, `pull_request`, ...); the CLI uses `--event`, else `$GITHUB_EVENT_NAME`, else `local`.',
        examples: [['push'], ['push', 'workflow_dispatch']],
    },
    'when.events[]': { md: 'An event name.' },
    'when.branches': {
        md: "Branch filters as in a workflow's `on.push.branches` (GitHub's filter pattern cheat sheet): `*`, `**`, `?`, `+`, `[0-9]`; checked in order, a `'!pattern'` excludes and a later pattern includes again. On pull requests the branch is the head branch; a tag has no branch.",
        examples: [['main'], ['main', 'release/v[0-9].[0-9]'], ['**', '!dependabot/**']],
    },
    'when.branches[]': { md: 'A filter pattern; `!` first excludes.' },
    ...commandDocs('the gate'),
};
const POLICY = {
    policy: {
        md: `What a failure of each priority does: ${POLICY_ACTION} Keys left out keep their default.`,
        examples: [{ P0: 'abort', P1: 'block', P2: 'warn', P3: 'notice' }],
    },
    'policy.P0': { md: 'What a failed P0 gate does.', default: 'abort' },
    'policy.P1': { md: 'What a failed P1 gate does.', default: 'block' },
    'policy.P2': { md: 'What a failed P2 gate does.', default: 'warn' },
    'policy.P3': { md: 'What a failed P3 gate does.', default: 'notice' },
};
const DEFAULTS = {
    defaults: {
        md: "`timeout-minutes`, `working-directory`, `shell` and `env` for every gate and command; a gate's own value wins, `env` maps are merged.",
    },
    'defaults.timeout-minutes': {
        md: 'Minutes before a gate or command is stopped; above 0, at most 1440.',
        default: 15,
    },
    'defaults.working-directory': {
        md: 'Directory gates run in, relative to the workspace.',
        default: '.',
    },
    'defaults.shell': {
        md: 'Program and arguments gates run with; the command is appended as the last argument.',
        default: SHELL,
    },
    ...under('defaults', envDocs('every gate and command')),
};
const REDACT = {
    redact: {
        md: 'Environment variable names whose values are replaced with `***` in the summary, report.json, annotations and logs.',
        examples: [['DEPLOY_TOKEN', 'HEALTH_TOKEN']],
    },
    'redact[]': { md: 'An environment variable name.' },
};
const EXTENDS = {
    extends: {
        md: 'Presets whose gates come first, in order; a gate of this file with the same id replaces a preset gate.',
        examples: [['coffeestudio'], ['fastapi', 'nextjs']],
    },
    'extends[]': { md: 'A preset name (`checks/presets/<name>.yml`).' },
};
const GATES = {
    gates: {
        md: 'The gates, at least one unless `extends` brings some. Their order does not matter: stages always run in pipeline order.',
    },
    ...under('gates[]', GATE),
};
/** `.github/release-gates.yml`. */
const CONFIG_DOCS = {
    version: { md: 'Config format version; always `1`.', examples: [1] },
    ...EXTENDS,
    disable: {
        md: 'Ids of preset gates to leave out; an id no preset has is an error.',
        examples: [['api-image']],
    },
    'disable[]': { md: 'The id of a preset gate.' },
    ...POLICY,
    concurrency: {
        md: "Gates of one stage that run at once, 1-256; the `concurrency` input or `--concurrency` wins. Default: the machine's CPU count.",
        examples: [4],
    },
    ...DEFAULTS,
    ...REDACT,
    ...GATES,
    rollback: {
        md: 'Commands run once, in order, when a `deploy` or `health` gate fails.',
        examples: [[{ run: './scripts/rollback.sh' }]],
    },
    ...under('rollback[]', HOOK),
    cleanup: {
        md: 'Commands that always run at the end: after success, failure, abort, and SIGINT/SIGTERM.',
        examples: [[{ run: 'docker compose down' }]],
    },
    ...under('cleanup[]', HOOK),
};
/** `checks/presets/<name>.yml`. */
const PRESET_DOCS = {
    description: { md: 'One line on what the preset is for; `release-gates init` shows it.' },
    ...EXTENDS,
    ...POLICY,
    ...DEFAULTS,
    ...REDACT,
    ...GATES,
    gates: {
        md: 'The gates the preset brings; a config that extends it may replace one by id or `disable` it.',
    },
};
/** `.github/release-gates-waivers.yml` (the file format only; see waivers-schema.ts). */
const WAIVERS_DOCS = {
    waivers: {
        md: 'Documented exceptions: each covers a failed gate, or one finding of it, until it expires.',
    },
    'waivers[]': { md: 'One exception: `gate`, `reason`, `owner` and `expires` are required.' },
    'waivers[].gate': { md: 'The id of the gate it covers.', examples: ['api-audit'] },
    'waivers[].finding': {
        md: 'Only this finding of the gate; without it, the whole gate.',
        examples: [{ rule: 'pip-audit/GHSA-xxxx', file: 'apps/api/requirements.txt' }],
    },
    'waivers[].finding.rule': {
        md: 'The rule id of the finding.',
        examples: ['pip-audit/GHSA-xxxx'],
    },
    'waivers[].finding.file': {
        md: 'The file of the finding, from the repository root.',
        examples: ['apps/api/requirements.txt'],
    },
    'waivers[].reason': {
        md: 'Why the failure is accepted, at least 20 characters.',
        examples: ['No fixed release yet; not reachable from our code paths'],
    },
    'waivers[].owner': {
        md: 'Who answers for it: a user or team handle.',
        examples: ['@coffeestudio/backend'],
    },
    'waivers[].expires': {
        md: 'ISO date (`YYYY-MM-DD`) after which it covers nothing and is itself a finding.',
        examples: ['2027-01-31'],
    },
    'waivers[].issue': { md: 'A link to the issue that tracks it.', examples: ['#142'] },
};

// EXTERNAL MODULE: ./src/engine/zod-config.ts
var zod_config = __webpack_require__(8874);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 7 modules
var schemas = __webpack_require__(2311);
;// CONCATENATED MODULE: ./src/engine/config/waivers-schema.ts



/*
 * The format of `.github/release-gates-waivers.yml` (SPEC section 10), for its editor schema,
 * schema/waivers.schema.json. Only the file format: nothing reads the file yet, and the rules
 * that need the config (`policy.max-waiver-days`, `allow-p0-waivers`, an expired waiver as a
 * finding) belong to the waivers feature, which will parse with this schema.
 */
const waiverSchema = schemas/* strictObject */.rej({
    gate: schemas/* string */.YjP().regex(config_schema/* GATE_ID_PATTERN */.D, { error: 'expected a gate id' }),
    finding: schemas/* strictObject */.rej({
        rule: schemas/* string */.YjP().min(1).optional(),
        file: schemas/* string */.YjP().min(1).optional(),
    })
        .optional(),
    reason: schemas/* string */.YjP().min(20, { error: 'expected a reason of at least 20 characters' }),
    owner: schemas/* string */.YjP().min(1),
    // A pattern, not z.iso.date(): its `format: date` is not a keyword editors all know.
    expires: schemas/* string */.YjP().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected an ISO date, YYYY-MM-DD' }),
    issue: schemas/* string */.YjP().min(1).optional(),
});
const waiversFileSchema = schemas/* strictObject */.rej({
    waivers: schemas/* array */.YOg(waiverSchema),
});

;// CONCATENATED MODULE: ./src/engine/config/json-schema.ts




// Apart from schema.ts: zod's JSON Schema generator is only needed by `release-gates schema`
// and the build, so runs and plans do not load it.
/*
 * The editor schemas in schema/: JSON Schema draft-07 (what editors and SchemaStore read),
 * valid in ajv's strict mode once `markdownDescription` (VS Code's and yaml-language-server's
 * Markdown hover text) is declared as a keyword. Each `$id` is the raw URL the file is served
 * from, so a `$schema=` modeline or a SchemaStore entry can point at it.
 */
const SCHEMA_BASE_URL = 'https://raw.githubusercontent.com/coffeestudio/release-gates/v1/schema/';
/** The JSON Schema that ships in schema/release-gates.schema.json. */
function configJsonSchema(catalogue) {
    const schema = generate(config_schema/* configSchema */.Qn, CONFIG_DOCS);
    const properties = schema.properties;
    restrictExtends(properties, catalogue);
    restrictGates(properties, catalogue);
    return {
        $schema: schema.$schema,
        $id: `${SCHEMA_BASE_URL}release-gates.schema.json`,
        title: 'release-gates config v1',
        description: 'The .github/release-gates.yml file read by coffeestudio/release-gates.',
        ...withoutSchemaKey(schema),
        // A config lists its own gates, or extends presets that bring them (or both).
        anyOf: [requires('gates'), requires('extends')],
    };
}
/** schema/preset.schema.json: a preset, checks/presets/<name>.yml. */
function presetJsonSchema(catalogue) {
    const schema = generate(config_schema/* presetSchema */.Ze, PRESET_DOCS);
    const properties = schema.properties;
    restrictExtends(properties, catalogue);
    restrictGates(properties, catalogue);
    return {
        $schema: schema.$schema,
        $id: `${SCHEMA_BASE_URL}preset.schema.json`,
        title: 'release-gates preset',
        description: 'A preset of coffeestudio/release-gates (checks/presets/<name>.yml): gates, and optionally policy, defaults and redact, that a config pulls in with `extends`.',
        ...withoutSchemaKey(schema),
    };
}
/** schema/waivers.schema.json: the format of .github/release-gates-waivers.yml. */
function waiversJsonSchema() {
    const schema = generate(waiversFileSchema, WAIVERS_DOCS);
    return {
        $schema: schema.$schema,
        $id: `${SCHEMA_BASE_URL}waivers.schema.json`,
        title: 'release-gates waivers',
        description: 'The .github/release-gates-waivers.yml file of coffeestudio/release-gates: documented exceptions to failed gates.',
        ...withoutSchemaKey(schema),
    };
}
function generate(schema, docs) {
    const generated = (0,json_schema_processors/* toJSONSchema */.bl)(schema, { target: 'draft-07', io: 'input' });
    const unused = new Set(Object.keys(docs));
    splitUnionTypes(generated);
    applyDocs(generated, '', docs, unused);
    // A doc for a field that no longer exists is a mistake, not a no-op.
    if (unused.size > 0)
        throw new Error(`schema docs for unknown fields: ${[...unused].join(', ')}`);
    return generated;
}
/** Walks properties, list items and map values, giving each documented field its text. */
function applyDocs(node, path, docs, unused) {
    const doc = docs[path];
    if (path !== '' && doc) {
        unused.delete(path);
        const rest = { ...node };
        for (const key of Object.keys(node))
            delete node[key];
        Object.assign(node, {
            description: plainText(doc.md),
            markdownDescription: doc.md,
            ...rest,
            ...(doc.default !== undefined ? { default: doc.default } : {}),
            ...(doc.examples !== undefined ? { examples: doc.examples } : {}),
        });
    }
    const properties = node.properties;
    for (const [key, child] of Object.entries(properties ?? {})) {
        applyDocs(child, path === '' ? key : `${path}.${key}`, docs, unused);
    }
    if (isSchema(node.items))
        applyDocs(node.items, `${path}[]`, docs, unused);
    if (isSchema(node.additionalProperties)) {
        applyDocs(node.additionalProperties, `${path}.*`, docs, unused);
    }
}
/**
 * `type: [string, number]` as `anyOf` of one type each: ajv's strict mode (strictTypes) refuses
 * union types, and the two say the same.
 */
function splitUnionTypes(node) {
    if (Array.isArray(node.type)) {
        node.anyOf = node.type.map((type) => ({ type }));
        delete node.type;
    }
    for (const key of ['properties', 'patternProperties', 'definitions', '$defs']) {
        const children = node[key];
        if (isSchema(children))
            for (const child of Object.values(children))
                visit(child);
    }
    for (const key of ['items', 'additionalProperties', 'propertyNames', 'not']) {
        visit(node[key]);
    }
    for (const key of ['anyOf', 'oneOf', 'allOf']) {
        const branches = node[key];
        if (Array.isArray(branches))
            branches.forEach(visit);
    }
    function visit(child) {
        if (isSchema(child))
            splitUnionTypes(child);
    }
}
const isSchema = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
/** The plain-text description of a Markdown one: code spans lose their backticks. */
const plainText = (markdown) => markdown.replace(/`([^`]*)`/g, '$1');
function withoutSchemaKey(schema) {
    const rest = { ...schema };
    delete rest.$schema;
    return rest;
}
/**
 * A branch of anyOf/oneOf that holds when `key` is present. It names the property too: ajv's
 * strict mode (strictRequired) refuses a `required` key its own schema object does not define.
 */
const requires = (key) => ({ properties: { [key]: true }, required: [key] });
/** `extends:` names a known preset. */
function restrictExtends(properties, catalogue) {
    const items = properties.extends?.items;
    if (items)
        items.enum = [...catalogue.presets];
}
/** Each gate has exactly one kind, and `uses:` names a check of the catalogue. */
function restrictGates(properties, catalogue) {
    const gate = properties.gates?.items;
    if (!gate)
        return;
    gate.oneOf = config_schema/* GATE_KINDS */.WT.map(requires);
    const uses = gate.properties.uses;
    if (uses)
        uses.enum = [...catalogue.checks];
}


/***/ })

};
