/**
 * A local stand-in for the Telnyx v2 API: a real HTTP server on 127.0.0.1 that records every
 * request and answers with Telnyx-shaped bodies. Dependency-free (node:http only), so unit tests
 * and the end-to-end suite can both use it.
 *
 *   const mock = await TelnyxMock.start();
 *   // credential: { apiKey: mock.apiKey, baseUrl: mock.baseUrl }
 *   mock.route('POST', '/calls', () => ({ status: 422, body: { errors: [...] } }));
 *   mock.faults({ rate: 0.3, seed: 7 });
 *   mock.executed({ path: /actions\/speak$/ });   // commands acted on, repeats left out
 *   ...
 *   await mock.stop();
 *
 * Call events: a Dial or Answer that carries `webhook_url` routes the call's events there. The
 * mock then posts the events a script names for each command (`mock.onCommand('speak', ...)`),
 * or any event on request (`mock.postEvent(...)`), signed with its own Ed25519 test key
 * (`mock.webhookPublicKey`) and retried per the command's `webhook_retries_policies`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import nacl from 'tweetnacl';

export interface RecordedRequest {
	method: string;
	/** Path below `/v2`, still percent-encoded as sent: `/calls/v3%3Aabc/actions/speak`. */
	path: string;
	/** Decoded query; keys keep their brackets: `page[number]`. A repeated key keeps its last value. */
	query: Record<string, string>;
	headers: http.IncomingHttpHeaders;
	rawBody: Buffer;
	/** Parsed JSON; for multipart/form-data an object of its fields; otherwise undefined. */
	body: unknown;
	/** Set when the mock injected a fault instead of answering normally. */
	fault?: FaultKind;
	/** Set when the mock carried the request out: answered it 2xx, not as a fault or a repeat. */
	executed?: boolean;
	/** Set when the request repeated a `command_id` Telnyx would ignore (see `commandWindowMs`). */
	duplicate?: boolean;
}

export type FaultKind = '500' | '429' | 'drop';

export interface MockResponse {
	status?: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** Sent as is instead of `body`. */
	raw?: Buffer;
}

export type RouteHandler = (req: RecordedRequest) => MockResponse | Promise<MockResponse>;

export interface FaultOptions {
	/** Share of requests (0..1) that get a fault. */
	rate: number;
	/** Faults to choose from, evenly. Default: all three. */
	kinds?: FaultKind[];
	/** Retry-After value sent with 429. Default 0. */
	retryAfterSeconds?: number;
	/** Makes the choice of faulted requests repeatable. */
	seed?: number;
}

export interface MockApplication {
	id: string;
	application_name: string;
	webhook_event_url: string;
	[key: string]: unknown;
}

interface Route {
	method: string;
	path: string | RegExp;
	handler: RouteHandler;
}

/** One event of a call script. */
export interface ScriptedEvent {
	event_type: string;
	/** Milliseconds after the command arrived. Default 0. */
	delayMs?: number;
	/** Merged over the call's own payload fields. */
	payload?: Record<string, unknown>;
	/**
	 * Make (and wait for the answer of) the first attempt before answering the command, like an
	 * event that overtakes the response to its command.
	 */
	beforeAnswer?: boolean;
}

/** The call a command or script is about, as the mock knows it. */
export interface MockCall {
	call_control_id: string;
	call_leg_id: string;
	call_session_id: string;
	/** Where the call's events go (`webhook_url` of its Dial or Answer), if anywhere. */
	webhook_url?: string;
	webhook_retries_policies?: Record<string, { retries_ms?: number[] }>;
	client_state?: string | null;
	[key: string]: unknown;
}

export interface DeliveryAttempt {
	/** Milliseconds since the epoch when the attempt was sent. */
	at: number;
	/** HTTP status, or 0 when the request failed without one. */
	status: number;
}

