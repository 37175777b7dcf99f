import { createHash } from 'node:crypto';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { BINARY_PROPERTY_PARAM, optionalGroup, paramName } from '../catalogue/builder';
import { findOperation } from '../catalogue';
import type { FieldSpec, OperationSpec } from '../catalogue/types';
import {
	DEFAULT_MAX_RETRIES,
	DEFAULT_TIMEOUT_MS,
	encodeMultipart,
	isIdempotent,
	telnyxList,
	telnyxRequest,
	type RetryPolicy,
	type TelnyxRequest,
} from '../transport';
import { commandIdOrigin } from './commandId';
import { fieldMessage, planRequest, type PlannedRequest } from './request';
import { runOrdered } from './scheduler';
import { applyEventRouting } from './wait';

/** Requests in flight at once. n8n's HTTP Request node sends every item at once; we bound it. */
export const MAX_CONCURRENCY = 50;

interface ItemPlan {
	operation: OperationSpec;
	request: PlannedRequest;
	policy: RetryPolicy;
	returnAll: boolean;
	limit: number;
	binaryProperty: string;
}

/**
 * The command ID of an item when the user gives none: the same for every attempt of the same
 * item (our retries and n8n's Retry On Fail), different for every other item, run or execution.
 */
export function deriveCommandId(parts: Array<string | number>): string {
	const hex = createHash('sha256').update(parts.join('\u001f')).digest('hex');
	const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function planItem(
	ctx: IExecuteFunctions,
	itemIndex: number,
	runIndex: number,
	origin: string,
): ItemPlan {
	const resource = ctx.getNodeParameter('resource', itemIndex) as string;
	const operationName = ctx.getNodeParameter('operation', itemIndex) as string;
	const operation = findOperation(resource, operationName);
	if (!operation) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Unknown operation "${operationName}" for "${resource}"`,
			{
				itemIndex,
			},
		);
	}
	const optional = ctx.getNodeParameter(optionalGroup(operation), itemIndex, {}) as IDataObject;
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const valueOf = (field: FieldSpec) => {
		if (field.required) return ctx.getNodeParameter(paramName(field), itemIndex);
		const holder = field.section ? (optional[field.section.param] as IDataObject) : optional;
		return holder?.[paramName(field)];
	};

	const request = planRequest(operation, valueOf, {
		fail: (field, reason) => {
			throw new NodeOperationError(ctx.getNode(), fieldMessage(field, reason), {
				itemIndex,
				description: field.description,
			});
		},
		clientStateEncoded: options.clientStateEncoded === true,
		commandId: () =>
			deriveCommandId([
				ctx.getWorkflow().id ?? '',
				origin,
				ctx.getNode().id ?? ctx.getNode().name,
				runIndex,
				itemIndex,
				resource,
				operationName,
			]),
	});
	applyEventRouting(ctx, operation, itemIndex, request.body);
	const paginated = !!operation.paginated;
	return {
		operation,
		request,
		policy: {
			maxRetries: typeof options.maxRetries === 'number' ? options.maxRetries : DEFAULT_MAX_RETRIES,
			timeout: typeof options.timeout === 'number' ? options.timeout : DEFAULT_TIMEOUT_MS,
			idempotent: isIdempotent(request.method, request.body),
		},
		returnAll: paginated && (ctx.getNodeParameter('returnAll', itemIndex, false) as boolean),
		limit: paginated ? (ctx.getNodeParameter('limit', itemIndex, 50) as number) : 0,
		binaryProperty: operation.binaryResponse
			? (ctx.getNodeParameter(BINARY_PROPERTY_PARAM, itemIndex, 'data') as string)
			: '',
	};
}

function toTelnyxRequest(plan: ItemPlan, itemIndex: number, executionId: string): TelnyxRequest {
	const { method, path, qs, body } = plan.request;
	if (plan.operation.multipart) {
		const fields = Object.fromEntries(
			Object.entries(body).map(([key, value]) => [key, String(value)]),
		);
		const boundary = `n8nTelnyx${deriveCommandId([executionId, itemIndex, path]).replace(/-/g, '')}`;
		return { method, path, qs, body: encodeMultipart(fields, boundary) };
	}
	return { method, path, qs, body, binary: plan.operation.binaryResponse };
}

async function runItem(
	ctx: IExecuteFunctions,
	plan: ItemPlan,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const request = toTelnyxRequest(plan, itemIndex, ctx.getExecutionId() ?? '');
	const paired = { item: itemIndex };

	if (plan.operation.paginated) {
		const records = await telnyxList(ctx, request, {
			limit: plan.returnAll ? undefined : plan.limit,
			maxPageSize: plan.operation.paginated.maxPageSize,
			policy: plan.policy,
		});
		return records.map((json) => ({ json, pairedItem: paired }));
	}

	const response = await telnyxRequest(ctx, request, plan.policy);
	if (plan.operation.binaryResponse) {
		const contentType = String(response.headers['content-type'] ?? 'application/octet-stream');
		const name = decodeURIComponent(plan.request.path.split('/').slice(-2, -1)[0] ?? 'file');
		const buffer = Buffer.isBuffer(response.body)
			? response.body
			: Buffer.from(response.body as ArrayBuffer);
		const binary = await ctx.helpers.prepareBinaryData(buffer, name, contentType.split(';')[0]);
		return [
			{ json: { media_name: name }, binary: { [plan.binaryProperty]: binary }, pairedItem: paired },
		];
	}

	const answer = response.body as IDataObject | undefined;
	const data = answer && typeof answer === 'object' && 'data' in answer ? answer.data : answer;
	if (Array.isArray(data))
		return (data as IDataObject[]).map((json) => ({ json, pairedItem: paired }));
	if (data && typeof data === 'object') return [{ json: data as IDataObject, pairedItem: paired }];
	return [{ json: { success: true }, pairedItem: paired }];
}

function errorItem(error: unknown, itemIndex: number, toErrorOutput = false): INodeExecutionData {
	const message = error instanceof Error ? error.message : String(error);
	const description = (error as NodeApiError).description;
	// n8n sends an item to the error output only when its JSON has no keys but error, message and details.
	const detail = description ? { [toErrorOutput ? 'details' : 'description']: description } : {};
	return {
		json: { error: message, ...detail },
		pairedItem: { item: itemIndex },
	};
}

/** The error to raise for an item: ours keep their type and learn the item index, anything else is wrapped. */
function itemError(
	ctx: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

/**
 * Runs the node: every item is checked first (no request leaves when one is invalid), then the
 * requests go out concurrently, ordered per call or conference. Output follows input order.
 */
export async function executeCatalogue(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const continueOnFail = this.continueOnFail();
	const runIndex = (this as unknown as { runIndex?: number }).runIndex ?? 0;
	// The triggering Telnyx event, or the execution: see commandId.ts.
	const origin = commandIdOrigin(this);

	const plans: Array<ItemPlan | { error: unknown }> = items.map((_, itemIndex) => {
		try {
			return planItem(this, itemIndex, runIndex, origin);
		} catch (error) {
			if (!continueOnFail) throw itemError(this, error, itemIndex);
			return { error };
		}
	});

	const keys = plans.map((plan) =>
		'request' in plan && plan.request.orderKey !== undefined
			? `${plan.request.path.split('/')[1]}:${plan.request.orderKey}`
			: undefined,
	);
	const results = await runOrdered(
		keys,
		MAX_CONCURRENCY,
		async (itemIndex) => {
			const plan = plans[itemIndex];
			if ('error' in plan) throw plan.error;
			return await runItem(this, plan, itemIndex);
		},
		!continueOnFail,
	);

	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < results.length; itemIndex++) {
		const result = results[itemIndex];
		if (!result) continue;
		if (result.ok) output.push(...result.value);
		else if (continueOnFail)
			output.push(
				errorItem(result.error, itemIndex, this.getNode().onError === 'continueErrorOutput'),
			);
		else throw itemError(this, result.error, itemIndex);
	}
	return [output];
}
