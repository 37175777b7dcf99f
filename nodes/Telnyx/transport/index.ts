import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

/** The only place in the pack that speaks HTTP. */

export type TelnyxContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IWebhookFunctions;

export const CREDENTIAL_NAME = 'telnyxApi';
export const DEFAULT_BASE_URL = 'https://api.telnyx.com/v2';

export interface TelnyxRequest {
	method: IHttpRequestMethods;
	/** Path below the base URL, with path parameters already encoded: `/calls/abc/actions/speak`. */
	path: string;
	qs?: IDataObject;
	/** A JSON body, or a ready multipart body from `encodeMultipart`. */
	body?: IDataObject | MultipartBody;
	/** Return the body as a Buffer instead of parsed JSON. */
	binary?: boolean;
}

export interface RetryPolicy {
	/** Retries after the first attempt, for 429, 5xx and network errors. */
	maxRetries: number;
	/** Only idempotent requests are retried: see `isIdempotent`. */
	idempotent: boolean;
	/** Milliseconds before one attempt is abandoned. */
	timeout?: number;
}

export interface TelnyxResponse {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
}

export interface MultipartBody {
	multipart: true;
	contentType: string;
	data: Buffer;
}

/** Retry delays: exponential from BASE_DELAY_MS with jitter, capped; a Retry-After above MAX_RETRY_AFTER_MS is not waited for. */
const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 20_000;
const MAX_RETRY_AFTER_MS = 60_000;
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RETRIES = 3;

/**
 * A request may be sent again only when a second copy cannot do harm: reads and PUTs, and
 * commands that carry a `command_id`, which Telnyx de-duplicates.
 */
export function isIdempotent(method: string, body?: IDataObject | MultipartBody): boolean {
	if (method === 'GET' || method === 'PUT') return true;
	return (
		!!body &&
		!('multipart' in body) &&
		typeof body.command_id === 'string' &&
		body.command_id !== ''
	);
}

/**
 * Whether the node has a Telnyx credential selected. The editor calls list methods as soon as a
 * node opens, before one is chosen, and n8n answers a credential read there with an error.
 */
export function hasCredential(ctx: TelnyxContext): boolean {
	return !!ctx.getNode().credentials?.[CREDENTIAL_NAME];
}

/**
 * The Authorization header for a Telnyx API key: the value the credential's `authenticate`
 * definition gives (a unit test keeps the two in step).
 */
export function authorizationFor(credentials: ICredentialDataDecryptedObject): string {
	return `Bearer ${String(credentials.apiKey ?? '')}`;
}

/** What every request of one execution context shares: the base URL and the Authorization header. */
interface Session {
	baseUrl: string;
	authorization: string;
	/** Ends requests in flight when the execution is cancelled. */
	signal?: AbortSignal;
}

const sessions = new WeakMap<object, Promise<Session>>();

/**
 * The credential, fetched and decrypted once per execution context (one node run) and turned
 * into headers once, instead of n8n fetching, decrypting and applying it again per request.
 */
function session(ctx: TelnyxContext): Promise<Session> {
	let current = sessions.get(ctx);
	if (!current) {
		current = ctx.getCredentials(CREDENTIAL_NAME).then((credentials) => {
			const value = typeof credentials.baseUrl === 'string' ? credentials.baseUrl.trim() : '';
			return {
				baseUrl: (value || DEFAULT_BASE_URL).replace(/\/+$/, ''),
				authorization: authorizationFor(credentials),
				signal:
					'getExecutionCancelSignal' in ctx && typeof ctx.getExecutionCancelSignal === 'function'
						? ctx.getExecutionCancelSignal()
						: undefined,
			};
		});
		sessions.set(ctx, current);
		current.catch(() => sessions.delete(ctx));
	}
	return current;
}

