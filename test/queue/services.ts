/**
 * PostgreSQL and Redis for queue mode, each started from Debian's binaries on 127.0.0.1 with its
 * own data folder and port, and stopped (folder removed) afterwards. Nothing here downloads or
 * installs anything: globalSetup installs the Debian packages with scripts/system-packages.js.
 *
 * Postgres refuses to run as root, so when the tests run as root (CI) initdb and postgres run as
 * the `postgres` user that Debian's package creates; otherwise as the current user.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { host } from '../e2e/harness';

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Children still running when this process exits are killed, so a crashed run leaves none. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
	for (const child of running) {
		try {
			child.kill('SIGKILL');
		} catch {
			// already gone
		}
	}
});

interface Daemon {
	child: ChildProcess;
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startDaemon(
	command: string,
	args: string[],
	logFile: string,
	options: { uid?: number; gid?: number; cwd?: string } = {},
): Daemon {
	const fd = fs.openSync(logFile, 'a');
	const child = spawn(command, args, { stdio: ['ignore', fd, fd], ...options });
	fs.closeSync(fd);
	running.add(child);
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
		child.once('exit', (code, signal) => {
			running.delete(child);
			resolve({ code, signal });
		}),
	);
	return { child, exited };
}

async function stopDaemon(daemon: Daemon, signal: NodeJS.Signals, timeoutMs = 15_000) {
	if (daemon.child.exitCode !== null || daemon.child.signalCode !== null) return;
	daemon.child.kill(signal);
	const timer = setTimeout(() => daemon.child.kill('SIGKILL'), timeoutMs);
	await daemon.exited;
	clearTimeout(timer);
}

function tail(file: string, lines = 30): string {
	if (!fs.existsSync(file)) return '';
	return `\n--- last lines of ${file} ---\n${fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n')}`;
}

/** The newest /usr/lib/postgresql/<version>/bin that has initdb, or a clear error. */
export function postgresBinDir(): string {
	const root = '/usr/lib/postgresql';
	const versions = fs.existsSync(root)
		? fs
				.readdirSync(root)
				.filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (versions.length === 0)
		throw new Error(`no PostgreSQL server under ${root}: install the Debian package postgresql`);
	return path.join(root, versions[0], 'bin');
}

/** The uid and gid to run Postgres as: `postgres` when we are root, else nobody in particular. */
function postgresUser(): { uid?: number; gid?: number } {
	if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {};
	const id = (flag: string) =>
		Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
	return { uid: id('-u'), gid: id('-g') };
}

export interface PostgresOptions {
	/** Extra `-c name=value` server settings. */
	settings?: Record<string, string>;
}

/**
 * A throwaway PostgreSQL server: initdb into a fresh folder, `postgres` on a free port on
 * 127.0.0.1 (no Unix socket), trust authentication for the superuser `n8n`, database `n8n`.
 * Durability is off (fsync, synchronous_commit): the data is thrown away afterwards.
 */
export class PostgresServer {
	readonly user = 'n8n';
	readonly database = 'n8n';
	readonly host = '127.0.0.1';

	private constructor(
		readonly dir: string,
		readonly port: number,
		readonly binDir: string,
		readonly logFile: string,
		private readonly daemon: Daemon,
	) {}

	/** The postmaster's process id (its backends are its children). */
	get pid(): number | undefined {
		return this.daemon.child.pid;
	}

