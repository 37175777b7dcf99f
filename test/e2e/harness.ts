/**
 * Helpers of the end-to-end suite: a real n8n (from scripts/host.js) with the packed pack
 * installed, fixtures written for it, signed Telnyx webhooks, and reads of n8n's database.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import axios, { type AxiosResponse } from 'axios';
import nacl from 'tweetnacl';

export interface CliResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
}

export interface RunningN8n {
	child: ChildProcess;
	port: number;
	url: string;
	logFile?: string;
	stop(timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface Execution {
	id: number;
	mode: string;
	status: string;
	finished: boolean;
	/** Node name → runs → JSON of the items of the first output. */
	runData: Record<string, Array<Array<Record<string, any>>>>;
	error?: string;
}

/** What scripts/host.js exports (plain JavaScript, so it is typed here). */
export interface HostApi {
	PROJECT_DIR: string;
	HOST_DIR: string;
	/** Installs the host when it is missing or stale. */
	ensureHost(): Promise<unknown>;
	/** `npm pack`s the project into `destDir`. */
	packProject(destDir: string): { tarball: string; files: string[]; name: string; version: string };
	freePort(): Promise<number>;
	n8nEnv(options: {
		userFolder: string;
		port?: number;
		brokerPort?: number;
		logLevel?: string;
		extra?: Record<string, string>;
	}): NodeJS.ProcessEnv;
	installPack(userFolder: string, tarball: string): string;
	n8nCli(
		args: string[],
		env: NodeJS.ProcessEnv,
		options?: { timeoutMs?: number },
	): Promise<CliResult>;
	n8nCliOk(
		args: string[],
		env: NodeJS.ProcessEnv,
		options?: { timeoutMs?: number },
	): Promise<CliResult>;
	startN8n(options: {
		env: NodeJS.ProcessEnv;
		logFile?: string;
		webhookPaths?: string[];
		timeoutMs?: number;
		failOn?: RegExp;
		/** `start` (default), `worker` or `webhook`. */
		command?: string;
		/** Where the health endpoints answer; N8N_PORT by default. */
		port?: number;
	}): Promise<RunningN8n>;
	queryDb(userFolder: string, sql: string, params?: unknown[]): Promise<Array<Record<string, any>>>;
	executions(userFolder: string, workflowId: string): Promise<Execution[]>;
	/** An execution row whose `data` is already decoded from flatted, as an Execution. */
	toExecution(row: Record<string, any>): Execution;
	logTail(logFile: string | undefined, lines?: number): string;
}

/** scripts/host.js, found from the project root (also when this file runs compiled elsewhere). */
function hostModulePath(): string {
	for (let dir = __dirname; ; dir = path.dirname(dir)) {
		const candidate = path.join(dir, 'scripts', 'host.js');
		if (fs.existsSync(candidate)) return candidate;
		if (path.dirname(dir) === dir) throw new Error(`scripts/host.js not found above ${__dirname}`);
	}
}

export const host: HostApi = require(hostModulePath());

export const FIXTURES = path.join(host.PROJECT_DIR, 'test', 'e2e', 'fixtures');

/**
 * How n8n 2.40.7 logs a package it cannot load: a missing dist file as `Failed to load package
 * "<name>"`, an unsupported n8nNodesApiVersion as `Skipping package`, and a package without a
 * usable `n8n` section only through the workflows that use it (`Unrecognized node type`, logged
 * when they are activated, after the server already answers).
 */
export const LOAD_FAILURE =
	/(Failed to load package|Skipping package|Unrecognized node type)[^\n]*/;

export interface PackInfo {
	tarball: string;
	files: string[];
	name: string;
	version: string;
}

/** The tarball globalSetup packed. */
export function packInfo(): PackInfo {
	const file = process.env.TELNYX_E2E_PACK;
	if (!file || !fs.existsSync(file)) {
		throw new Error(
			'TELNYX_E2E_PACK is not set: run the e2e tests through jest --selectProjects e2e (globalSetup packs the project)',
		);
	}
	return JSON.parse(fs.readFileSync(file, 'utf8')) as PackInfo;
}

export function readFixture<T = any>(name: string): T {
	return JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8')) as T;
}

/** Copies a fixture into `dir`, replacing `__NAME__` placeholders. Returns the new path. */
export function writeFixture(
	dir: string,
	name: string,
	values: Record<string, string> = {},
): string {
	let text = fs.readFileSync(path.join(FIXTURES, name), 'utf8');
	for (const [key, value] of Object.entries(values)) {
		text = text.split(`__${key}__`).join(JSON.stringify(value).slice(1, -1));
	}
	const left = /__[A-Z_]+__/.exec(text);
	if (left) throw new Error(`fixture ${name} still has the placeholder ${left[0]}`);
	const target = path.join(dir, name);
	fs.writeFileSync(target, text);
	return target;
}

