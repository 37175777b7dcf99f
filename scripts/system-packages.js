#!/usr/bin/env node
'use strict';
/**
 * Debian packages that some test suites need (Chromium for the editor test, PostgreSQL and
 * Redis for queue mode). Installed by name with apt-get when missing, never downloaded from
 * anywhere else. CI runs as root; a developer who is not root is told what to install.
 *
 *   node scripts/system-packages.js chromium postgresql redis-server
 *
 * Exports ensurePackages(names) for jest global setups.
 */
const { spawnSync } = require('node:child_process');

function log(message) {
	process.stderr.write(`[system-packages] ${message}\n`);
}

function isInstalled(name) {
	const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
	return result.status === 0 && /install ok installed/.test(result.stdout);
}

function run(command, args) {
	const started = Date.now();
	const result = spawnSync(command, args, {
		encoding: 'utf8',
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		maxBuffer: 64 * 1024 * 1024,
	});
	if (result.status !== 0) {
		process.stderr.write(`${result.stdout ?? ''}\n${result.stderr ?? ''}\n`);
		throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`);
	}
	log(`${command} ${args.filter((a) => !a.startsWith('-') && !a.includes('::'))[0]}: done in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

let updated = false;

/** Installs the Debian packages in `names` that are missing; returns the ones it installed. */
function ensurePackages(names) {
	const missing = names.filter((name) => !isInstalled(name));
	if (missing.length === 0) return [];
	const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
	if (!isRoot) {
		throw new Error(
			`missing Debian packages: ${missing.join(' ')}. Install them with: sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`,
		);
	}
	log(`installing ${missing.join(' ')} with apt-get`);
	if (!updated) {
		run('apt-get', ['-o', 'DPkg::Lock::Timeout=600', 'update']);
		updated = true;
	}
	run('apt-get', ['-o', 'DPkg::Lock::Timeout=600', 'install', '-y', '--no-install-recommends', ...missing]);
	return missing;
}

module.exports = { ensurePackages, isInstalled };

if (require.main === module) {
	try {
		ensurePackages(process.argv.slice(2));
	} catch (error) {
		log(error.message);
		process.exit(1);
	}
}
