'use strict';
/**
 * Jest globalSetup of the browser project: Debian's Chromium (installed with apt-get when
 * missing, never downloaded from anywhere else), then what the e2e suite needs: the n8n host, a
 * fresh build and the packed tarball (TELNYX_E2E_PACK).
 */
const { ensurePackages } = require('../../scripts/system-packages');
const e2eSetup = require('../e2e/globalSetup');

module.exports = async function globalSetup() {
	ensurePackages(['chromium']);
	await e2eSetup();
};
