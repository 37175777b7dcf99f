/**
 * Test helpers for the Telnyx Trigger: deterministic Ed25519 keys and signatures from
 * tweetnacl (an implementation independent of node:crypto), sample deliveries, and small
 * fakes of the n8n contexts the trigger uses.
 */
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

export interface FakeResponse {
	statusCode?: number;
	body?: unknown;
	ended: boolean;
	headersSent: boolean;
	status(code: number): FakeResponse;
	send(body?: unknown): FakeResponse;
	end(): FakeResponse;
}

export function fakeResponse(): FakeResponse {
	const res: FakeResponse = {
		ended: false,
		headersSent: false,
		status(code) {
			res.statusCode = code;
			return res;
		},
		send(body) {
			res.body = body;
			res.ended = true;
			res.headersSent = true;
			return res;
		},
		end() {
			res.ended = true;
			res.headersSent = true;
			return res;
		},
	};
	return res;
}

export interface FakeRequest {
	headers: Record<string, string | string[] | undefined>;
	rawBody?: Buffer;
	body?: unknown;
	contentType?: string;
}

/**
 * A request as n8n 2.x hands it to a v1 webhook node: `rawBody` holds the bytes, and for
 * `application/json` `body` holds the parsed JSON.
 */
export function signedRequest(
	key: Signer,
	body: IDataObject | string,
	options: { timestamp?: string; headerCase?: 'lower' | 'mixed'; signature?: string } = {},
): FakeRequest {
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	const rawBody = Buffer.from(text, 'utf8');
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

/** A minimal IWebhookFunctions with just what the trigger calls. */
export function fakeWebhookContext(options: {
	request: FakeRequest;
	parameters?: Record<string, unknown>;
	credentials?: IDataObject | (() => Promise<IDataObject>);
	staticData?: IDataObject;
}): WebhookHarness {
	const res = fakeResponse();
	const logs: Logged[] = [];
	const staticData = options.staticData ?? {};
	const parameters = options.parameters ?? {};
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
		getNode: () => TRIGGER_NODE,
		getMode: () => 'webhook',
		logger: fakeLogger(logs),
	};
	return { ctx: ctx as unknown as IWebhookFunctions, res, logs };
}