	static async start(options: PostgresOptions = {}): Promise<PostgresServer> {
		const binDir = postgresBinDir();
		const owner = postgresUser();
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telnyx-queue-pg-'));
		const dataDir = path.join(dir, 'data');
		const logFile = path.join(dir, 'postgres.log');
		fs.mkdirSync(dataDir, { mode: 0o700 });
		fs.writeFileSync(logFile, '');
		if (owner.uid !== undefined) {
			for (const entry of [dir, dataDir, logFile]) fs.chownSync(entry, owner.uid, owner.gid!);
			try {
				execFileSync('test', ['-w', dataDir], { ...owner, stdio: 'ignore' });
			} catch {
				throw new Error(
					`the postgres user cannot reach ${dataDir}: point TMPDIR at a folder every user may enter (such as /tmp)`,
				);
			}
		}
		try {
			execFileSync(
				path.join(binDir, 'initdb'),
				['-D', dataDir, '-U', 'n8n', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
				{ ...owner, cwd: dir, stdio: 'pipe', env: { ...process.env, LC_ALL: 'C' } },
			);
		} catch (error) {
			const e = error as { stdout?: Buffer; stderr?: Buffer; message: string };
			throw new Error(`initdb failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
		}
		const port = await host.freePort();
		const settings: Record<string, string> = {
			listen_addresses: '127.0.0.1',
			unix_socket_directories: '',
			fsync: 'off',
			synchronous_commit: 'off',
			full_page_writes: 'off',
			max_connections: '200',
			...options.settings,
		};
		const args = ['-D', dataDir, '-p', String(port)];
		for (const [key, value] of Object.entries(settings)) args.push('-c', `${key}=${value}`);
		const daemon = startDaemon(path.join(binDir, 'postgres'), args, logFile, {
			...owner,
			cwd: dir,
		});
		const server = new PostgresServer(dir, port, binDir, logFile, daemon);
		try {
			await server.waitReady();
			await server.psql(`CREATE DATABASE ${server.database}`, { database: 'postgres' });
		} catch (error) {
			await server.stop();
			throw error;
		}
		return server;
	}

	/** The DB_* variables that point n8n at this server. */
	get n8nEnv(): Record<string, string> {
		return {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: this.host,
			DB_POSTGRESDB_PORT: String(this.port),
			DB_POSTGRESDB_DATABASE: this.database,
			DB_POSTGRESDB_USER: this.user,
			DB_POSTGRESDB_PASSWORD: '',
		};
	}

	private async waitReady(timeoutMs = 60_000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			if (this.daemon.child.exitCode !== null || this.daemon.child.signalCode !== null)
				throw new Error(`postgres exited while starting${tail(this.logFile)}`);
			try {
				execFileSync(
					path.join(this.binDir, 'pg_isready'),
					['-h', this.host, '-p', String(this.port), '-d', 'postgres', '-U', this.user, '-q'],
					{ stdio: 'ignore' },
				);
				return;
			} catch {
				if (Date.now() > deadline)
					throw new Error(`postgres not ready after ${timeoutMs} ms${tail(this.logFile)}`);
				await sleep(200);
			}
		}
	}

	/**
	 * Runs SQL with the psql CLI and returns its unaligned output. `vars` become psql variables,
	 * to be written `:'name'` (quoted literal) in the SQL, so values are never pasted into it.
	 */
	psql(
		sql: string,
		options: { vars?: Record<string, string>; database?: string } = {},
	): Promise<string> {
		const args = [
			'-X',
			'-q',
			'-A',
			'-t',
			'-v',
			'ON_ERROR_STOP=1',
			'-h',
			this.host,
			'-p',
			String(this.port),
			'-U',
			this.user,
			'-d',
			options.database ?? this.database,
		];
		for (const [key, value] of Object.entries(options.vars ?? {}))
			args.push('-v', `${key}=${value}`);
		return new Promise((resolve, reject) => {
			const child = spawn(path.join(this.binDir, 'psql'), args, {
				stdio: ['pipe', 'pipe', 'pipe'],
			});
			const out: Buffer[] = [];
			const err: Buffer[] = [];
			child.stdout.on('data', (c: Buffer) => out.push(c));
			child.stderr.on('data', (c: Buffer) => err.push(c));
			child.on('error', reject);
			child.on('close', (code) => {
				if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
				else
					reject(new Error(`psql failed (exit ${code}): ${Buffer.concat(err).toString('utf8')}`));
			});
			// Through standard input, so that psql interpolates the variables.
			child.stdin.end(`${sql}\n`);
		});
	}

	/** The rows of a query, as JSON objects (the query runs inside `json_agg`). */
	async query<T = Record<string, any>>(sql: string, vars?: Record<string, string>): Promise<T[]> {
		const text = await this.psql(
			`SELECT coalesce(json_agg(row_to_json(q)), '[]'::json) FROM (${sql}) q;`,
			{ vars },
		);
		return JSON.parse(text.trim() || '[]') as T[];
	}

	async stop(): Promise<void> {
		// SIGINT is Postgres's "fast" shutdown: disconnect clients, stop at once.
		await stopDaemon(this.daemon, 'SIGINT');
	}

	/** Removes the data folder (keeps it when `keep`, and says where). */
	cleanup(keep = false): void {
		if (keep) {
			process.stderr.write(`[queue] kept ${this.dir} (postgres log: ${this.logFile})\n`);
			return;
		}
		fs.rmSync(this.dir, { recursive: true, force: true });
	}
}

/** Sends one inline command to Redis and resolves with its first reply line. */
function redisCommand(port: number, command: string, timeoutMs = 2000): Promise<string> {
	return new Promise((resolve, reject) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		let reply = '';
		const timer = setTimeout(() => socket.destroy(new Error('redis: no reply')), timeoutMs);
		socket.on('connect', () => socket.write(`${command}\r\n`));
		socket.on('data', (chunk) => {
			reply += chunk.toString('utf8');
			if (reply.includes('\r\n')) {
				clearTimeout(timer);
				socket.end();
				resolve(reply.split('\r\n')[0]);
			}
		});
		socket.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
	});
}

/** A throwaway Redis on a free port on 127.0.0.1: no persistence, its own working folder. */
export class RedisServer {
	private constructor(
		readonly dir: string,
		readonly port: number,
		readonly logFile: string,
		private readonly daemon: Daemon,
	) {}

	get pid(): number | undefined {
		return this.daemon.child.pid;
	}

	static async start(): Promise<RedisServer> {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'telnyx-queue-redis-'));
		const logFile = path.join(dir, 'redis.log');
		const port = await host.freePort();
		const daemon = startDaemon(
			'redis-server',
			[
				'--port',
				String(port),
				'--bind',
				'127.0.0.1',
				'--dir',
				dir,
				'--save',
				'',
				'--appendonly',
				'no',
				'--daemonize',
				'no',
				'--protected-mode',
				'yes',
			],
			logFile,
			{ cwd: dir },
		);
		const server = new RedisServer(dir, port, logFile, daemon);
		const deadline = Date.now() + 30_000;
		for (;;) {
			if (daemon.child.exitCode !== null || daemon.child.signalCode !== null)
				throw new Error(`redis-server exited while starting${tail(logFile)}`);
			const reply = await redisCommand(port, 'PING').catch(() => '');
			if (reply === '+PONG') break;
			if (Date.now() > deadline) {
				await server.stop();
				throw new Error(`redis-server not ready after 30 s${tail(logFile)}`);
			}
			await sleep(100);
		}
		return server;
	}

	/** The QUEUE_BULL_REDIS_* variables that point n8n at this server. */
	get n8nEnv(): Record<string, string> {
		return { QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(this.port) };
	}

	command(command: string): Promise<string> {
		return redisCommand(this.port, command);
	}

	async stop(): Promise<void> {
		await stopDaemon(this.daemon, 'SIGTERM');
	}

	cleanup(keep = false): void {
		if (keep) {
			process.stderr.write(`[queue] kept ${this.dir} (redis log: ${this.logFile})\n`);
			return;
		}
		fs.rmSync(this.dir, { recursive: true, force: true });
	}
}