/** One event the mock posts, with every attempt. */
export interface Delivery {
	id: string;
	event_type: string;
	call_control_id: string;
	url: string;
	attempts: DeliveryAttempt[];
	/** Whether an attempt got a 2xx answer. */
	delivered: boolean;
	/** Resolves when the event got a 2xx answer or its retries ran out. */
	settled: Promise<void>;
}

export type CallScript = (call: MockCall, command: RecordedRequest) => ScriptedEvent[];

const DEFAULT_API_KEY = 'test-key';

/** mulberry32: a small seeded PRNG, enough to make fault patterns repeatable. */
function seeded(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function telnyxError(status: number, code: string, title: string, detail: string): MockResponse {
	return { status, body: { errors: [{ code, title, detail }] } };
}

function notFound(detail: string): MockResponse {
	return telnyxError(404, '10005', 'Resource not found', detail);
}

/** Splits a multipart/form-data body into its fields. Files become { filename, contentType, data }. */
export function decodeMultipart(
	raw: Buffer,
	contentType: string,
): Record<string, unknown> | undefined {
	const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
	if (!match) return undefined;
	const boundary = Buffer.from(`--${(match[1] ?? match[2]).trim()}`);
	const fields: Record<string, unknown> = {};
	let start = raw.indexOf(boundary);
	while (start !== -1) {
		const afterBoundary = start + boundary.length;
		if (raw.subarray(afterBoundary, afterBoundary + 2).toString() === '--') break;
		const next = raw.indexOf(boundary, afterBoundary);
		if (next === -1) break;
		// part = CRLF headers CRLF CRLF content CRLF
		const part = raw.subarray(afterBoundary + 2, next - 2);
		const split = part.indexOf('\r\n\r\n');
		if (split !== -1) {
			const head = part.subarray(0, split).toString('utf8');
			const content = part.subarray(split + 4);
			const name = /name="([^"]*)"/i.exec(head)?.[1];
			const filename = /filename="([^"]*)"/i.exec(head)?.[1];
			const type = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1];
			if (name !== undefined) {
				fields[name] =
					filename !== undefined
						? {
								filename,
								contentType: type ?? 'application/octet-stream',
								data: Buffer.from(content),
							}
						: content.toString('utf8');
			}
		}
		start = next;
	}
	return fields;
}

function parseBody(raw: Buffer, contentType: string | undefined): unknown {
	if (raw.length === 0) return undefined;
	const type = (contentType ?? '').toLowerCase();
	if (type.startsWith('multipart/form-data')) return decodeMultipart(raw, contentType ?? '');
	try {
		return JSON.parse(raw.toString('utf8'));
	} catch {
		return undefined;
	}
}

/** POSTs a raw JSON body; resolves with the status, or 0 when no answer came. */
function postJson(url: string, raw: string, headers: Record<string, string>): Promise<number> {
	return new Promise((resolve) => {
		const request = http.request(
			url,
			{
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					'content-length': Buffer.byteLength(raw),
					...headers,
				},
				timeout: 10_000,
			},
			(response) => {
				response.resume();
				response.on('end', () => resolve(response.statusCode ?? 0));
				response.on('error', () => resolve(response.statusCode ?? 0));
			},
		);
		request.on('timeout', () => request.destroy());
		request.on('error', () => resolve(0));
		request.end(raw);
	});
}

function segmentsOf(path: string): string[] {
	return path.split('/').filter(Boolean);
}

