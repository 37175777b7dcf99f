/**
 * n8n in queue mode on loopback: PostgreSQL and Redis (test/queue/services.ts), one main
 * (`n8n start`), workers (`n8n worker`) that take executions from the Redis queue, webhook
 * processes (`n8n webhook`) that take production webhooks, and a small round-robin load balancer
 * in front of the webhook processes. Every n8n process has its own user folder with the packed
 * pack installed, and they share the database, Redis and the encryption key.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import {
	LOAD_FAILURE,
	N8nInstance,
	host,
	settledExecutions,
	type Execution,
	type RunningN8n,
} from '../e2e/harness';
import { PostgresServer, RedisServer } from './services';

/** The Debian packages queue mode needs (installed by globalSetup with apt-get). */
export const QUEUE_PACKAGES = ['postgresql', 'redis-server'];

// n8n stores run data in its "flatted" format; the host install brings the decoder.
const flatted: { parse(text: string): any } = require(
	path.join(host.HOST_DIR, 'node_modules', 'flatted'),
);

/**
 * A round-robin HTTP proxy on 127.0.0.1, as a load balancer in front of the webhook processes
 * would be. Answers 502 when the chosen process cannot be reached (no retry on another one: a
 * real balancer may retry, and Telnyx retries an unanswered event anyway).
 */
export class LoadBalancer {
	targets: string[] = [];
	/** How many requests each target was sent, by target URL. */
	readonly sent = new Map<string, number>();
	/** Upstream failures (answered 502), by error code. */
	readonly errors = new Map<string, number>();
	private next = 0;
	// A new connection per request: reusing an idle one races the upstream closing it after its
	// keep-alive timeout, and a POST that met a closed socket cannot be safely sent again.
	private readonly agent = new http.Agent({ keepAlive: false, maxSockets: 256 });
	private readonly sockets = new Set<Socket>();

	private constructor(
		private readonly server: http.Server,
		readonly port: number,
	) {
		server.on('connection', (socket: Socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
	}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	static async start(): Promise<LoadBalancer> {
		let balancer: LoadBalancer | undefined;
		const server = http.createServer((req, res) => balancer!.forward(req, res));
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(0, '127.0.0.1', () => resolve());
		});
		balancer = new LoadBalancer(server, (server.address() as AddressInfo).port);
		return balancer;
	}

	private forward(req: http.IncomingMessage, res: http.ServerResponse): void {
		if (this.targets.length === 0) {
			res.writeHead(503).end('no upstream');
			return;
		}
		const target = this.targets[this.next++ % this.targets.length];
		this.sent.set(target, (this.sent.get(target) ?? 0) + 1);
		const upstream = http.request(
			`${target}${req.url ?? '/'}`,
			{ method: req.method, headers: req.headers, agent: this.agent },
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			},
		);
		upstream.on('error', (error: NodeJS.ErrnoException) => {
			const code = error.code ?? error.message;
			this.errors.set(code, (this.errors.get(code) ?? 0) + 1);
			if (!res.headersSent) res.writeHead(502);
			res.end();
		});
		req.pipe(upstream);
	}

	async stop(): Promise<void> {
		await new Promise<void>((resolve) => {
			this.server.close(() => resolve());
			for (const socket of this.sockets) socket.destroy();
		});
		this.agent.destroy();
	}
}

/** One `n8n worker` or `n8n webhook` process with its own user folder. */
export class QueueProcess {
	readonly userFolder: string;
	readonly logFile: string;
	env: NodeJS.ProcessEnv = {};
	/** N8N_PORT for a webhook process, the health check port for a worker. */
	port = 0;
	server?: RunningN8n;

	constructor(
		readonly role: 'worker' | 'webhook',
		readonly name: string,
		workDir: string,
	) {
		this.userFolder = path.join(workDir, name, 'home');
		this.logFile = path.join(workDir, name, 'n8n.log');
	}

