'use strict';
/**
 * Jest globalTeardown of the e2e project: removes the tarball globalSetup packed, once every
 * e2e test file has used it. E2E_KEEP=1 keeps it, and a tarball given in TELNYX_E2E_TARBALL is
 * never touched (only the folder globalSetup made for its description).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

module.exports = async function globalTeardown() {
	const info = process.env.TELNYX_E2E_PACK;
	if (!info || process.env.E2E_KEEP === '1') return;
	const dir = path.dirname(info);
	// Only a folder globalSetup made in the temporary directory.
	if (path.dirname(dir) !== os.tmpdir() || !path.basename(dir).startsWith('telnyx-e2e-pack-'))
		return;
	fs.rmSync(dir, { recursive: true, force: true });
};