function decodeSegment(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

/** One page of `all`, filtered by the request's `filter[key]` and `filter[key][contains]` query. */
function listAnswer(req: RecordedRequest, all: Array<Record<string, unknown>>): MockResponse {
	const matching = all.filter((record) =>
		Object.entries(req.query).every(([name, wanted]) => {
			const filter = /^filter\[(\w+)\](\[contains\])?$/.exec(name);
			if (!filter) return true;
			const actual = String(record[filter[1]] ?? '');
			return filter[2]
				? actual.toLowerCase().includes(String(wanted).toLowerCase())
				: actual === String(wanted);
		}),
	);
	const size = Math.max(1, Number(req.query['page[size]'] ?? 20) || 20);
	const number = Math.max(1, Number(req.query['page[number]'] ?? 1) || 1);
	return {
		body: {
			data: matching.slice((number - 1) * size, number * size),
			meta: {
				page_number: number,
				page_size: size,
				total_pages: Math.max(1, Math.ceil(matching.length / size)),
				total_results: matching.length,
			},
		},
	};
}

/**
 * The command a `command_id` is scoped to, as Telnyx scopes it: the call (or conference, or the
 * dial endpoint) the command is sent to, whatever the action.
 */
function commandKey(req: RecordedRequest): string | undefined {
	if (req.method !== 'POST' && req.method !== 'PUT') return undefined;
	const body = req.body;
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const commandId = (body as Record<string, unknown>).command_id;
	if (typeof commandId !== 'string' || commandId === '') return undefined;
	const actions = req.path.indexOf('/actions/');
	return `${actions === -1 ? req.path : req.path.slice(0, actions)}\u0000${commandId}`;
}

export class TelnyxMock {
	readonly requests: RecordedRequest[] = [];
	apiKey = DEFAULT_API_KEY;
	/**
	 * Like Telnyx, a command that repeats a `command_id` already carried out on the same call
	 * within this window is answered as the first one was, and not carried out again. 0 turns
	 * this off.
	 */
	commandWindowMs = 60_000;
	private commands = new Map<string, { at: number; answer: MockResponse }>();

	private routes: Route[] = [];
	private faultOptions: (FaultOptions & { random: () => number }) | null = null;
	private applications = new Map<string, MockApplication>();
	private calls = new Map<string, Record<string, unknown>>();
	private records = new Map<string, Array<Record<string, unknown>>>();
	private readonly sockets = new Set<Socket>();
	/** Events posted to call webhook URLs, in the order they were scheduled. */
	readonly deliveries: Delivery[] = [];
	private scripts = new Map<string, CallScript>();
	private readonly timers = new Set<NodeJS.Timeout>();
	private readonly eventKeys = nacl.sign.keyPair();

	private constructor(
		private readonly server: http.Server,
		readonly port: number,
	) {
		server.on('connection', (socket: Socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
	}

	get baseUrl(): string {
		return `http://127.0.0.1:${this.port}/v2`;
	}

	static async start(options: { port?: number } = {}): Promise<TelnyxMock> {
		let mock: TelnyxMock | undefined;
		const server = http.createServer((req, res) => {
			// `mock` is set before the server accepts connections.
			void mock!.handle(req, res);
		});
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(options.port ?? 0, '127.0.0.1', () => {
				server.off('error', reject);
				resolve();
			});
		});
		mock = new TelnyxMock(server, (server.address() as AddressInfo).port);
		return mock;
	}

	/** Answers `method path` with `handler` (a later route wins over an earlier one and over the defaults). `method` '*' matches any. */
	route(method: string, path: string | RegExp, handler: RouteHandler): void {
		this.routes.unshift({ method: method.toUpperCase(), path, handler });
	}

	/** Injects faults into a share of the requests, or stops doing so with `null`. */
	faults(options: FaultOptions | null): void {
		if (!options) {
			this.faultOptions = null;
			return;
		}
		const random = options.seed === undefined ? Math.random : seeded(options.seed);
		this.faultOptions = { ...options, random };
	}

	/** Forgets requests, routes, faults, applications, calls, scripts and deliveries. The API key and event key are kept. */
	reset(): void {
		this.requests.length = 0;
		this.routes = [];
		this.faultOptions = null;
		this.applications.clear();
		this.calls.clear();
		this.records.clear();
		this.commands.clear();
		this.scripts.clear();
		this.deliveries.length = 0;
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
	}

	/** Base64 of the Ed25519 public key the mock signs events with: the credential's Webhook Public Key. */
	get webhookPublicKey(): string {
		return Buffer.from(this.eventKeys.publicKey).toString('base64');
	}

	/** Telnyx's signature headers for a raw body: Ed25519 over `<timestamp>|<body>`. */
	signEvent(
		rawBody: string | Buffer,
		timestamp = Math.floor(Date.now() / 1000),
	): Record<string, string> {
		const message = Buffer.concat([Buffer.from(`${timestamp}|`), Buffer.from(rawBody)]);
		const signature = nacl.sign.detached(new Uint8Array(message), this.eventKeys.secretKey);
		return {
			'telnyx-timestamp': String(timestamp),
			'telnyx-signature-ed25519': Buffer.from(signature).toString('base64'),
		};
	}

	/**
	 * After every accepted command `action` (`answer`, `speak`, `gather_using_speak`; `dial` for
	 * POST /calls), posts the events `script` returns to the call's webhook URL. A later call
	 * replaces the script of the same action.
	 */
	onCommand(action: string, script: CallScript): void {
		this.scripts.set(action, script);
	}

	/** The call as the mock knows it (routing included), or undefined. */
	getCall(callControlId: string): MockCall | undefined {
		return this.calls.get(callControlId) as MockCall | undefined;
	}

	/**
	 * Posts one event of a call to `url` (default: the call's webhook URL), signed, retried per
	 * the call's retry policy. `sign: false` sends it unsigned; `headers` replace the signature.
	 */
	postEvent(
		callControlId: string,
		eventType: string,
		options: {
			payload?: Record<string, unknown>;
			delayMs?: number;
			url?: string;
			headers?: Record<string, string>;
		} = {},
	): Delivery {
		const call = this.callFor(callControlId);
		const url = options.url ?? call.webhook_url;
		if (!url) throw new Error(`TelnyxMock.postEvent: call ${callControlId} has no webhook URL`);
		return this.schedule(
			call,
			url,
			{ event_type: eventType, delayMs: options.delayMs, payload: options.payload },
			options.headers,
		).delivery;
	}

	/** Resolves once `predicate` holds for the deliveries, polling every 25 ms; rejects after `timeoutMs`. */
	async waitForDeliveries(
		predicate: (deliveries: Delivery[]) => boolean,
		timeoutMs = 30_000,
	): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (!predicate(this.deliveries)) {
			if (Date.now() > deadline)
				throw new Error(`TelnyxMock.waitForDeliveries: condition not met within ${timeoutMs} ms`);
			await new Promise((resolve) => setTimeout(resolve, 25));
		}
	}

	private callFor(callControlId: string): MockCall {
		let call = this.calls.get(callControlId) as MockCall | undefined;
		if (!call) {
			call = {
				call_control_id: callControlId,
				call_leg_id: randomUUID(),
				call_session_id: randomUUID(),
				client_state: null,
			};
			this.calls.set(callControlId, call);
		}
		return call;
	}

	/** Notes where a command routes its call's events, then runs the action's script. */
	private async afterCommand(req: RecordedRequest, answer: MockResponse): Promise<void> {
		if ((answer.status ?? 200) >= 300) return;
		const segments = segmentsOf(req.path).map(decodeSegment);
		if (segments[0] !== 'calls') return;
		const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<
			string,
			unknown
		>;
		let callControlId: string | undefined;
		let action: string | undefined;
		if (segments.length === 1 && req.method === 'POST') {
			callControlId = ((answer.body as { data?: { call_control_id?: string } })?.data ?? {})
				.call_control_id;
			action = 'dial';
		} else if (segments.length === 4 && segments[2] === 'actions') {
			callControlId = segments[1];
			action = segments[3];
		}
		if (!callControlId || !action) return;
		const call = this.callFor(callControlId);
		if ((action === 'dial' || action === 'answer') && typeof body.webhook_url === 'string') {
			call.webhook_url = body.webhook_url;
			call.webhook_retries_policies =
				body.webhook_retries_policies as MockCall['webhook_retries_policies'];
		}
		if (typeof body.client_state === 'string') call.client_state = body.client_state;
		const script = this.scripts.get(action);
		if (!script || !call.webhook_url) return;
		const firsts: Array<Promise<void>> = [];
		for (const event of script(call, req)) {
			const scheduled = this.schedule(call, call.webhook_url, event);
			if (event.beforeAnswer) firsts.push(scheduled.firstAttempt);
		}
		await Promise.all(firsts);
	}

	private schedule(
		call: MockCall,
		url: string,
		event: ScriptedEvent,
		headers?: Record<string, string>,
	): { delivery: Delivery; firstAttempt: Promise<void> } {
		let settle!: () => void;
		let firstDone!: () => void;
		const delivery: Delivery = {
			id: randomUUID(),
			event_type: event.event_type,
			call_control_id: call.call_control_id,
			url,
			attempts: [],
			delivered: false,
			settled: new Promise<void>((resolve) => (settle = resolve)),
		};
		const firstAttempt = new Promise<void>((resolve) => (firstDone = resolve));
		this.deliveries.push(delivery);
		const retries = [...(call.webhook_retries_policies?.[event.event_type]?.retries_ms ?? [])];
		const payload = {
			call_control_id: call.call_control_id,
			call_leg_id: call.call_leg_id,
			call_session_id: call.call_session_id,
			connection_id: 'conn-mock',
			...(call.client_state ? { client_state: call.client_state } : {}),
			...(event.payload ?? {}),
		};
		const occurredAt = new Date(Date.now() + (event.delayMs ?? 0)).toISOString();
		const attempt = async (): Promise<void> => {
			const raw = JSON.stringify({
				data: {
					record_type: 'event',
					event_type: event.event_type,
					id: delivery.id,
					occurred_at: occurredAt,
					payload,
				},
				meta: { attempt: delivery.attempts.length + 1, delivered_to: url },
			});
			const at = Date.now();
			const status = await postJson(url, raw, headers ?? this.signEvent(raw));
			delivery.attempts.push({ at, status });
			if (delivery.attempts.length === 1) firstDone();
			if (status >= 200 && status < 300) {
				delivery.delivered = true;
				return settle();
			}
			const wait = retries.shift();
			if (wait === undefined) return settle();
			this.later(wait, attempt);
		};
		this.later(event.delayMs ?? 0, attempt);
		return { delivery, firstAttempt };
	}

	private later(ms: number, task: () => Promise<void>): void {
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			void task();
		}, ms);
		this.timers.add(timer);
	}

	async stop(): Promise<void> {
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		await new Promise<void>((resolve) => {
			this.server.close(() => resolve());
			for (const socket of this.sockets) socket.destroy();
		});
	}

	addApplication(app: {
		id: string;
		application_name: string;
		webhook_event_url: string;
		[key: string]: unknown;
	}): void {
		this.applications.set(app.id, {
			record_type: 'call_control_application',
			active: true,
			webhook_api_version: '2',
			webhook_event_failover_url: '',
			webhook_timeout_secs: 25,
			created_at: '2024-01-01T00:00:00.000Z',
			updated_at: '2024-01-01T00:00:00.000Z',
			...app,
		});
	}

	/**
	 * Adds an object to a list endpoint, `GET /<collection>` (queues, conferences, recordings,
	 * media, connections): the list then pages through the added objects and honours
	 * `filter[key]` (equal) and `filter[key][contains]` (case-insensitive) on their top-level keys.
	 */
	addRecord(collection: string, record: Record<string, unknown>): void {
		const list = this.records.get(collection) ?? [];
		list.push(record);
		this.records.set(collection, list);
	}

	getApplication(id: string): any {
		return this.applications.get(id);
	}

	/** Requests that were answered normally (no injected fault), optionally filtered. */
	answered(filter?: { method?: string; path?: string | RegExp }): RecordedRequest[] {
		return this.requests.filter(
			(r) =>
				!r.fault &&
				(!filter?.method || r.method === filter.method.toUpperCase()) &&
				(!filter?.path ||
					(typeof filter.path === 'string' ? r.path === filter.path : filter.path.test(r.path))),
		);
	}

	/**
	 * Requests the mock carried out (answered 2xx), optionally filtered: without injected faults,
	 * refusals and repeated command IDs. `requests` holds everything that was received.
	 */
	executed(filter?: { method?: string; path?: string | RegExp }): RecordedRequest[] {
		return this.answered(filter).filter((r) => r.executed === true);
	}

	/** Resolves once `predicate` holds, polling every 25 ms; rejects after `timeoutMs`. */
	async waitFor(
		predicate: (requests: RecordedRequest[]) => boolean,
		timeoutMs = 10_000,
	): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (!predicate(this.requests)) {
			if (Date.now() > deadline)
				throw new Error(`TelnyxMock.waitFor: condition not met within ${timeoutMs} ms`);
			await new Promise((resolve) => setTimeout(resolve, 25));
		}
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const rawBody = Buffer.concat(chunks);
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const query: Record<string, string> = {};
		for (const [key, value] of url.searchParams) query[key] = value;
		const fullPath = url.pathname;
		const underV2 = fullPath === '/v2' || fullPath.startsWith('/v2/');
		const recorded: RecordedRequest = {
			method: (req.method ?? 'GET').toUpperCase(),
			path: underV2 ? fullPath.slice(3) || '/' : fullPath,
			query,
			headers: req.headers,
			rawBody,
			body: parseBody(rawBody, req.headers['content-type']),
		};
		this.requests.push(recorded);

		const fault = this.pickFault();
		if (fault) {
			recorded.fault = fault;
			if (fault === 'drop') {
				req.socket.destroy();
				return;
			}
			const retryAfter = String(this.faultOptions?.retryAfterSeconds ?? 0);
			return this.send(
				res,
				fault === '429'
					? {
							...telnyxError(
								429,
								'10011',
								'Too many requests',
								'Rate limit exceeded (injected by TelnyxMock).',
							),
							headers: { 'Retry-After': retryAfter },
						}
					: telnyxError(
							500,
							'10007',
							'Unexpected error',
							'An unexpected error occurred (injected by TelnyxMock).',
						),
			);
		}

		if (req.headers.authorization !== `Bearer ${this.apiKey}`) {
			return this.send(
				res,
				telnyxError(
					401,
					'10009',
					'Authentication failed',
					'The API key is missing, malformed or not valid.',
				),
			);
		}

		const key = this.commandWindowMs > 0 ? commandKey(recorded) : undefined;
		const earlier = key === undefined ? undefined : this.commands.get(key);
		if (earlier && Date.now() - earlier.at < this.commandWindowMs) {
			recorded.duplicate = true;
			return this.send(res, earlier.answer);
		}

		let answer: MockResponse;
		try {
			const route = this.routes.find(
				(r) =>
					(r.method === '*' || r.method === recorded.method) &&
					(typeof r.path === 'string' ? r.path === recorded.path : r.path.test(recorded.path)),
			);
			answer = route
				? await route.handler(recorded)
				: underV2
					? this.defaultAnswer(recorded)
					: notFound(`No route for ${fullPath}`);
		} catch (error) {
			answer = telnyxError(
				500,
				'10007',
				'Unexpected error',
				`Mock route threw: ${(error as Error).message}`,
			);
		}
		// A request counts as carried out only when it succeeded.
		const status = answer.status ?? 200;
		if (status >= 200 && status < 300) {
			recorded.executed = true;
			if (key !== undefined) this.commands.set(key, { at: Date.now(), answer });
		}
		try {
			await this.afterCommand(recorded, answer);
		} catch (error) {
			process.stderr.write(`TelnyxMock: a call script failed: ${(error as Error).message}\n`);
		}
		this.send(res, answer);
	}

	private pickFault(): FaultKind | undefined {
		const options = this.faultOptions;
		if (!options || options.rate <= 0) return undefined;
		if (options.random() >= options.rate) return undefined;
		const kinds =
			options.kinds && options.kinds.length > 0
				? options.kinds
				: (['500', '429', 'drop'] as FaultKind[]);
		return kinds[Math.floor(options.random() * kinds.length) % kinds.length];
	}

	private send(res: http.ServerResponse, answer: MockResponse): void {
		const status = answer.status ?? 200;
		const headers: Record<string, string> = { ...(answer.headers ?? {}) };
		let payload: Buffer;
		if (answer.raw) {
			payload = answer.raw;
		} else if (answer.body === undefined) {
			payload = Buffer.alloc(0);
		} else {
			payload = Buffer.from(JSON.stringify(answer.body));
			if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
				headers['Content-Type'] = 'application/json';
			}
		}
		headers['Content-Length'] = String(payload.length);
		res.writeHead(status, headers);
		res.end(payload);
	}

	private defaultAnswer(req: RecordedRequest): MockResponse {
		const segments = segmentsOf(req.path);
		const ids = segments.map(decodeSegment);
		const { method } = req;
		const body =
			req.body && typeof req.body === 'object' && !Array.isArray(req.body)
				? (req.body as Record<string, unknown>)
				: {};

		// Calls
		if (segments[0] === 'calls') {
			if (segments.length === 1 && method === 'POST') {
				const call = {
					call_control_id: `v3:${randomBytes(16).toString('base64url')}`,
					call_leg_id: randomUUID(),
					call_session_id: randomUUID(),
					is_alive: false,
					record_type: 'call',
				};
				this.calls.set(call.call_control_id, { ...call, client_state: body.client_state ?? null });
				return { body: { data: call } };
			}
			if (segments.length === 2 && method === 'GET') {
				const known = this.calls.get(ids[1]);
				return {
					body: {
						data: {
							call_control_id: ids[1],
							call_leg_id: (known?.call_leg_id as string) ?? randomUUID(),
							call_session_id: (known?.call_session_id as string) ?? randomUUID(),
							is_alive: known?.hung_up ? false : true,
							call_duration: 0,
							client_state: known?.client_state ?? null,
							record_type: 'call',
						},
					},
				};
			}
			if (
				segments.length === 4 &&
				segments[2] === 'actions' &&
				(method === 'POST' || method === 'PUT')
			) {
				const known = this.calls.get(ids[1]);
				if (known && ids[3] === 'hangup') known.hung_up = true;
				if (known && typeof body.client_state === 'string') known.client_state = body.client_state;
				return { body: { data: { result: 'ok' } } };
			}
		}

		// Conference commands
		if (
			segments[0] === 'conferences' &&
			segments.length === 4 &&
			segments[2] === 'actions' &&
			method === 'POST'
		) {
			return { body: { data: { result: 'ok' } } };
		}

		if (segments[0] === 'balance' && segments.length === 1 && method === 'GET') {
			return {
				body: {
					data: {
						balance: '100.00',
						credit_limit: '0.00',
						available_credit: '100.00',
						pending: '0.00',
						currency: 'USD',
						record_type: 'balance',
					},
				},
			};
		}

		if (segments[0] === 'call_control_applications') {
			const answer = this.applicationAnswer(req, ids, body);
			if (answer) return answer;
		}

		if (
			segments[0] === 'media' &&
			((segments.length === 1 && method === 'POST') || (segments.length === 2 && method === 'PUT'))
		) {
			return this.storeMedia(ids[1], body);
		}

		const records = this.records.get(segments[0]);
		if (records && segments.length === 1 && method === 'GET') return listAnswer(req, records);

		switch (method) {
			case 'GET':
				if (segments.length % 2 === 1) {
					const size = Number(req.query['page[size]'] ?? 20) || 20;
					return {
						body: {
							data: [],
							meta: { page_number: 1, page_size: size, total_pages: 1, total_results: 0 },
						},
					};
				}
				return { body: { data: { id: ids[ids.length - 1] } } };
			case 'POST':
			case 'PUT':
			case 'PATCH':
				return {
					body: {
						data: { ...body, id: segments.length % 2 === 0 ? ids[ids.length - 1] : randomUUID() },
					},
				};
			case 'DELETE':
				return { body: { data: { id: ids[ids.length - 1] } } };
			default:
				return notFound(`No route for ${method} /v2${req.path}`);
		}
	}

	/**
	 * An upload (POST /media) or a replacement (PUT /media/{name}), from a file part `media` or a
	 * `media_url`: the file is kept as a media record, listed by GET /media afterwards. (Lenient:
	 * a replacement of a name it does not know stores it too.)
	 */
	private storeMedia(name: string | undefined, body: Record<string, unknown>): MockResponse {
		const file =
			body.media && typeof body.media === 'object'
				? (body.media as { contentType?: string; data?: Buffer })
				: undefined;
		const list = this.records.get('media') ?? [];
		this.records.set('media', list);
		const given =
			typeof body.media_name === 'string' && body.media_name !== '' ? body.media_name : undefined;
		const mediaName = name ?? given ?? randomUUID();
		const previous = list.find((record) => record.media_name === mediaName);
		const now = new Date();
		const ttl = Number(body.ttl_secs ?? 172800);
		const record: Record<string, unknown> = {
			media_name: mediaName,
			content_type:
				file?.contentType ?? (previous?.content_type as string | undefined) ?? 'audio/mpeg',
			created_at: (previous?.created_at as string | undefined) ?? now.toISOString(),
			updated_at: now.toISOString(),
			expires_at: new Date(now.getTime() + ttl * 1000).toISOString(),
		};
		if (file?.data) record.size_bytes = file.data.length;
		if (previous) Object.assign(previous, record);
		else list.push(record);
		return { status: name === undefined ? 201 : 200, body: { data: record } };
	}

	private applicationAnswer(
		req: RecordedRequest,
		ids: string[],
		body: Record<string, unknown>,
	): MockResponse | undefined {
		const { method } = req;
		if (ids.length === 1 && method === 'GET') {
			const all = [...this.applications.values()];
			const size = Math.max(1, Number(req.query['page[size]'] ?? 20) || 20);
			const number = Math.max(1, Number(req.query['page[number]'] ?? 1) || 1);
			const totalPages = Math.max(1, Math.ceil(all.length / size));
			return {
				body: {
					data: all.slice((number - 1) * size, number * size),
					meta: {
						page_number: number,
						page_size: size,
						total_pages: totalPages,
						total_results: all.length,
					},
				},
			};
		}
		if (ids.length === 1 && method === 'POST') {
			const id = String(Date.now()) + String(Math.floor(Math.random() * 1e6)).padStart(6, '0');
			this.addApplication({ application_name: '', webhook_event_url: '', ...body, id });
			return { status: 201, body: { data: this.applications.get(id) } };
		}
		if (ids.length === 2) {
			const app = this.applications.get(ids[1]);
			if (!app) return notFound(`Call Control Application ${ids[1]} was not found.`);
			if (method === 'GET') return { body: { data: app } };
			if (method === 'PATCH') {
				Object.assign(app, body, { id: app.id, updated_at: new Date().toISOString() });
				return { body: { data: app } };
			}
			if (method === 'DELETE') {
				this.applications.delete(app.id);
				return { body: { data: app } };
			}
		}
		return undefined;
	}
}
