/**
 * Handles one delivery: verify, parse, filter, drop duplicates, emit one item.
 *
 * Only a verified, parsable, selected, new event starts an execution. Everything else is
 * answered here and the node returns `noWebhookResponse` without `workflowData`, which makes
 * n8n skip the execution. The handler never throws: n8n turns an error thrown by `webhook()`
 * into a failed execution, which is exactly what a rejected request must not cause.
 *
 * An accepted event is answered 200 with an empty body: by this node when it recorded the
 * event id (see below), otherwise by n8n (`responseData: 'noData'`).
 */
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { CREDENTIAL_NAME } from '../Telnyx/transport';
import { DEFAULT_TTL_MINUTES, rememberEvent } from './dedupe';
import { ALL_EVENTS, isEventSelected } from './events';
import { parseDelivery, toOutputItem } from './output';
import { DEFAULT_TOLERANCE_SECONDS, describeReason, verifyWebhook } from './verify';

/** Key of the duplicate memory in the node's static data. */
export const SEEN_EVENTS_KEY = 'seenEvents';

type Response = ReturnType<IWebhookFunctions['getResponseObject']>;

const NO_EXECUTION: IWebhookResponseData = { noWebhookResponse: true };

function answer(res: Response, status: number, body?: IDataObject): IWebhookResponseData {
	if (!res.headersSent) {
		res.status(status);
		if (body) res.send(body);
		else res.end();
	}
	return NO_EXECUTION;
}

function nonNegative(value: unknown, fallback: number): number {
	return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

async function handleDelivery(ctx: IWebhookFunctions): Promise<IWebhookResponseData> {
	const req = ctx.getRequestObject();
	const res = ctx.getResponseObject();
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const rawBody = Buffer.isBuffer(req.rawBody) ? req.rawBody : undefined;

	if (ctx.getNodeParameter('verifySignature', true) !== false) {
		const credentials = await ctx.getCredentials(CREDENTIAL_NAME);
		const verdict = verifyWebhook({
			rawBody,
			headers: req.headers,
			publicKey: credentials.publicKey,
			toleranceSeconds: nonNegative(options.replayWindowSeconds, DEFAULT_TOLERANCE_SECONDS),
		});
		if (!verdict.ok) {
			ctx.logger.warn(`Telnyx Trigger rejected a webhook: ${describeReason(verdict.reason)}`, {
				node: ctx.getNode().name,
			});
			return answer(res, 401, { message: 'Unauthorized', reason: verdict.reason });
		}
	}

	const parsed = parseDelivery(req.body, rawBody, req.contentType);
	if (!parsed.ok) return answer(res, 400, { message: parsed.reason });
	const { event } = parsed;

	if (!isEventSelected(ctx.getNodeParameter('events', [ALL_EVENTS]), event.event_type)) {
		return answer(res, 200);
	}

	const output = () => {
		const headers =
			options.includeHeaders === true ? ({ ...req.headers } as IDataObject) : undefined;
		return [[{ json: toOutputItem(event, headers) }]];
	};

	const ttlMinutes = nonNegative(options.duplicateWindowMinutes, DEFAULT_TTL_MINUTES);
	if (ttlMinutes > 0 && event.id !== undefined) {
		const staticData = ctx.getWorkflowStaticData('node');
		const memory = rememberEvent(
			staticData[SEEN_EVENTS_KEY],
			event.id,
			Date.now(),
			ttlMinutes * 60_000,
		);
		if (memory.duplicate) return answer(res, 200);
		// A new object on a top-level key, so that n8n notices the change.
		staticData[SEEN_EVENTS_KEY] = memory.state as unknown as IDataObject;
		// n8n saves a webhook's static data when the request is answered. When n8n answers for
		// us, it does so after it has built the execution, and building it clears the "changed"
		// mark on the shared static data, so the id would never be saved (seen in n8n 2.40).
		// Answering here, before the execution exists, gets the id saved.
		answer(res, 200);
		return { noWebhookResponse: true, workflowData: output() };
	}

	return { workflowData: output() };
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
