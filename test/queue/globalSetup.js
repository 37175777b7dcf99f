'use strict';
/**
 * Jest globalSetup of the queue project: installs PostgreSQL and Redis from Debian's packages
 * when they are missing (apt-get, through scripts/system-packages.js), then does what the e2e
 * project's setup does (n8n host, dist/ up to date, one `npm pack`).
 */
const { ensurePackages } = require('../../scripts/system-packages');
const e2eSetup = require('../e2e/globalSetup');

module.exports = async function globalSetup() {
	ensurePackages(['postgresql', 'redis-server']);
	await e2eSetup();
};
