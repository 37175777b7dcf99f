/**
 * Test helpers for the Telnyx Trigger: deterministic Ed25519 keys and signatures from
 * tweetnacl (an implementation independent of node:crypto), sample deliveries, and small
 * fakes of the n8n contexts the trigger uses.
 */
import { EventEmitter } from 'node:events';
import nacl from 'tweetnacl';
import type { IDataObject, INode, IWebhookFunctions, NodeParameterValueType } from 'n8n-workflow';

/** mulberry32: a seeded PRNG so generated cases repeat exactly. */
export function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export interface Signer {
	publicKey: string;
	publicKeyBytes: Uint8Array;
	secretKey: Uint8Array;
}

/** A key pair derived from a one-byte seed pattern, so every run uses the same keys. */
export function signer(seedByte = 7): Signer {
	const seed = new Uint8Array(32).fill(seedByte);
	const pair = nacl.sign.keyPair.fromSeed(seed);
	return {
		publicKey: Buffer.from(pair.publicKey).toString('base64'),
		publicKeyBytes: pair.publicKey,
		secretKey: pair.secretKey,
	};
}

/** Signs `<timestamp>|<body>` the way Telnyx does and returns the base64 signature. */
export function sign(key: Signer, timestamp: string, body: Buffer | string): string {
	const bytes = Buffer.concat([Buffer.from(`${timestamp}|`), Buffer.from(body)]);
	return Buffer.from(nacl.sign.detached(bytes, key.secretKey)).toString('base64');
}

export function nowSeconds(): number {
	return Math.floor(Date.now() / 1000);
}

export function encodeState(value: unknown): string {
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	return Buffer.from(text, 'utf8').toString('base64');
}

let counter = 0;

/** A Telnyx delivery envelope, with a fresh id unless one is given. */
export function delivery(
	eventType = 'call.answered',
	overrides: { id?: string; payload?: IDataObject; meta?: IDataObject | null } = {},
): IDataObject {
	counter++;
	const body: IDataObject = {
		data: {
			record_type: 'event',
			event_type: eventType,
			id: overrides.id ?? `0ccc7b54-4df3-4bca-a65a-${String(counter).padStart(12, '0')}`,
			occurred_at: '2024-05-01T12:00:00.000000Z',
			payload: overrides.payload ?? {
				call_control_id: 'v3:abc123',
				call_leg_id: '428c31b6-7af4-4bcb-b7f5-5013ef9657c1',
				call_session_id: '428c31b6-abf3-4bcb-b7f5-5013ef9657c1',
				client_state: encodeState({ step: 'greeting', attempt: 1 }),
				connection_id: '1234567890',
				from: '+13125550100',
				to: '+13125550199',
				start_time: '2024-05-01T12:00:00.000000Z',
			},
		},
	};
	if (overrides.meta !== null) {
		body.meta = overrides.meta ?? { attempt: 1, delivered_to: 'https://example.com/webhook' };
	}
	return body;
}

/**
 * The parts of Node's ServerResponse the trigger uses. `status`/`send`/`end` are what the node
 * itself answers with; `finish` and `abort` stand for n8n answering after the node returned,
 * and for the client going away.
 */
export interface FakeResponse extends EventEmitter {
	statusCode: number;
	body?: unknown;
	ended: boolean;
	headersSent: boolean;
	writableEnded: boolean;
	writableFinished: boolean;
	destroyed: boolean;
	/** Whether the node answered (rather than leaving the answer to n8n). */
	answeredByNode: boolean;
	status(code: number): FakeResponse;
	send(body?: unknown): FakeResponse;
	end(): FakeResponse;
	/** n8n sends its answer: the response completes and closes. */
	finish(code: number): void;
	/** The connection closes before any answer was sent. */
	abort(): void;
}

export function fakeResponse(): FakeResponse {
	const res = new EventEmitter() as FakeResponse;
	Object.assign(res, {
		statusCode: 200,
		ended: false,
		headersSent: false,
		writableEnded: false,
		writableFinished: false,
		destroyed: false,
		answeredByNode: false,
	});
	const complete = () => {
		res.ended = true;
		res.headersSent = true;
		res.writableEnded = true;
		res.writableFinished = true;
		res.emit('close');
	};
	res.status = (code) => {
		res.statusCode = code;
		return res;
	};
	res.send = (body) => {
		res.body = body;
		res.answeredByNode = true;
		complete();
		return res;
	};
	res.end = () => {
		res.answeredByNode = true;
		complete();
		return res;
	};
	res.finish = (code) => {
		if (res.ended) throw new Error('the response was already sent');
		res.statusCode = code;
		complete();
	};
	res.abort = () => {
		res.destroyed = true;
		res.emit('close');
	};
	return res;
}

