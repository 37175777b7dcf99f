import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

/**
 * Bench-only: the naive way to write an API node. Awaits each item's request before sending the
 * next one, with `this.helpers.httpRequest` (the same n8n-core helper our transport goes through).
 */
export class SequentialHttp implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sequential HTTP (bench)',
		name: 'sequentialHttp',
		group: ['output'],
		version: 1,
		description: 'POSTs one JSON body per item, one item after the other',
		defaults: { name: 'Sequential HTTP' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
			{ displayName: 'Authorization', name: 'authorization', type: 'string', default: '' },
			{ displayName: 'Payload', name: 'payload', type: 'string', default: '' },
			{ displayName: 'Voice', name: 'voice', type: 'string', default: '' },
			{ displayName: 'Command ID', name: 'commandId', type: 'string', default: '' },
		],
	} as unknown as INodeTypeDescription;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const answer = (await this.helpers.httpRequest({
				method: 'POST',
				url: this.getNodeParameter('url', itemIndex) as string,
				headers: { Authorization: this.getNodeParameter('authorization', itemIndex) as string },
				body: {
					payload: this.getNodeParameter('payload', itemIndex) as string,
					voice: this.getNodeParameter('voice', itemIndex) as string,
					command_id: this.getNodeParameter('commandId', itemIndex) as string,
				},
				json: true,
			})) as IDataObject;
			output.push({
				json: (answer.data as IDataObject) ?? answer,
				pairedItem: { item: itemIndex },
			});
		}
		return [output];
	}
}