function header(headers: TelnyxResponse['headers'], name: string): string | undefined {
	const value = headers?.[name] ?? headers?.[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : value;
}

/** Milliseconds asked for by a Retry-After header (seconds or an HTTP date), if any. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with jitter: between half and all of BASE * 2^attempt, capped. */
export function backoffMs(attempt: number, random = Math.random): number {
	const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt);
	return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

function isRetryableStatus(status: number): boolean {
	return status === 429 || status >= 500;
}

interface TelnyxErrorEntry {
	code?: string | number;
	title?: string;
	detail?: string;
	source?: { pointer?: string; parameter?: string };
}

/** Maps a Telnyx error response to a NodeApiError with its code, title and detail. */
export function toApiError(node: INode, statusCode: number, body: unknown): NodeApiError {
	const parsed = typeof body === 'string' ? safeJson(body) : body;
	const errors: TelnyxErrorEntry[] =
		parsed && typeof parsed === 'object' && Array.isArray((parsed as IDataObject).errors)
			? ((parsed as IDataObject).errors as TelnyxErrorEntry[])
			: [];
	const first = errors[0];
	const message = first
		? [first.title ?? 'Telnyx error', first.code !== undefined ? `(code ${first.code})` : '']
				.filter(Boolean)
				.join(' ')
		: `Telnyx answered with HTTP ${statusCode}`;
	const description =
		errors
			.map((error) => {
				const where = error.source?.pointer ?? error.source?.parameter;
				return [error.detail, where ? `[${where}]` : ''].filter(Boolean).join(' ');
			})
			.filter(Boolean)
			.join('; ') || undefined;
	const payload: JsonObject = { statusCode, errors: errors as unknown as JsonObject[] };
	return new NodeApiError(node, payload, { message, description, httpCode: String(statusCode) });
}

function safeJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

/** Error codes of a request that got no HTTP answer: safe to retry when the request is idempotent. */
const TRANSPORT_CODES = new Set([
	'ECONNABORTED',
	'ECONNREFUSED',
	'ECONNRESET',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EPIPE',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

/**
 * The code of a transport failure, or undefined when the error is something else. n8n's
 * request helpers wrap the HTTP client's error, so the code may sit on `cause`.
 */
export function transportFailure(error: unknown): string | undefined {
	for (let current = error, depth = 0; depth < 4; depth++) {
		if (!current || typeof current !== 'object') return undefined;
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && TRANSPORT_CODES.has(code)) return code;
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

/** A transport failure, described by its code only: never the request's headers or credentials. */
function networkError(node: INode, code: string): NodeApiError {
	const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code.includes('TIMEDOUT');
	// Not under `code`: NodeApiError would replace our message with its generic one for known codes.
	return new NodeApiError(
		node,
		{ networkError: code },
		{
			message: timedOut ? 'Telnyx did not answer in time' : 'Could not reach Telnyx',
			description: `Network error ${code}`,
		},
	);
}

/** Any other failure of the request helper (a missing credential, say), by its message alone. */
function requestError(node: INode, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeOperationError) return error;
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(node, message || 'The request to Telnyx failed');
}

/**
 * A 2xx answer must carry JSON, or nothing at all. Anything else (an HTML page from a proxy or a
 * captive portal, say) is not Telnyx talking, and must not pass for a success.
 */
function checkJsonBody(node: INode, response: TelnyxResponse): void {
	const { body } = response;
	// n8n parses JSON whatever the content type says; text that did not parse stays a string.
	if (typeof body !== 'string' || body.trim() === '') return;
	const contentType =
		header(response.headers, 'content-type')?.split(';')[0].trim() || 'no content type';
	throw new NodeApiError(
		node,
		{ statusCode: response.statusCode },
		{
			message: `Telnyx answered HTTP ${response.statusCode} with ${contentType} instead of JSON`,
			description:
				'The answer did not come from the Telnyx API. Check the Base URL of the credential and any proxy between n8n and Telnyx.',
			httpCode: String(response.statusCode),
		},
	);
}

/**
 * Sends one request to Telnyx with the credential, retrying 429, 5xx and network errors when
 * the request is idempotent. Resolves with the response; throws NodeApiError otherwise.
 */
export async function telnyxRequest(
	ctx: TelnyxContext,
	request: TelnyxRequest,
	policy: RetryPolicy = {
		maxRetries: DEFAULT_MAX_RETRIES,
		idempotent: isIdempotent(request.method, request.body),
	},
): Promise<TelnyxResponse> {
	const { baseUrl, authorization, signal } = await session(ctx);
	const multipart = request.body && 'multipart' in request.body ? request.body : undefined;
	// n8n's request helper: the same proxy settings, agents and trace headers as any node's
	// request. A fresh headers object per request: the helper adds to it.
	const options: IHttpRequestOptions = {
		method: request.method,
		url: baseUrl + request.path,
		qs: request.qs,
		headers: multipart
			? {
					Authorization: authorization,
					'Content-Type': multipart.contentType,
					Accept: 'application/json',
				}
			: { Authorization: authorization },
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: policy.timeout ?? DEFAULT_TIMEOUT_MS,
		abortSignal: signal,
	};
	if (multipart) {
		options.body = multipart.data;
	} else {
		options.json = !request.binary;
		if (request.body && Object.keys(request.body).length > 0) options.body = request.body;
	}
	if (request.binary) options.encoding = 'arraybuffer';

	for (let attempt = 0; ; attempt++) {
		const canRetry = policy.idempotent && attempt < policy.maxRetries;
		let response: TelnyxResponse;
		try {
			response = (await ctx.helpers.httpRequest(options)) as TelnyxResponse;
		} catch (error) {
			const failure = transportFailure(error);
			if (failure === undefined) throw requestError(ctx.getNode(), error);
			if (!canRetry) throw networkError(ctx.getNode(), failure);
			// A cancelled execution ends the wait (the same signal ends requests in flight).
			await sleep(backoffMs(attempt), signal);
			continue;
		}
		if (response.statusCode < 300) {
			if (!request.binary) checkJsonBody(ctx.getNode(), response);
			return response;
		}
		if (canRetry && isRetryableStatus(response.statusCode)) {
			const asked = retryAfterMs(header(response.headers, 'retry-after'));
			if (asked === undefined || asked <= MAX_RETRY_AFTER_MS) {
				await sleep(asked ?? backoffMs(attempt), signal);
				continue;
			}
		}
		const body =
			request.binary && Buffer.isBuffer(response.body)
				? response.body.toString('utf8')
				: response.body;
		throw toApiError(ctx.getNode(), response.statusCode, body);
	}
}

/** Sends a request and returns the `data` member of Telnyx's JSON answer (or the whole body when there is none). */
export async function telnyxData(
	ctx: TelnyxContext,
	request: TelnyxRequest,
	policy?: RetryPolicy,
): Promise<unknown> {
	const { body } = await telnyxRequest(ctx, request, policy);
	if (body && typeof body === 'object' && 'data' in body) return (body as IDataObject).data;
	return body;
}

/**
 * Pages through a list with `page[number]` and `page[size]` until `meta.total_pages`, or until
 * `limit` records have been collected.
 */
export async function telnyxList(
	ctx: TelnyxContext,
	request: TelnyxRequest,
	options: { limit?: number; maxPageSize: number; policy?: RetryPolicy },
): Promise<IDataObject[]> {
	const records: IDataObject[] = [];
	const limit = options.limit;
	const pageSize = limit === undefined ? options.maxPageSize : Math.min(limit, options.maxPageSize);
	for (let page = 1; ; page++) {
		const { body } = await telnyxRequest(
			ctx,
			{ ...request, qs: { ...request.qs, 'page[number]': page, 'page[size]': pageSize } },
			options.policy,
		);
		const answer = (body ?? {}) as IDataObject;
		const data = Array.isArray(answer.data) ? (answer.data as IDataObject[]) : [];
		records.push(...data);
		if (limit !== undefined && records.length >= limit) return records.slice(0, limit);
		const meta = (answer.meta ?? {}) as IDataObject;
		const totalPages = Number(meta.total_pages);
		// The page we asked for counts too: a server that keeps answering page 1 must not loop forever.
		const pageNumber = Math.max(page, Number(meta.page_number) || 0);
		if (data.length === 0 || !Number.isFinite(totalPages) || pageNumber >= totalPages)
			return records;
	}
}

/** A file part of a multipart body. */
export interface MultipartFile {
	fileName: string;
	contentType: string;
	data: Buffer;
}

/** Quotes and line breaks in a part's name or file name are percent-encoded, as browsers do. */
function quoted(value: string): string {
	return `"${value.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}"`;
}

/** A MIME type that cannot break the part's headers; anything else is sent as plain bytes. */
function safeContentType(value: string): string {
	return /^[\w.+-]+\/[\w.+-]+(\s*;\s*[\w.+-]+=("[^"\r\n]*"|[\w.+-]+))*$/.test(value)
		? value
		: 'application/octet-stream';
}

/**
 * Encodes text fields and files as multipart/form-data without any library. The boundary is
 * lengthened while any part contains it, so file bytes can never end the body early.
 */
export function encodeMultipart(
	fields: Record<string, string | MultipartFile>,
	boundary: string,
): MultipartBody {
	const parts = Object.entries(fields).map(([name, value]) => {
		if (typeof value === 'string') {
			return {
				head: `Content-Disposition: form-data; name=${quoted(name)}\r\n\r\n`,
				content: Buffer.from(value, 'utf8'),
			};
		}
		return {
			head:
				`Content-Disposition: form-data; name=${quoted(name)}; filename=${quoted(value.fileName)}\r\n` +
				`Content-Type: ${safeContentType(value.contentType)}\r\n\r\n`,
			content: value.data,
		};
	});
	let safeBoundary = boundary;
	for (let round = 0; parts.some((part) => part.content.includes(`--${safeBoundary}`)); round++)
		safeBoundary = `${boundary}${round.toString(36)}`;
	const chunks: Buffer[] = [];
	for (const part of parts) {
		chunks.push(Buffer.from(`--${safeBoundary}\r\n${part.head}`, 'utf8'), part.content);
		chunks.push(Buffer.from('\r\n', 'utf8'));
	}
	chunks.push(Buffer.from(`--${safeBoundary}--\r\n`, 'utf8'));
	return {
		multipart: true,
		contentType: `multipart/form-data; boundary=${safeBoundary}`,
		data: Buffer.concat(chunks),
	};
}
