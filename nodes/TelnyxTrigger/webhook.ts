/**
 * Handles one delivery: verify, check the media type, parse, filter, drop duplicates, emit
 * one item.
 *
 * Only a verified, parsable, selected, new event starts an execution. Everything else is
 * answered here and the node returns `noWebhookResponse` without `workflowData`, which makes
 * n8n skip the execution. The handler never throws: n8n turns an error thrown by `webhook()`
 * into a failed execution, which is exactly what a rejected request must not cause.
 *
 * An accepted event is answered by n8n, not here (`responseMode: 'onReceived'`,
 * `responseData: 'noData'`). In n8n 2.40, `executeWebhook` (packages/cli, webhook-helpers)
 * defers that answer until `WorkflowRunner.run` has returned the execution ID: by then the
 * execution is stored (status "running") and has started. So a 200 means n8n has the
 * execution; if storing it fails, n8n answers 500 and Telnyx sends the event again.
 */
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { CREDENTIAL_NAME } from '../Telnyx/transport';
import { DEFAULT_CAPACITY, DEFAULT_TTL_MINUTES, memoryFor } from './dedupe';
import { ALL_EVENTS, isEventSelected } from './events';
import { isJsonContentType, parseDelivery, toOutputItem } from './output';
import {
	DEFAULT_TOLERANCE_SECONDS,
	describeReason,
	readHeader,
	verifyWebhook,
	type RejectReason,
} from './verify';

type Response = ReturnType<IWebhookFunctions['getResponseObject']>;

const NO_EXECUTION: IWebhookResponseData = { noWebhookResponse: true };

/** The body of every 401: the reason goes to the log, never to the caller. */
const UNAUTHORIZED = { message: 'Unauthorized' };
const UNSUPPORTED_MEDIA_TYPE = { message: 'Only application/json is accepted' };

function answer(res: Response, status: number, body?: IDataObject): IWebhookResponseData {
	if (!res.headersSent) {
		res.status(status);
		if (body) res.send(body);
		else res.end();
	}
	return NO_EXECUTION;
}

/**
 * The webhook public key of each credential, by credential ID, for a minute. Reading the
 * credential costs a database read and a decryption in n8n (about all of the time `webhook()`
 * takes), and the key is public and rarely changes. A key that fails to verify a delivery is
 * read again at once, so a corrected key takes effect immediately; a replaced key that still
 * verifies is used for at most `KEY_TTL_MS` more.
 */
const KEY_TTL_MS = 60_000;
const KEY_CACHE_LIMIT = 64;
const publicKeys = new Map<string, { publicKey: unknown; at: number }>();

/** Verdicts after which the credential is read again. */
const KEY_PROBLEMS = new Set<RejectReason>([
	'signature_mismatch',
	'missing_public_key',
	'malformed_public_key',
	'public_key_length',
	'unusable_public_key',
]);

function rememberedPublicKey(credentialId: string | undefined): unknown {
	if (credentialId === undefined) return undefined;
	const entry = publicKeys.get(credentialId);
	if (entry === undefined || performance.now() - entry.at >= KEY_TTL_MS) return undefined;
	return entry.publicKey;
}

async function fetchPublicKey(ctx: IWebhookFunctions, credentialId: string | undefined) {
	const { publicKey } = await ctx.getCredentials(CREDENTIAL_NAME);
	if (credentialId !== undefined && typeof publicKey === 'string' && publicKey !== '') {
		publicKeys.delete(credentialId);
		if (publicKeys.size >= KEY_CACHE_LIMIT) {
			const oldest = publicKeys.keys().next().value;
			if (oldest !== undefined) publicKeys.delete(oldest);
		}
		publicKeys.set(credentialId, { publicKey, at: performance.now() });
	}
	return publicKey;
}

