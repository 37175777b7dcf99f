import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { catalogue } from './catalogue';
import { nodeDescriptionParts } from './catalogue/builder';
import { executeCatalogue } from './engine/executor';
import { executeWithWait, handleWaitWebhook, WAIT_WEBHOOKS, waitOutputs } from './engine/wait';
import { listSearch } from './methods/listSearch';

/** Built once per process; each instance gets its own top-level list. */
const { properties, subtitle } = nodeDescriptionParts(catalogue);
const outputs = waitOutputs(catalogue);

export class Telnyx implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Telnyx',
		name: 'telnyx',
		icon: { light: 'file:../../icons/telnyx.svg', dark: 'file:../../icons/telnyx.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle,
		description: 'Control live calls, conferences and queues with Telnyx Call Control',
		defaults: { name: 'Telnyx' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs,
		credentials: [{ name: 'telnyxApi', required: true }],
		webhooks: WAIT_WEBHOOKS,
		waitingNodeTooltip:
			"Waiting for the chosen call event, a hang-up or the timeout. The call's events must come to this execution.",
		properties: [...properties],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeWithWait.call(this, executeCatalogue);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleWaitWebhook(this);
	}
}
