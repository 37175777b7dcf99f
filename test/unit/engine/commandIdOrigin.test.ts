/**
 * Command IDs in executions a Telnyx Trigger started: derived from the event, so a second
 * execution of the same event sends the same IDs. Workflows run through n8n-core's own
 * WorkflowExecute in 'webhook' mode, with the trigger's output as the start data, as n8n does
 * for a live webhook delivery.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { Telnyx } from '../../../nodes/Telnyx/Telnyx.node';
import { TelnyxTrigger } from '../../../nodes/TelnyxTrigger/TelnyxTrigger.node';
import { runWorkflow, type WorkflowJson } from '../../harness/runWorkflow';
import { TelnyxMock } from '../../mock/telnyxMock';
import { bodyOf, UUID } from './helpers';

const PACKAGE = 'n8n-nodes-telnyx-call-control';

/** Stands in for another webhook trigger (n8n passes a webhook node's start data through). */
class OtherWebhook implements INodeType {
	description = {
		displayName: 'Other Webhook',
		name: 'otherWebhook',
		group: ['trigger'],
		version: 1,
		description: 'Another webhook trigger',
		defaults: { name: 'Other Webhook' },
		inputs: [],
		outputs: ['main'],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'x' }],
		properties: [],
	} as unknown as INodeType['description'];

	async webhook() {
		return {};
	}
}

/** Sends its items back on output 0 the first time it runs, then on output 1: a loop of two. */
class Again implements INodeType {
	description = {
		displayName: 'Again',
		name: 'again',
		group: ['transform'],
		version: 1,
		description: 'Loops once',
		defaults: { name: 'Again' },
		inputs: ['main'],
		outputs: ['main', 'main'],
		properties: [],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const runIndex = (this as unknown as { runIndex: number }).runIndex;
		const items = this.getInputData();
		return runIndex === 0 ? [items, []] : [[], items];
	}
}

const types: Record<string, INodeType> = {
	[`${PACKAGE}.telnyxTrigger`]: new TelnyxTrigger(),
	[`${PACKAGE}.telnyx`]: new Telnyx(),
	'test.otherWebhook': new OtherWebhook(),
	'test.again': new Again(),
};
const nodeTypes: INodeTypes = {
	getByName: (name) => types[name],
	getByNameAndVersion: (name) => types[name],
	getKnownTypes: () => ({}),
};

function node(name: string, type: string, parameters: INodeParameters = {}): INode {
	return {
		id: `id-${name}`,
		name,
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		...(type.endsWith('telnyx') ? { credentials: { telnyxApi: { id: 'c', name: 'c' } } } : {}),
	};
}

/** Telnyx Trigger → Speak ⇄ Again (Speak runs twice), and Other Webhook → Speak. */
const workflow: WorkflowJson = {
	id: 'wf-command-ids',
	name: 'command ids',
	nodes: [
		node('Telnyx Trigger', `${PACKAGE}.telnyxTrigger`),
		node('Other Webhook', 'test.otherWebhook'),
		node('Speak', `${PACKAGE}.telnyx`, {
			resource: 'call',
			operation: 'speak',
			callControlId: 'v3:call-1',
			payload: 'Hello',
			voice: 'female',
		}),
		node('Again', 'test.again'),
	],
	connections: {
		'Telnyx Trigger': { main: [[{ node: 'Speak', type: 'main', index: 0 }]] },
		'Other Webhook': { main: [[{ node: 'Speak', type: 'main', index: 0 }]] },
		Speak: { main: [[{ node: 'Again', type: 'main', index: 0 }]] },
		Again: { main: [[{ node: 'Speak', type: 'main', index: 0 }], []] },
	},
};

let mock: TelnyxMock;
beforeAll(async () => {
	mock = await TelnyxMock.start();
});
afterAll(async () => mock.stop());
beforeEach(() => mock.reset());

let executions = 0;

/** Runs the workflow once and returns the command IDs Speak sent, in order. */
async function commandIds(
	items: IDataObject[],
	options: { mode?: WorkflowExecuteMode; startNode?: string } = {},
): Promise<string[]> {
	const from = mock.requests.length;
	const result = await runWorkflow(workflow, {
		credentials: { apiKey: mock.apiKey, baseUrl: mock.baseUrl, publicKey: '' },
		input: items.map((json) => ({ json })),
		executionId: `exec-${++executions}`,
		nodeTypes,
		mode: options.mode ?? 'webhook',
		startNode: options.startNode ?? 'Telnyx Trigger',
	});
	expect(result.error).toBeUndefined();
	const ids = mock.requests.slice(from).map((r) => String(bodyOf(r).command_id));
	expect(ids).toHaveLength(items.length * 2);
	for (const id of ids) expect(id).toMatch(UUID);
	return ids;
}

function event(id: string | undefined): IDataObject {
	return {
		event_type: 'call.answered',
		...(id === undefined ? {} : { id }),
		payload: { call_control_id: 'v3:call-1' },
	};
}

describe('command IDs of an execution a Telnyx Trigger started', () => {
	it('are the same in a second execution of the same event, and differ per run of the node', async () => {
		const first = await commandIds([event('evt-1')]);
		const second = await commandIds([event('evt-1')]);
		expect(second).toEqual(first);
		// Speak ran twice (the loop): run 0 and run 1 send different IDs.
		expect(new Set(first).size).toBe(2);
	});

	it('differ for another event, and per item', async () => {
		const one = await commandIds([event('evt-A')]);
		const other = await commandIds([event('evt-B')]);
		expect(other.filter((id) => one.includes(id))).toEqual([]);
		const two = await commandIds([event('evt-A'), event('evt-A')]);
		expect(new Set(two).size).toBe(4);
	});

	it('fall back to the execution when the event has no id', async () => {
		const first = await commandIds([event(undefined)]);
		const second = await commandIds([event(undefined)]);
		expect(second.filter((id) => first.includes(id))).toEqual([]);
	});
});

describe('command IDs of other executions stay per execution', () => {
	it('in a manual run of the same event (test URL, pinned data)', async () => {
		const live = await commandIds([event('evt-manual')]);
		const manual = await commandIds([event('evt-manual')], { mode: 'manual' });
		const again = await commandIds([event('evt-manual')], { mode: 'manual' });
		expect(manual.filter((id) => live.includes(id) || again.includes(id))).toEqual([]);
	});

	it('when another webhook trigger started the execution', async () => {
		const first = await commandIds([event('evt-other')], { startNode: 'Other Webhook' });
		const second = await commandIds([event('evt-other')], { startNode: 'Other Webhook' });
		const live = await commandIds([event('evt-other')]);
		expect(second.filter((id) => first.includes(id) || live.includes(id))).toEqual([]);
	});
});
