#!/usr/bin/env node
'use strict';
/**
 * `npm start`: builds the pack and runs it in a real n8n on http://127.0.0.1:5678 (SQLite), for
 * trying the nodes in the editor.
 *
 * - The n8n host (n8n + Node 24) is installed once into scripts/n8n-host/node_modules; later
 *   starts reuse it.
 * - n8n's data (database, credentials, workflows) lives in .n8n-dev/ and survives restarts.
 * - Each start rebuilds the pack, packs it with `npm pack` and installs the tarball into
 *   .n8n-dev/.n8n/nodes, as the community nodes panel would.
 *
 * N8N_PORT overrides the port (the task broker uses the next one).
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const host = require('./host');

const DEV_DIR = path.join(host.PROJECT_DIR, '.n8n-dev');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function step(message) {
	process.stderr.write(`\n[start] ${message}\n`);
}

async function main() {
	const port = Number(process.env.N8N_PORT || 5678);
	const brokerPort = Number(process.env.N8N_RUNNERS_BROKER_PORT || port + 1);

	step('checking the n8n host');
	await host.ensureHost();

	step('building the pack (npm run build)');
	const build = spawnSync(NPM, ['run', 'build'], { cwd: host.PROJECT_DIR, stdio: 'inherit' });
	if (build.status !== 0) throw new Error('npm run build failed');

	step('packing and installing it into .n8n-dev/.n8n/nodes');
	const packed = host.packProject(path.join(DEV_DIR, 'pack'));
	const installed = host.installPack(DEV_DIR, packed.tarball);
	fs.rmSync(path.dirname(packed.tarball), { recursive: true, force: true });
	process.stderr.write(
		`[start] ${packed.name}@${packed.version} -> ${path.relative(host.PROJECT_DIR, installed)}\n`,
	);

	const env = host.n8nEnv({ userFolder: DEV_DIR, port, brokerPort });
	step(`starting n8n on http://127.0.0.1:${port} (Ctrl+C stops it)`);
	const server = await host.startN8n({ env, timeoutMs: 300_000 });
	const forward = (signal) => () => {
		void server.stop();
		process.exitCode = signal === 'SIGINT' ? 130 : 143;
	};
	process.on('SIGINT', forward('SIGINT'));
	process.on('SIGTERM', forward('SIGTERM'));
	process.stderr.write(
		[
			'',
			'  ------------------------------------------------------------------',
			`  n8n is ready: ${server.url}/`,
			'  Open it, create the owner account (first time only), add a node and',
			'  search for "Telnyx" (actions) or "Telnyx Trigger" (webhooks).',
			'  Data lives in .n8n-dev/ (delete it to start over).',
			'  ------------------------------------------------------------------',
			'',
		].join('\n') + '\n',
	);
	const { code, signal } = await server.exited;
	if (process.exitCode === undefined) process.exitCode = code ?? (signal ? 1 : 0);
}

main().catch((error) => {
	process.stderr.write(`[start] ${error.message}\n`);
	process.exit(1);
});
