'use strict';
/**
 * Jest globalSetup of the e2e project: makes sure the n8n host is installed (a clean CI clone
 * installs it here, with progress), that dist/ is built from the current sources, and packs the
 * project with `npm pack` once. The tests read the pack's location from TELNYX_E2E_PACK.
 * TELNYX_E2E_TARBALL=<file.tgz> tests that tarball instead of packing the project.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const host = require('../../scripts/host');
const { ensureBuilt } = require('../harness/build');

module.exports = async function globalSetup() {
	const started = Date.now();
	await host.ensureHost();

	const given = process.env.TELNYX_E2E_TARBALL;
	if (given) {
		// Test a tarball made elsewhere (a release candidate, or a deliberately broken one).
		const tarball = path.resolve(given);
		const list = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' });
		const manifest = spawnSync('tar', ['-xzOf', tarball, 'package/package.json'], {
			encoding: 'utf8',
		});
		if (list.status !== 0 || manifest.status !== 0) throw new Error(`cannot read ${tarball}`);
		const { name, version } = JSON.parse(manifest.stdout);
		const files = list.stdout
			.split('\n')
			.filter((f) => f && !f.endsWith('/'))
			.map((f) => f.replace(/^package\//, ''));
		const infoFile = path.join(
			fs.mkdtempSync(path.join(os.tmpdir(), 'telnyx-e2e-pack-')),
			'pack.json',
		);
		fs.writeFileSync(infoFile, JSON.stringify({ tarball, files, name, version }, null, 2));
		process.env.TELNYX_E2E_PACK = infoFile;
		process.stderr.write(`[e2e] testing the given tarball ${tarball} (${files.length} files)\n`);
		return;
	}

	ensureBuilt('e2e');

	const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'telnyx-e2e-pack-'));
	const packed = host.packProject(packDir);
	const infoFile = path.join(packDir, 'pack.json');
	fs.writeFileSync(infoFile, JSON.stringify(packed, null, 2));
	process.env.TELNYX_E2E_PACK = infoFile;
	process.stderr.write(
		`[e2e] packed ${path.basename(packed.tarball)} (${packed.files.length} files); setup took ${((Date.now() - started) / 1000).toFixed(1)}s\n`,
	);
};