function nonNegative(value: unknown, fallback: number): number {
	return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

/** Whether the client has gone or the response is already complete. */
function isClosed(res: Response): boolean {
	return res.writableEnded || res.destroyed || res.socket?.destroyed === true;
}

async function handleDelivery(ctx: IWebhookFunctions): Promise<IWebhookResponseData> {
	const req = ctx.getRequestObject();
	const res = ctx.getResponseObject();
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const rawBody = Buffer.isBuffer(req.rawBody) ? req.rawBody : undefined;

	if (ctx.getNodeParameter('verifySignature', true) !== false) {
		const check = (publicKey: unknown) =>
			verifyWebhook({
				rawBody,
				headers: req.headers,
				publicKey,
				toleranceSeconds: nonNegative(options.replayWindowSeconds, DEFAULT_TOLERANCE_SECONDS),
			});
		const credentialId = ctx.getNode().credentials?.[CREDENTIAL_NAME]?.id ?? undefined;
		const remembered = rememberedPublicKey(credentialId);
		let verdict = check(remembered ?? (await fetchPublicKey(ctx, credentialId)));
		// The credential may have changed since its key was remembered: read it again.
		if (!verdict.ok && remembered !== undefined && KEY_PROBLEMS.has(verdict.reason)) {
			verdict = check(await fetchPublicKey(ctx, credentialId));
		}
		if (!verdict.ok) {
			ctx.logger.warn(`Telnyx Trigger rejected a webhook: ${describeReason(verdict.reason)}`, {
				node: ctx.getNode().name,
				reason: verdict.reason,
			});
			return answer(res, 401, UNAUTHORIZED);
		}
	}

	// Telnyx sends JSON only. 415 rather than 400: the body was not read, its type was refused.
	if (!isJsonContentType(readHeader(req.headers, 'content-type'))) {
		return answer(res, 415, UNSUPPORTED_MEDIA_TYPE);
	}

	const parsed = parseDelivery(req.body, rawBody, req.contentType, req.encoding);
	if (!parsed.ok) return answer(res, 400, { message: parsed.reason });
	const { event } = parsed;

	if (!isEventSelected(ctx.getNodeParameter('events', [ALL_EVENTS]), event.event_type)) {
		return answer(res, 200);
	}

	const accepted = (): IWebhookResponseData => {
		const headers =
			options.includeHeaders === true ? ({ ...req.headers } as IDataObject) : undefined;
		return { workflowData: [[{ json: toOutputItem(event, headers) }]] };
	};

	const ttlMinutes = nonNegative(options.duplicateWindowMinutes, DEFAULT_TTL_MINUTES);
	// n8n's test URL takes a single request per listen, so there is nothing to de-duplicate.
	if (ttlMinutes === 0 || event.id === undefined || ctx.getMode() === 'manual') return accepted();

	const node = ctx.getNode();
	const memory = memoryFor(ctx.getWorkflow().id ?? '', node.id ?? node.name);
	memory.ttlMs = ttlMinutes * 60_000;
	memory.capacity = Math.max(1, nonNegative(options.duplicateCapacity, DEFAULT_CAPACITY));
	const id = event.id;
	for (;;) {
		// A waiting copy whose client has gone must not take over: nobody would see its answer.
		if (isClosed(res)) return NO_EXECUTION;
		const claim = memory.claim(id, performance.now());
		if (claim.status === 'duplicate') return answer(res, 200);
		if (claim.status === 'pending') {
			await claim.settled;
			continue;
		}
		// Keep the id only if n8n answered 2xx, that is, once it has stored the execution. Any
		// other end of this response (an error answered below included) forgets it.
		const entry = claim.entry;
		res.once('close', () => {
			const status = res.statusCode;
			memory.settle(id, entry, res.writableFinished && status >= 200 && status < 300);
		});
		return accepted();
	}
}

export async function handleWebhook(ctx: IWebhookFunctions): Promise<IWebhookResponseData> {
	try {
		return await handleDelivery(ctx);
	} catch (error) {
		ctx.logger.error(
			`Telnyx Trigger could not handle a webhook: ${(error as Error)?.message ?? String(error)}`,
			{ node: ctx.getNode().name },
		);
		return answer(ctx.getResponseObject(), 500, { message: 'The webhook could not be handled' });
	}
}
