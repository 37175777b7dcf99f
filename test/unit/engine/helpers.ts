import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';
import { findOperation } from '../../../nodes/Telnyx/catalogue';
import { paramName } from '../../../nodes/Telnyx/catalogue/builder';
import type { FieldSpec } from '../../../nodes/Telnyx/catalogue/types';
import { runWorkflow, singleNodeWorkflow, type RunResult } from '../../harness/runWorkflow';
import type { FaultKind, RecordedRequest, TelnyxMock } from '../../mock/telnyxMock';

/** Shared helpers for the engine tests: run one Telnyx node against the mock. */

export const NODE = 'Telnyx';

export interface RunNodeOptions {
	input?: INodeExecutionData[];
	settings?: Partial<INode>;
	executionId?: string;
	apiKey?: string;
}

export async function runNode(
	mock: TelnyxMock,
	parameters: IDataObject,
	options: RunNodeOptions = {},
): Promise<RunResult> {
	return await runWorkflow(singleNodeWorkflow(parameters, options.settings), {
		credentials: { apiKey: options.apiKey ?? mock.apiKey, baseUrl: mock.baseUrl, publicKey: '' },
		input: options.input,
		executionId: options.executionId,
	});
}

/** An input item as a Telnyx Trigger would emit it for a call. */
export function callItem(callControlId: string, extra: IDataObject = {}): INodeExecutionData {
	return { json: { payload: { call_control_id: callControlId }, ...extra } };
}

/** The n8n parameter name of a catalogue field, looked up by its Telnyx key. */
export function param(resource: string, operation: string, key: string): string {
	const spec = findOperation(resource, operation);
	if (!spec) throw new Error(`No operation ${resource}:${operation}`);
	const field = spec.fields.find((f: FieldSpec) => f.key === key);
	if (!field) throw new Error(`No field ${key} in ${resource}:${operation}`);
	return paramName(field);
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export function bodyOf(request: RecordedRequest): IDataObject {
	return (request.body ?? {}) as IDataObject;
}

/**
 * Makes the mock answer its next `count` requests with `kind`, and every later one normally.
 * Deterministic: the switch happens when a request is recorded, before the mock picks a fault.
 */
export function faultNext(mock: TelnyxMock, count: number, kind: FaultKind): void {
	const requests = mock.requests as RecordedRequest[] & {
		push: (...items: RecordedRequest[]) => number;
	};
	const start = requests.length;
	mock.faults({ rate: 1, kinds: [kind] });
	requests.push = function push(this: RecordedRequest[], ...items: RecordedRequest[]): number {
		const length = Array.prototype.push.apply(this, items);
		if (length - start > count) {
			mock.faults(null);
			delete (this as Partial<typeof requests>).push;
		}
		return length;
	};
}

export function delay(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Every string in a value, serialised, for "does this leak X" checks. */
export function serialise(value: unknown): string {
	const seen = new WeakSet<object>();
	const text = JSON.stringify(value, (_key, v: unknown) => {
		if (v && typeof v === 'object') {
			if (seen.has(v)) return '[circular]';
			seen.add(v);
		}
		if (v instanceof Error) {
			return { ...v, name: v.name, message: v.message, stack: v.stack };
		}
		return v;
	});
	return text ?? '';
}
