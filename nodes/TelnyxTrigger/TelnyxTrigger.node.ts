import type {
	IHookFunctions,
	ILoadOptionsFunctions,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { triggerProperties } from './description';
import { createWebhook, deleteWebhook, loadApplications, webhookExists } from './registration';
import { handleWebhook } from './webhook';

export class TelnyxTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Telnyx Trigger',
		name: 'telnyxTrigger',
		icon: { light: 'file:../../icons/telnyx.svg', dark: 'file:../../icons/telnyx.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ (($parameter["events"] || []).includes("*") ? "All events" : ($parameter["events"] || []).length === 1 ? "1 event" : ($parameter["events"] || []).length + " events") }}',
		description: 'Starts the workflow when Telnyx Call Control sends a call event',
		defaults: { name: 'Telnyx Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'telnyxApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				// Without this, n8n answers an accepted event with the text "firstEntryJson".
				responseData: 'noData',
				path: 'webhook',
			},
		],
		properties: triggerProperties,
	};

	methods = {
		loadOptions: {
			async getApplications(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				return await loadApplications(this);
			},
		},
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await webhookExists(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await createWebhook(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteWebhook(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleWebhook(this);
	}
}
