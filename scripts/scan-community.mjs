#!/usr/bin/env node
/**
 * Runs the lint legs of `@n8n/scan-community-package` (the check n8n runs before it verifies a
 * community node) without the registry:
 *
 *   --source <dir>    the source leg: package.json and nodes/, credentials/ sources, as the
 *                     scanner lints the repository checkout its provenance statement names
 *   --package <path>  the tarball leg: compiled .js files and package.json of a packed
 *                     tarball (.tgz, unpacked here) or of an unpacked package directory
 *
 * Legs may repeat and run in the order given. Prints one JSON document:
 *   { "passed": boolean, "legs": [{ "leg", "path", "files", "passed", "message", "details" }] }
 * and exits 0 when every leg passed, 1 otherwise.
 *
 * The registry parts of the scanner (provenance check, download of the published tarball and of
 * the attested source) are left out: they need a published version.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const SCANNER = require.resolve('@n8n/scan-community-package/scanner/scanner.mjs');
const scannerRequire = createRequire(SCANNER);

/** The tarball leg's patterns, as the scanner uses them after downloading a published version. */
const PACKAGE_PATTERNS = ['**/*.js', 'package.json'];
const IGNORE = ['node_modules/**', '**/package-lock.json'];

function usage(message) {
	process.stderr.write(
		`${message}\nusage: scan-community.mjs [--source <dir>] [--package <tgz|dir>] ...\n`,
	);
	process.exit(2);
}

function parseArgs(argv) {
	const legs = [];
	for (let i = 0; i < argv.length; i += 2) {
		const [flag, value] = [argv[i], argv[i + 1]];
		if (!value) usage(`${flag} needs a path`);
		if (flag === '--source') legs.push({ leg: 'source', path: path.resolve(value) });
		else if (flag === '--package') legs.push({ leg: 'package', path: path.resolve(value) });
		else usage(`unknown argument ${flag}`);
	}
	if (legs.length === 0) usage('nothing to scan');
	return legs;
}

/** Unpacks a .tgz the way the scanner does (`tar -xzf --strip-components=1`). */
function unpack(tarball, into) {
	fs.mkdirSync(into, { recursive: true });
	const result = spawnSync('tar', ['-xzf', tarball, '-C', into, '--strip-components=1'], {
		encoding: 'utf8',
	});
	if (result.status !== 0) throw new Error(`cannot unpack ${tarball}: ${result.stderr}`);
	return into;
}

async function main() {
	const legs = parseArgs(process.argv.slice(2));
	// eslint-plugin-n8n-nodes-base switches some rules to test fixtures when NODE_ENV is "test"
	// (as it is under jest); the scan must judge the files as n8n's own run of it does.
	delete process.env.NODE_ENV;
	// The scanner makes a temporary folder when it is loaded; have it removed at exit.
	scannerRequire('tmp').setGracefulCleanup();
	const glob = scannerRequire('fast-glob');
	const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(SCANNER);

	const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'scan-community-'));
	const results = [];
	try {
		for (const [index, { leg, path: target }] of legs.entries()) {
			const dir =
				leg === 'package' && fs.statSync(target).isFile()
					? unpack(target, path.join(scratch, String(index)))
					: target;
			const patterns = leg === 'source' ? SOURCE_FILE_PATTERNS : PACKAGE_PATTERNS;
			const files = glob.sync(patterns, { cwd: dir, ignore: IGNORE }).sort();
			const verdict = await analyzePackage(dir, patterns);
			results.push({
				leg,
				path: target,
				files,
				passed: verdict.passed,
				message: verdict.message,
				details: verdict.details,
			});
		}
	} finally {
		fs.rmSync(scratch, { recursive: true, force: true });
	}
	const passed = results.every((r) => r.passed);
	process.stdout.write(`${JSON.stringify({ passed, legs: results }, null, 2)}\n`);
	process.exitCode = passed ? 0 : 1;
}

main().catch((error) => {
	process.stderr.write(`${error.stack ?? error}\n`);
	process.exit(2);
});