	get baseUrl(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	async prepare(tarball: string, shared: Record<string, string>): Promise<void> {
		this.port = await host.freePort();
		const brokerPort = await host.freePort();
		const extra: Record<string, string> = { ...shared };
		if (this.role === 'worker') {
			// The worker's HTTP server (health endpoints) is off unless asked for.
			extra.QUEUE_HEALTH_CHECK_ACTIVE = 'true';
			extra.QUEUE_HEALTH_CHECK_PORT = String(this.port);
			extra.N8N_WORKER_SERVER_ADDRESS = '127.0.0.1';
		}
		this.env = host.n8nEnv({ userFolder: this.userFolder, port: this.port, brokerPort, extra });
		host.installPack(this.userFolder, tarball);
	}

	async start(webhookPaths: string[]): Promise<void> {
		this.server = await host.startN8n({
			env: this.env,
			logFile: this.logFile,
			command: this.role,
			port: this.port,
			webhookPaths: this.role === 'webhook' ? webhookPaths : [],
			timeoutMs: 240_000,
			failOn: LOAD_FAILURE,
		});
	}

	log(): string {
		return fs.existsSync(this.logFile) ? fs.readFileSync(this.logFile, 'utf8') : '';
	}

	async stop(): Promise<void> {
		await this.server?.stop();
		this.server = undefined;
	}
}

export interface QueueClusterOptions {
	tarball: string;
	credentialValues: Record<string, string>;
	workflows: string[];
	publish: string[];
	/** Production webhook paths each webhook process must serve before the cluster is ready. */
	webhookPaths: string[];
	workers?: number;
	webhookProcesses?: number;
}

/**
 * Lines by which n8n 2.40 (or the trigger) says that a process could not do its part: a job a
 * worker failed, an execution n8n gave up, a failed save, a broken queue. None may appear.
 */
export const PROCESS_FAILURE =
	/(Worker errored while running execution|Problem with execution|There was a problem saving|There was an error in the post-execution promise|Queue errored|Failed to notify main|Telnyx Trigger could not handle)[^\n]*/;

export class QueueCluster {
	readonly workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'telnyx-queue-'));
	readonly encryptionKey = randomBytes(24).toString('base64url');
	postgres!: PostgresServer;
	redis!: RedisServer;
	balancer!: LoadBalancer;
	main!: N8nInstance;
	workers: QueueProcess[] = [];
	webhookProcesses: QueueProcess[] = [];

	/** Starts everything; on failure stops what it started and rethrows. */
	static async start(options: QueueClusterOptions): Promise<QueueCluster> {
		const cluster = new QueueCluster();
		try {
			await cluster.boot(options);
		} catch (error) {
			if (error instanceof Error) error.message += cluster.logTails(40);
			await cluster.stop();
			cluster.cleanup(true);
			throw error;
		}
		return cluster;
	}

	/** Production webhook URL of `hookPath` behind the load balancer. */
	webhookUrl(hookPath: string): string {
		return `${this.balancer.url}/webhook/${hookPath}`;
	}

	/** Environment every n8n process of the cluster shares. */
	private sharedEnv(): Record<string, string> {
		return {
			...this.postgres.n8nEnv,
			...this.redis.n8nEnv,
			EXECUTIONS_MODE: 'queue',
			N8N_ENCRYPTION_KEY: this.encryptionKey,
			// The URL Telnyx is given: the load balancer, not any one process.
			N8N_WEBHOOK_URL: `${this.balancer.url}/`,
			// Keep every execution, so the tests can count them.
			EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
			EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
			EXECUTIONS_DATA_PRUNE: 'false',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		};
	}

	private async boot(options: QueueClusterOptions): Promise<void> {
		[this.postgres, this.redis, this.balancer] = await Promise.all([
			PostgresServer.start(),
			RedisServer.start(),
			LoadBalancer.start(),
		]);
		const shared = this.sharedEnv();
		this.main = new N8nInstance({
			label: 'telnyx-queue-main',
			env: {
				...shared,
				// Production webhooks go to the webhook processes only.
				N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
				// Manual runs from the editor go to the workers too (n8n 2.40 deprecates running
				// them on the main in queue mode).
				OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			},
			executions: (workflowId) => this.executions(workflowId),
		});
		// Imports run the database migrations, once, before any server starts.
		await this.main.prepare({
			tarball: options.tarball,
			credentialValues: options.credentialValues,
			workflows: options.workflows,
			publish: options.publish,
		});
		for (let i = 0; i < (options.workers ?? 2); i++)
			this.workers.push(new QueueProcess('worker', `worker-${i + 1}`, this.workDir));
		for (let i = 0; i < (options.webhookProcesses ?? 2); i++)
			this.webhookProcesses.push(new QueueProcess('webhook', `webhook-${i + 1}`, this.workDir));
		for (const proc of [...this.workers, ...this.webhookProcesses])
			await proc.prepare(options.tarball, shared);
		this.balancer.targets = this.webhookProcesses.map((p) => p.baseUrl);

		// The main activates the workflows (it writes their webhooks to the database, which the
		// webhook processes read); its own /webhook path is off. A webhook process is ready once
		// each of `webhookPaths` answers OPTIONS with 204.
		await Promise.all([
			this.main.start([]),
			...this.workers.map((w) => w.start([])),
			...this.webhookProcesses.map((w) => w.start(options.webhookPaths)),
		]);
	}

	/** Every process's log, by name. */
	logs(): Record<string, string> {
		const logs: Record<string, string> = { main: this.main?.log() ?? '' };
		for (const proc of [...this.workers, ...this.webhookProcesses]) logs[proc.name] = proc.log();
		return logs;
	}

	logTails(lines = 30): string {
		const files = [
			this.main?.logFile,
			...[...this.workers, ...this.webhookProcesses].map((p) => p.logFile),
		];
		return files.map((file) => host.logTail(file, lines)).join('');
	}

	/** Each PROCESS_FAILURE line any process logged, as `<process>: <line>`. */
	failures(): string[] {
		const found: string[] = [];
		const pattern = new RegExp(PROCESS_FAILURE.source, 'g');
		for (const [name, log] of Object.entries(this.logs()))
			for (const match of log.matchAll(pattern)) found.push(`${name}: ${match[0]}`);
		return found;
	}

	/** Throws when any process logged that it could not load the pack. */
	assertPackLoaded(): void {
		for (const [name, log] of Object.entries(this.logs())) {
			const match = LOAD_FAILURE.exec(log);
			if (match) throw new Error(`${name} logged "${match[0]}"`);
		}
	}

	/** id, mode and status of every execution of the workflow, oldest first (cheap to poll). */
	async executionStatuses(
		workflowId: string,
	): Promise<Array<{ id: number; mode: string; status: string; finished: boolean }>> {
		const rows = await this.postgres.query(
			`SELECT id, mode, status, finished FROM execution_entity WHERE "workflowId" = :'wf' ORDER BY id`,
			{ wf: workflowId },
		);
		return rows.map((r) => ({ ...r, id: Number(r.id) }) as any);
	}

	/** The stored executions of a workflow with their run data, oldest first. */
	async executions(workflowId: string): Promise<Execution[]> {
		const rows = await this.postgres.query(
			`SELECT e.id, e.mode, e.status, e.finished, d.data
			   FROM execution_entity e LEFT JOIN execution_data d ON d."executionId" = e.id
			  WHERE e."workflowId" = :'wf' ORDER BY e.id`,
			{ wf: workflowId },
		);
		return rows.map((row) =>
			host.toExecution({
				...row,
				data: typeof row.data === 'string' ? flatted.parse(row.data) : row.data,
			}),
		);
	}

	async settledExecutions(workflowId: string, count: number, timeoutMs = 60_000) {
		return await settledExecutions((id) => this.executions(id), workflowId, count, timeoutMs);
	}

	/** Like settledExecutions, counting only the executions with an id above `afterId`. */
	async settledExecutionsAfter(
		workflowId: string,
		afterId: number,
		count: number,
		timeoutMs = 60_000,
	): Promise<Execution[]> {
		const read = async (id: string) => (await this.executions(id)).filter((e) => e.id > afterId);
		return await settledExecutions(read, workflowId, count, timeoutMs);
	}

	/** The highest execution id so far (of any workflow), 0 when there is none. */
	async lastExecutionId(): Promise<number> {
		const [row] = await this.postgres.query(
			'SELECT coalesce(max(id), 0) AS id FROM execution_entity',
		);
		return Number(row.id);
	}

	/** Execution ids each worker logged as finished, by worker name. */
	finishedByWorker(): Map<string, number[]> {
		const result = new Map<string, number[]>();
		for (const worker of this.workers) {
			const ids = [...worker.log().matchAll(/Worker finished execution (\d+)/g)].map((m) =>
				Number(m[1]),
			);
			result.set(worker.name, ids);
		}
		return result;
	}

	async stop(): Promise<void> {
		await Promise.all(
			[...this.webhookProcesses, ...this.workers].map((p) => p.stop().catch(() => undefined)),
		);
		await this.main?.stop().catch(() => undefined);
		await this.balancer?.stop();
		await this.redis?.stop();
		await this.postgres?.stop();
	}

	cleanup(keep: boolean): void {
		this.main?.cleanup(keep);
		this.redis?.cleanup(keep);
		this.postgres?.cleanup(keep);
		if (keep) process.stderr.write(`[queue] kept ${this.workDir} (worker and webhook logs)\n`);
		else fs.rmSync(this.workDir, { recursive: true, force: true });
	}
}
