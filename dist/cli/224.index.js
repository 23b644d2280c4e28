export const id = 224;
export const ids = [224];
export const modules = {

/***/ 5224:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   reportJsonSchema: () => (/* binding */ reportJsonSchema),
/* harmony export */   reportSchema: () => (/* binding */ reportSchema)
/* harmony export */ });
/* harmony import */ var _engine_zod_config_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8874);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2311);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8439);
/* harmony import */ var _engine_stages_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2883);



/*
 * The shape of report.json, as a schema: `Report` (what buildReport returns) is inferred from
 * it, and schema/report.schema.json is generated from it, so the type, the file and the
 * published schema cannot drift apart. Only the type is used at run time; the schema is
 * built by `release-gates schema --report` and the tests.
 */
const priority = zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(_engine_stages_js__WEBPACK_IMPORTED_MODULE_2__/* .PRIORITIES */ .BE);
const stage = zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(_engine_stages_js__WEBPACK_IMPORTED_MODULE_2__/* .STAGES */ .an);
const action = zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(_engine_stages_js__WEBPACK_IMPORTED_MODULE_2__/* .POLICY_ACTIONS */ .p7);
const timestamp = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().describe('ISO 8601 time');
const attemptStatus = zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['passed', 'failed', 'timed-out', 'cancelled']);
const gateStatus = zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['passed', 'failed', 'timed-out', 'cancelled', 'skipped', 'planned']);
const attemptRecord = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    attempt: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().min(1),
    status: attemptStatus,
    exitCode: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nullable(),
    durationMs: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().min(0),
});
const probeAttempt = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    attempt: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().min(1),
    at: timestamp,
    status: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nullable().describe('HTTP status; null when no response came'),
    latencyMs: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().min(0),
    ok: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY(),
    failure: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['refused', 'dns', 'tls', 'timeout', 'status', 'body', 'json', 'latency', 'error'])
        .optional(),
    message: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
});
const probe = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({ url: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), method: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), attempts: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(probeAttempt) })
    .describe('An http probe: every request it made');
const finding = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    tool: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    file: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().describe('From the repository root when inside it; otherwise as printed'),
    line: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int(),
    column: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().optional(),
    endLine: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().optional(),
    endColumn: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().optional(),
    message: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    ruleId: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional().describe("The tool's own code, e.g. TS2322"),
    severity: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['error', 'warning', 'note']).optional(),
    rule: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().describe('<tool>/<code>, e.g. tsc/TS2322'),
    level: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['error', 'warning', 'notice']),
})
    .describe('A file:line problem, with its level and rule decided once for every output');
const gate = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    id: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    name: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    stage,
    priority,
    kind: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['run', 'http', 'uses']),
    origin: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().describe('preset:<name>, or the config file'),
    action,
    status: gateStatus,
    reason: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['policy', 'condition', 'filter', 'cancelled']).nullable(),
    detail: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullable(),
    exitCode: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nullable(),
    durationMs: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().min(0),
    attempts: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().min(0),
    attemptHistory: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(attemptRecord),
    startedAt: timestamp.nullable(),
    finishedAt: timestamp.nullable(),
    outputTail: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    outputTailTruncated: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY(),
    logPath: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullable(),
    logError: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().optional(),
    probe: probe.optional(),
    findings: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(finding).optional(),
    findingCount: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().min(0).optional(),
});
const hook = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    kind: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['rollback', 'cleanup']),
    name: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    status: attemptStatus,
    detail: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullable(),
    exitCode: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().nullable(),
    durationMs: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().min(0),
    outputTail: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    logPath: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
});
const reportSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    schema: zod__WEBPACK_IMPORTED_MODULE_1__/* .literal */ .euz('release-gates/report@1'),
    tool: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({ name: zod__WEBPACK_IMPORTED_MODULE_1__/* .literal */ .euz('release-gates'), version: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP() }),
    verdict: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['passed', 'passed-with-warnings', 'failed', 'planned']),
    mode: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(_engine_stages_js__WEBPACK_IMPORTED_MODULE_2__/* .MODES */ .FN),
    config: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    event: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(),
    branch: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().nullable(),
    startedAt: timestamp,
    finishedAt: timestamp,
    durationMs: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().min(0),
    cancelled: zod__WEBPACK_IMPORTED_MODULE_1__/* .boolean */ .zMY(),
    stoppedBy: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({ id: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), priority, action: zod__WEBPACK_IMPORTED_MODULE_1__/* ["enum"] */ .k5n(['abort', 'block']) })
        .nullable(),
    policy: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({ P0: action, P1: action, P2: action, P3: action }),
    concurrency: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().min(1),
    failedGates: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()),
    highestFailedPriority: priority.nullable(),
    counts: zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
        passed: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int(),
        failed: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int(),
        'timed-out': zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int(),
        cancelled: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int(),
        skipped: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int(),
        planned: zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int(),
    }),
    gates: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(gate),
    hooks: zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(hook),
})
    .strict();
/** The JSON Schema that ships in schema/report.schema.json. */
function reportJsonSchema() {
    return {
        ...zod__WEBPACK_IMPORTED_MODULE_3__/* .toJSONSchema */ .bl(reportSchema, { target: 'draft-2020-12' }),
        $id: 'https://raw.githubusercontent.com/coffeestudio/release-gates/v1/schema/report.schema.json',
        title: 'release-gates report.json',
        description: 'report-dir/report.json written by coffeestudio/release-gates on every run.',
    };
}


/***/ })

};
