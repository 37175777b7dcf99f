'use strict';
/**
 * Makes sure dist/ is built from the current sources before a test packs the project: the e2e
 * global setup and the package tests share it. Plain CommonJS, so both can require it.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const SOURCES = [
	'nodes',
	'credentials',
	'icons',
	'gulpfile.js',
	'tsconfig.json',
	'tsconfig.build.json',
];

function newestMtime(entry) {
	if (!fs.existsSync(entry)) return 0;
	const stat = fs.statSync(entry);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = 0;
	for (const child of fs.readdirSync(entry))
		newest = Math.max(newest, newestMtime(path.join(entry, child)));
	return newest;
}

/** True when a file the package lists is missing or older than the sources it is built from. */
function distIsStale() {
	const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const listed = [...(manifest.n8n?.nodes ?? []), ...(manifest.n8n?.credentials ?? [])].map((f) =>
		path.join(ROOT, f),
	);
	if (listed.length === 0 || listed.some((f) => !fs.existsSync(f))) return true;
	const built = Math.min(...listed.map((f) => fs.statSync(f).mtimeMs));
	const sources = Math.max(...SOURCES.map((e) => newestMtime(path.join(ROOT, e))));
	return sources > built;
}

/** Runs `npm run build` when dist/ is stale; `label` prefixes the log line. */
function ensureBuilt(label) {
	if (!distIsStale()) return false;
	process.stderr.write(`[${label}] dist/ is missing or older than the sources: npm run build\n`);
	const build = spawnSync(NPM, ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
	if (build.status !== 0) throw new Error('npm run build failed');
	return true;
}

module.exports = { ROOT, distIsStale, ensureBuilt };
