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
	type MultipartFile,
	type RetryPolicy,
	type TelnyxRequest,
} from '../transport';
import { commandIdOrigin } from './commandId';
import { compileItemRead, readItem, type ItemRead } from './itemRead';
import { fieldMessage, planRequest, type PlannedRequest } from './request';
import { DEFAULT_MAX_IN_FLIGHT, runOrdered } from './scheduler';
import { planUpload, readUpload, type PlannedFile } from './upload';
import { applyEventRouting } from './wait';

export { DEFAULT_MAX_IN_FLIGHT } from './scheduler';

interface ItemPlan {
	operation: OperationSpec;
	request: PlannedRequest;
	policy: RetryPolicy;
	returnAll: boolean;
	limit: number;
	binaryProperty: string;
	/** The binary file sent in place of a URL, for operations with `fileUpload`. */
	file?: PlannedFile;
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

/** Whether a raw parameter value holds an expression anywhere inside it. */
export function hasExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(hasExpression);
	if (value && typeof value === 'object') return Object.values(value).some(hasExpression);
	return false;
}

/**
 * Reads the node's parameters for every item of a run. A parameter without an expression is the
 * same for every item, so it is resolved once; an expression that only reads the item's JSON
 * (as the node's defaults do) is read from the item directly (see itemRead.ts); any other
 * expression is resolved by n8n per item. n8n's schema check is skipped: the builder emits no
 * `validateType` and no resource mapper, so the check would return every value unchanged (a unit
 * test keeps it so).
 */
export class RunParameters {
	private readonly parameters = new Map<string, { value: unknown } | { read: ItemRead } | null>();

	constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly items: INodeExecutionData[] = [],
	) {}

	get(name: string, itemIndex: number, fallback?: unknown): unknown {
		let entry = this.parameters.get(name);
		if (entry === undefined) {
			const raw = this.ctx.getNodeParameter(name, itemIndex, fallback, { rawExpressions: true });
			const read = compileItemRead(raw);
			entry = read
				? { read }
				: hasExpression(raw)
					? null
					: { value: this.resolve(name, itemIndex, fallback) };
			this.parameters.set(name, entry);
		}
		if (entry === null) return this.resolve(name, itemIndex, fallback);
		if ('value' in entry) return entry.value;
		const found = readItem(this.items[itemIndex]?.json, entry.read);
		return found ? found.value : this.resolve(name, itemIndex, fallback);
	}

	private resolve(name: string, itemIndex: number, fallback: unknown): unknown {
		return this.ctx.getNodeParameter(name, itemIndex, fallback, { skipValidation: true });
	}
}

/** What a run reads once, whatever the number of items. */
interface Run {
	ctx: IExecuteFunctions;
	parameters: RunParameters;
	resource: string;
	operationName: string;
	operation?: OperationSpec;
	executionId: string;
	/** Workflow, origin (triggering event or execution), node and run: the part of every command ID that items share. */
	commandIdPrefix: Array<string | number>;
}

function startRun(ctx: IExecuteFunctions, items: INodeExecutionData[]): Run {
	const parameters = new RunParameters(ctx, items);
	const resource = parameters.get('resource', 0) as string;
	const operationName = parameters.get('operation', 0) as string;
	const executionId = ctx.getExecutionId() ?? '';
	const node = ctx.getNode();
	const runIndex = (ctx as unknown as { runIndex?: number }).runIndex ?? 0;
	return {
		ctx,
		parameters,
		resource,
		operationName,
		operation: findOperation(resource, operationName),
		executionId,
		// The triggering Telnyx event, or else the execution: see commandId.ts.
		commandIdPrefix: [
			ctx.getWorkflow().id ?? '',
			commandIdOrigin(ctx),
			node.id ?? node.name,
			runIndex,
		],
	};
}