/** The run JSON `n8n execute --rawOutput` prints, even if log lines come before it. */
export function parseRunJson(stdout: string): any {
	const end = stdout.lastIndexOf('}');
	for (
		let start = stdout.indexOf('{');
		start !== -1 && start < end;
		start = stdout.indexOf('{', start + 1)
	) {
		if (start > 0 && stdout[start - 1] !== '\n') continue;
		try {
			return JSON.parse(stdout.slice(start, end + 1));
		} catch {
			// not the start of the JSON document
		}
	}
	return undefined;
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `probe` until it returns a value other than undefined, or fails with `what`. */
export async function eventually<T>(
	what: string,
	probe: () => Promise<T | undefined> | T | undefined,
	timeoutMs = 30_000,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		if (Date.now() > deadline)
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(200);
	}
}

/** Signs webhook deliveries the way Telnyx does: Ed25519 over `<timestamp>|<raw body>`. */
export class WebhookSigner {
	private readonly keys = nacl.sign.keyPair();

	get publicKey(): string {
		return Buffer.from(this.keys.publicKey).toString('base64');
	}

	headers(
		rawBody: string | Buffer,
		timestamp = Math.floor(Date.now() / 1000),
	): Record<string, string> {
		const message = Buffer.concat([
			Buffer.from(`${timestamp}|`),
			Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(rawBody),
		]);
		const signature = nacl.sign.detached(new Uint8Array(message), this.keys.secretKey);
		return {
			'telnyx-timestamp': String(timestamp),
			'telnyx-signature-ed25519': Buffer.from(signature).toString('base64'),
		};
	}
}

/** A Telnyx webhook delivery, as the raw JSON text Telnyx would send. */
export function telnyxEvent(
	eventType: string,
	id: string,
	payload: Record<string, unknown>,
): string {
	return JSON.stringify({
		data: {
			record_type: 'event',
			event_type: eventType,
			id,
			occurred_at: new Date().toISOString(),
			payload: { connection_id: 'conn-e2e-inbound', ...payload },
		},
		meta: { attempt: 1, delivered_to: 'e2e' },
	});
}

export async function postRaw(
	url: string,
	rawBody: string,
	headers: Record<string, string>,
): Promise<AxiosResponse> {
	return await axios.post(url, rawBody, {
		headers: { 'content-type': 'application/json', ...headers },
		validateStatus: () => true,
		transformRequest: [(data) => data],
		timeout: 30_000,
	});
}

/** The owner account `N8nInstance.login()` creates; the browser test signs in with it. */
export const OWNER = {
	email: 'e2e@example.com',
	firstName: 'End',
	lastName: 'ToEnd',
	password: 'E2e-tests-Passw0rd',
};

/** Reads the stored executions of a workflow, oldest first. */
export type ExecutionReader = (workflowId: string) => Promise<Execution[]>;

const UNSETTLED = ['new', 'running', 'waiting'];

/** Waits until exactly `count` executions of the workflow exist and none is still running. */
export async function settledExecutions(
	read: ExecutionReader,
	workflowId: string,
	count: number,
	timeoutMs = 30_000,
): Promise<Execution[]> {
	let last: Execution[] = [];
	try {
		return await eventually(
			`${count} finished executions of ${workflowId}`,
			async () => {
				last = await read(workflowId);
				const done = last.filter((e) => !UNSETTLED.includes(e.status));
				return last.length >= count && done.length === last.length ? last : undefined;
			},
			timeoutMs,
		);
	} catch (error) {
		throw new Error(
			`${(error as Error).message}; saw ${JSON.stringify(last.map((e) => [e.id, e.status]))}`,
		);
	}
}

export interface N8nInstanceOptions {
	/** Environment variables on top of host.n8nEnv (database, queue mode, encryption key...). */
	env?: Record<string, string>;
	/** Where executions are read from; by default the SQLite database in the user folder. */
	executions?: ExecutionReader;
	/** Prefix of the work folder's name. */
	label?: string;
}

/**
 * One n8n server in a fresh user folder: pack installed like the community nodes panel does,
 * credentials and workflows imported with n8n's CLI, chosen workflows published, started.
 */
export class N8nInstance {
	readonly workDir: string;
	readonly userFolder: string;
	readonly logFile: string;
	env: NodeJS.ProcessEnv = {};
	port = 0;
	server?: RunningN8n;
	private cookie = '';
	private readonly browserId = 'telnyx-e2e-browser';

	constructor(private readonly options: N8nInstanceOptions = {}) {
		this.workDir = fs.mkdtempSync(path.join(os.tmpdir(), `${options.label ?? 'telnyx-e2e'}-`));
		this.userFolder = path.join(this.workDir, 'home');
		this.logFile = path.join(this.workDir, 'n8n.log');
	}

