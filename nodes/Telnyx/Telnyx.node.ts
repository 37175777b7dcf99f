import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { catalogue } from './catalogue';
import { nodeDescriptionParts } from './catalogue/builder';
import { executeCatalogue } from './engine/executor';
import { listSearch } from './methods/listSearch';

/** Built once per process; each instance gets its own top-level list. */
const { properties, subtitle } = nodeDescriptionParts(catalogue);

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
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'telnyxApi', required: true }],
		properties: [...properties],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeCatalogue.call(this);
	}
}
