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

import { DEFAULT_CAPACITY, DEFAULT_TTL_MINUTES, memoryFor } from './dedupe';
import { NO_EXECUTION, UNAUTHORIZED, answer, verifyDelivery } from './delivery';
import { ALL_EVENTS, isEventSelected } from './events';
import { isJsonContentType, parseDelivery, toOutputItem } from './output';
import { DEFAULT_TOLERANCE_SECONDS, describeReason, readHeader } from './verify';

type Response = ReturnType<IWebhookFunctions['getResponseObject']>;

const UNSUPPORTED_MEDIA_TYPE = { message: 'Only application/json is accepted' };

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
		const verdict = await verifyDelivery(
			ctx,
			rawBody,
			nonNegative(options.replayWindowSeconds, DEFAULT_TOLERANCE_SECONDS),
		);
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