function planItem(run: Run, itemIndex: number): ItemPlan {
	const { ctx, parameters, operation } = run;
	if (!operation) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Unknown operation "${run.operationName}" for "${run.resource}"`,
			{ itemIndex },
		);
	}
	const optional = parameters.get(optionalGroup(operation), itemIndex, {}) as IDataObject;
	const options = parameters.get('options', itemIndex, {}) as IDataObject;
	const valueOf = (field: FieldSpec) => {
		if (field.required) return parameters.get(paramName(field), itemIndex);
		const holder = field.section ? (optional[field.section.param] as IDataObject) : optional;
		return holder?.[paramName(field)];
	};

	const upload = planUpload(ctx, operation, itemIndex, (message, description) => {
		throw new NodeOperationError(ctx.getNode(), message, { itemIndex, description });
	});
	const request = planRequest(upload.operation, valueOf, {
		fail: (field, reason) => {
			throw new NodeOperationError(ctx.getNode(), fieldMessage(field, reason), {
				itemIndex,
				description: field.description,
			});
		},
		clientStateEncoded: options.clientStateEncoded === true,
		commandId: () =>
			deriveCommandId([...run.commandIdPrefix, itemIndex, run.resource, run.operationName]),
	});
	applyEventRouting(ctx, operation, itemIndex, request.body, (name, index, fallback) =>
		parameters.get(name, index, fallback),
	);
	const paginated = !!operation.paginated;
	return {
		operation,
		request,
		policy: {
			maxRetries: typeof options.maxRetries === 'number' ? options.maxRetries : DEFAULT_MAX_RETRIES,
			timeout: typeof options.timeout === 'number' ? options.timeout : DEFAULT_TIMEOUT_MS,
			idempotent: isIdempotent(request.method, request.body),
		},
		returnAll: paginated && (parameters.get('returnAll', itemIndex, false) as boolean),
		limit: paginated ? (parameters.get('limit', itemIndex, 50) as number) : 0,
		binaryProperty: operation.binaryResponse
			? (parameters.get(BINARY_PROPERTY_PARAM, itemIndex, 'data') as string)
			: '',
		file: upload.file,
	};
}

/** Options → Max Requests in Flight, read from the first item: the bound holds for the whole run. */
function maxInFlight(run: Run): number {
	const options = run.parameters.get('options', 0, {}) as IDataObject;
	const value = Number(options.maxInFlight);
	return Number.isInteger(value) && value >= 1 ? value : DEFAULT_MAX_IN_FLIGHT;
}

function toTelnyxRequest(
	plan: ItemPlan,
	itemIndex: number,
	executionId: string,
	file?: MultipartFile,
): TelnyxRequest {
	const { method, path, qs, body } = plan.request;
	if (plan.operation.multipart) {
		const fields: Record<string, string | MultipartFile> = Object.fromEntries(
			Object.entries(body).map(([key, value]) => [key, String(value)]),
		);
		if (plan.file && file) fields[plan.file.field] = file;
		const boundary = `n8nTelnyx${deriveCommandId([executionId, itemIndex, path]).replace(/-/g, '')}`;
		return { method, path, qs, body: encodeMultipart(fields, boundary) };
	}
	return { method, path, qs, body, binary: plan.operation.binaryResponse };
}

async function runItem(run: Run, plan: ItemPlan, itemIndex: number): Promise<INodeExecutionData[]> {
	const { ctx } = run;
	const file = plan.file ? await readUpload(ctx, itemIndex, plan.file) : undefined;
	const request = toTelnyxRequest(plan, itemIndex, run.executionId, file);
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
	if (items.length === 0) return [[]];
	const continueOnFail = this.continueOnFail();
	const run = startRun(this, items);

	const plans: Array<ItemPlan | { error: unknown }> = items.map((_, itemIndex) => {
		try {
			return planItem(run, itemIndex);
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
		maxInFlight(run),
		async (itemIndex) => {
			const plan = plans[itemIndex];
			if ('error' in plan) throw plan.error;
			return await runItem(run, plan, itemIndex);
		},
		!continueOnFail,
	);

	const toErrorOutput = this.getNode().onError === 'continueErrorOutput';
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < results.length; itemIndex++) {
		const result = results[itemIndex];
		if (!result) continue;
		if (result.ok) output.push(...result.value);
		else if (continueOnFail) output.push(errorItem(result.error, itemIndex, toErrorOutput));
		else throw itemError(this, result.error, itemIndex);
	}
	return [output];
}
