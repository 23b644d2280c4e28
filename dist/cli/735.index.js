export const id = 735;
export const ids = [735];
export const modules = {

/***/ 2735:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   configJsonSchema: () => (/* binding */ configJsonSchema)
/* harmony export */ });
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8439);
/* harmony import */ var _schema_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9146);


// Apart from schema.ts: zod's JSON Schema generator is only needed by `release-gates schema`
// and the build, so runs and plans do not load it.
/** The JSON Schema that ships in schema/release-gates.schema.json. */
function configJsonSchema() {
    const generated = (0,zod__WEBPACK_IMPORTED_MODULE_1__/* .toJSONSchema */ .bl)(_schema_js__WEBPACK_IMPORTED_MODULE_0__/* .configSchema */ .Qn, { target: 'draft-2020-12', io: 'input' });
    return {
        ...generated,
        // A config lists its own gates, or extends presets that bring them (or both).
        anyOf: [{ required: ['gates'] }, { required: ['extends'] }],
        $id: 'https://github.com/coffeestudio/release-gates/blob/v1/schema/release-gates.schema.json',
        title: 'release-gates config v1',
        description: 'The .github/release-gates.yml file read by coffeestudio/release-gates.',
    };
}


/***/ })

};
