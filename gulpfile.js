const fs = require('node:fs');
const path = require('node:path');
const { src, dest, parallel } = require('gulp');

const DIST = path.join(__dirname, 'dist');

/** Empties dist/, so that files of an earlier build (or an earlier tsconfig) never get packed. */
async function clean() {
	await fs.promises.rm(DIST, { recursive: true, force: true });
}

/** Copies the node and credential icons next to the compiled code. */
function copyIcons() {
	return src('icons/**/*.{png,svg}').pipe(dest('dist/icons'));
}

/**
 * Copies each node's codex file (`nodes/<Node>/<Node>.node.json`: categories, aliases and
 * documentation links) beside its compiled `.node.js`, where n8n looks for it.
 */
function copyCodex() {
	return src('nodes/**/*.node.json').pipe(dest('dist/nodes'));
}

/**
 * Copies each node's output schemas (`nodes/<Node>/__schema__/v<version>/<resource>/<operation>.json`)
 * beside its compiled code: n8n serves them to the editor, which previews a node's output
 * fields before its first run.
 */
function copySchemas() {
	return src('nodes/**/__schema__/**/*.json').pipe(dest('dist/nodes'));
}

exports.clean = clean;
exports['build:assets'] = parallel(copyIcons, copyCodex, copySchemas);