	get baseUrl(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	async prepare(options: {
		tarball: string;
		/** Values for the placeholders of fixtures/credentials.json. */
		credentialValues?: Record<string, string>;
		/** A credentials file to import instead of fixtures/credentials.json (absolute path). */
		credentialsFile?: string;
		/** Workflow files: fixture names, or absolute paths. */
		workflows: string[];
		publish: string[];
	}): Promise<void> {
		this.port = await host.freePort();
		let brokerPort = await host.freePort();
		while (brokerPort === this.port) brokerPort = await host.freePort();
		this.env = host.n8nEnv({
			userFolder: this.userFolder,
			port: this.port,
			brokerPort,
			extra: this.options.env,
		});
		host.installPack(this.userFolder, options.tarball);

		const credentialFile =
			options.credentialsFile ??
			writeFixture(this.workDir, 'credentials.json', options.credentialValues ?? {});
		const credentialCount = (JSON.parse(fs.readFileSync(credentialFile, 'utf8')) as unknown[])
			.length;
		const imported = await host.n8nCliOk(
			['import:credentials', `--input=${credentialFile}`],
			this.env,
		);
		// The command logs its failures and still exits 0: check what it said.
		if (
			!new RegExp(`Successfully imported ${credentialCount} credentials?`).test(
				imported.stdout + imported.stderr,
			)
		) {
			throw new Error(`import:credentials did not import:\n${imported.stdout}\n${imported.stderr}`);
		}
		const workflowDir = path.join(this.workDir, 'workflows');
		fs.mkdirSync(workflowDir);
		for (const name of options.workflows) {
			const source = path.isAbsolute(name) ? name : path.join(FIXTURES, name);
			fs.copyFileSync(source, path.join(workflowDir, path.basename(name)));
		}
		const workflows = await host.n8nCliOk(
			['import:workflow', '--separate', `--input=${workflowDir}`],
			this.env,
		);
		if (
			!new RegExp(`Successfully imported ${options.workflows.length} workflows?`).test(
				workflows.stdout + workflows.stderr,
			)
		) {
			throw new Error(`import:workflow did not import:\n${workflows.stdout}\n${workflows.stderr}`);
		}
		for (const id of options.publish)
			await host.n8nCliOk(['publish:workflow', `--id=${id}`], this.env);
	}

	async start(webhookPaths: string[]): Promise<void> {
		this.server = await host.startN8n({
			env: this.env,
			logFile: this.logFile,
			webhookPaths,
			timeoutMs: 180_000,
			failOn: LOAD_FAILURE,
		});
	}

	/** Throws when the log shows that n8n could not load the pack (see LOAD_FAILURE). */
	assertPackLoaded(): void {
		const match = LOAD_FAILURE.exec(this.log());
		if (match) throw new Error(`n8n logged "${match[0]}"`);
	}

	log(): string {
		return fs.existsSync(this.logFile) ? fs.readFileSync(this.logFile, 'utf8') : '';
	}

	/** Creates the owner account (the instance starts without one) and keeps its session cookie. */
	async login(): Promise<void> {
		const response = await axios.post(`${this.baseUrl}/rest/owner/setup`, OWNER, {
			headers: { 'browser-id': this.browserId },
			validateStatus: () => true,
		});
		if (response.status !== 200)
			throw new Error(`owner setup: HTTP ${response.status} ${JSON.stringify(response.data)}`);
		const cookie = (response.headers['set-cookie'] ?? [])
			.map((c) => c.split(';')[0])
			.find((c) => c.startsWith('n8n-auth='));
		if (!cookie) throw new Error('owner setup returned no n8n-auth cookie');
		this.cookie = cookie;
	}

	async rest(
		method: 'GET' | 'POST' | 'PATCH',
		urlPath: string,
		body?: unknown,
	): Promise<AxiosResponse> {
		return await axios.request({
			method,
			url: `${this.baseUrl}${urlPath}`,
			data: body,
			headers: { cookie: this.cookie, 'browser-id': this.browserId },
			validateStatus: () => true,
			timeout: 30_000,
		});
	}

	async executions(workflowId: string): Promise<Execution[]> {
		if (this.options.executions) return await this.options.executions(workflowId);
		return await host.executions(this.userFolder, workflowId);
	}

	/** Waits until exactly `count` executions of the workflow exist and none is still running. */
	async settledExecutions(
		workflowId: string,
		count: number,
		timeoutMs = 30_000,
	): Promise<Execution[]> {
		return await settledExecutions((id) => this.executions(id), workflowId, count, timeoutMs);
	}

	async stop(): Promise<void> {
		await this.server?.stop();
		this.server = undefined;
	}

	cleanup(keep: boolean): void {
		if (keep) {
			process.stderr.write(`[e2e] kept ${this.workDir} (n8n log: ${this.logFile})\n`);
			return;
		}
		fs.rmSync(this.workDir, { recursive: true, force: true });
	}
}