export interface FakeRequest {
	headers: Record<string, string | string[] | undefined>;
	rawBody?: Buffer;
	body?: unknown;
	/** n8n's reading of the Content-Type header: the media type in lower case, and the charset. */
	contentType?: string;
	encoding?: string;
}

/**
 * A request as n8n 2.x hands it to a v1 webhook node: `rawBody` holds the bytes, and for
 * `application/json` `body` holds the JSON n8n parsed from it.
 */
export function signedRequest(
	key: Signer,
	body: IDataObject | string | Buffer,
	options: { timestamp?: string; headerCase?: 'lower' | 'mixed'; signature?: string } = {},
): FakeRequest {
	const rawBody = Buffer.isBuffer(body)
		? body
		: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
	// n8n decodes with replacement characters, whatever the bytes.
	const text = rawBody.toString('utf8');
	const timestamp = options.timestamp ?? String(nowSeconds());
	const signature = options.signature ?? sign(key, timestamp, rawBody);
	const mixed = options.headerCase === 'mixed';
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		parsed = undefined;
	}
	return {
		headers: {
			'content-type': 'application/json',
			[mixed ? 'Telnyx-Signature-Ed25519' : 'telnyx-signature-ed25519']: signature,
			[mixed ? 'Telnyx-Timestamp' : 'telnyx-timestamp']: timestamp,
		},
		rawBody,
		body: parsed,
		contentType: 'application/json',
		encoding: 'utf-8',
	};
}

export const TRIGGER_NODE: INode = {
	id: '11111111-1111-4111-8111-111111111111',
	name: 'Telnyx Trigger',
	type: 'n8n-nodes-telnyx-call-control.telnyxTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

export interface Logged {
	level: 'debug' | 'info' | 'warn' | 'error';
	message: string;
}

export interface WebhookHarness {
	ctx: IWebhookFunctions;
	res: FakeResponse;
	logs: Logged[];
}

export function fakeLogger(logs: Logged[]) {
	return {
		debug: (message: string) => logs.push({ level: 'debug', message }),
		info: (message: string) => logs.push({ level: 'info', message }),
		warn: (message: string) => logs.push({ level: 'warn', message }),
		error: (message: string) => logs.push({ level: 'error', message }),
	};
}

let workflowCounter = 0;

/**
 * A minimal IWebhookFunctions with just what the trigger calls. The duplicate memory is kept
 * per workflow and node for the life of the process: give the same `workflowId` to calls that
 * must share it; by default every context gets a workflow of its own.
 */
export function fakeWebhookContext(options: {
	request: FakeRequest;
	parameters?: Record<string, unknown>;
	credentials?: IDataObject | (() => Promise<IDataObject>);
	staticData?: IDataObject;
	workflowId?: string;
	mode?: 'webhook' | 'manual';
	node?: INode;
}): WebhookHarness {
	const res = fakeResponse();
	const logs: Logged[] = [];
	const staticData = options.staticData ?? {};
	const parameters = options.parameters ?? {};
	const workflowId = options.workflowId ?? `wf-unit-${++workflowCounter}`;
	const ctx = {
		getRequestObject: () => options.request,
		getResponseObject: () => res,
		getHeaderData: () => options.request.headers,
		getBodyData: () => options.request.body,
		getNodeParameter: (name: string, fallback?: unknown) =>
			(name in parameters ? parameters[name] : fallback) as NodeParameterValueType,
		getCredentials: async () =>
			typeof options.credentials === 'function'
				? await options.credentials()
				: (options.credentials ?? {}),
		getWorkflowStaticData: () => staticData,
		getWorkflow: () => ({ id: workflowId, name: 'Unit', active: true }),
		getNode: () => options.node ?? TRIGGER_NODE,
		getMode: () => options.mode ?? 'webhook',
		logger: fakeLogger(logs),
	};
	return { ctx: ctx as unknown as IWebhookFunctions, res, logs };
}
