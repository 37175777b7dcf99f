import type { FieldSpec, ResourceSpec, StringField } from '../catalogue/types';
import { applicationLocator } from './common';
import { eventFilter, sortBy } from './shared';

const applicationId: StringField = {
	type: 'string',
	key: 'id',
	displayName: 'Application ID',
	description: 'The Call Control application',
	required: true,
	placeholder: 'e.g. 1293384261075731499',
	locator: applicationLocator,
};

const applicationName: StringField = {
	type: 'string',
	key: 'application_name',
	displayName: 'Application Name',
	description: 'A name that helps you recognise the application',
	required: true,
	placeholder: 'e.g. IVR Production',
};

const webhookEventUrl: StringField = {
	type: 'string',
	key: 'webhook_event_url',
	displayName: 'Webhook Event URL',
	description:
		"Where Telnyx sends this application's call webhooks, such as the Telnyx Trigger's production URL",
	required: true,
	format: 'url',
	placeholder: 'e.g. https://n8n.example.com/webhook/telnyx',
};

/** The optional settings that Create and Update share. */
const settings: FieldSpec[] = [
	{
		type: 'boolean',
		key: 'active',
		displayName: 'Active',
		description: 'Whether the application can be used for calls',
	},
	{
		type: 'options',
		key: 'anchorsite_override',
		displayName: 'Anchorsite Override',
		description:
			'The Telnyx site that carries the call media. Lowest Latency picks the site with the shortest round trip to your connection.',
		options: [
			{ name: 'Lowest Latency', value: 'Latency' },
			{ name: 'Chicago, IL', value: 'Chicago, IL' },
			{ name: 'Ashburn, VA', value: 'Ashburn, VA' },
			{ name: 'San Jose, CA', value: 'San Jose, CA' },
			{ name: 'London, UK', value: 'London, UK' },
			{ name: 'Chennai, India', value: 'Chennai, IN' },
			{ name: 'Amsterdam, Netherlands', value: 'Amsterdam, Netherlands' },
			{ name: 'Toronto, Canada', value: 'Toronto, Canada' },
			{ name: 'Sydney, Australia', value: 'Sydney, Australia' },
		],
	},
	{
		type: 'boolean',
		key: 'call_cost_in_webhooks',
		displayName: 'Call Cost in Webhooks',
		description: 'Whether Telnyx sends call cost webhooks for this application',
	},
	{
		type: 'options',
		key: 'dtmf_type',
		displayName: 'DTMF Type',
		description:
			'How Telnyx sends DTMF digits to this application. Digits coming to Telnyx are accepted in any of these forms.',
		options: [
			{ name: 'RFC 2833', value: 'RFC 2833' },
			{ name: 'In-Band', value: 'Inband' },
			{ name: 'SIP INFO', value: 'SIP INFO' },
		],
	},
	{
		type: 'boolean',
		key: 'first_command_timeout',
		displayName: 'First Command Timeout',
		description: 'Whether calls to this application hang up when no first command arrives in time',
	},
	{
		type: 'number',
		key: 'first_command_timeout_secs',
		displayName: 'First Command Timeout (Seconds)',
		description: 'How long to wait for the first command before the call times out',
		min: 1,
	},
	{
		type: 'number',
		key: 'inbound.channel_limit',
		displayName: 'Inbound Channel Limit',
		description: 'The most inbound calls this application handles at once',
		min: 1,
	},
	{
		type: 'boolean',
		key: 'inbound.shaken_stir_enabled',
		displayName: 'Inbound SHAKEN/STIR',
		description:
			'Whether webhooks for new inbound calls include SHAKEN/STIR caller verification data',
	},
	{
		type: 'string',
		key: 'inbound.sip_subdomain',
		displayName: 'Inbound SIP Subdomain',
		description:
			'A subdomain that SIP endpoints can call to reach this application, much like a phone number',
		placeholder: 'e.g. acme-ivr',
	},
	{
		type: 'options',
		key: 'inbound.sip_subdomain_receive_settings',
		displayName: 'Inbound SIP Subdomain Callers',
		description: 'Who may call the SIP subdomain',
		options: [
			{
				name: 'Only My Connections',
				value: 'only_my_connections',
				description: 'Only connections on your own Telnyx account',
			},
			{ name: 'Anyone', value: 'from_anyone', description: 'Any SIP endpoint on the internet' },
		],
	},
	{
		type: 'number',
		key: 'outbound.channel_limit',
		displayName: 'Outbound Channel Limit',
		description: 'The most outbound calls this application places at once',
		min: 1,
	},
	{
		type: 'string',
		key: 'outbound.outbound_voice_profile_id',
		displayName: 'Outbound Voice Profile ID',
		description: 'The outbound voice profile that outbound calls use',
	},
	{
		type: 'boolean',
		key: 'redact_dtmf_debug_logging',
		displayName: 'Redact DTMF in Debug Logs',
		description:
			'Whether digits that callers press are hidden in debug logs, to protect personal data entered in menus',
	},
	{
		type: 'options',
		key: 'webhook_api_version',
		displayName: 'Webhook API Version',
		description: 'The Telnyx API version whose webhook format to use',
		options: [
			{ name: 'API V1', value: '1' },
			{ name: 'API V2', value: '2' },
		],
	},
	{
		type: 'string',
		key: 'webhook_event_failover_url',
		displayName: 'Webhook Event Failover URL',
		description: 'Where Telnyx sends webhooks when the main webhook URL fails',
		format: 'url',
		placeholder: 'e.g. https://backup.example.com/webhook/telnyx',
	},
	{
		type: 'number',
		key: 'webhook_timeout_secs',
		displayName: 'Webhook Timeout (Seconds)',
		description: 'How long Telnyx waits for your webhook URL to answer',
		min: 1,
	},
];

export const callControlApplication: ResourceSpec = {
	value: 'callControlApplication',
	name: 'Call Control Application',
	operations: [
		{
			value: 'getMany',
			name: 'Get Many',
			action: 'Get many call control applications',
			description: 'List your Call Control applications',
			method: 'GET',
			path: '/call_control_applications',
			paginated: { maxPageSize: 250 },
			fields: [
				{
					...eventFilter.applicationName,
					description:
						'Only applications whose name contains this text. Needs at least 3 characters; case is ignored.',
				},
				eventFilter.applicationSessionId,
				eventFilter.connectionId,
				eventFilter.failed,
				eventFilter.from,
				eventFilter.legId,
				eventFilter.name,
				eventFilter.occurredAt,
				eventFilter.occurredAfter,
				eventFilter.occurredFrom,
				eventFilter.occurredBefore,
				eventFilter.occurredTo,
				eventFilter.outboundVoiceProfileId,
				eventFilter.product,
				eventFilter.status,
				eventFilter.to,
				eventFilter.type,
				{
					...sortBy,
					options: [
						{ name: 'Created At', value: 'created_at' },
						{ name: 'Application Name', value: 'connection_name' },
						{ name: 'Active', value: 'active' },
					],
				},
			],
		},
		{
			value: 'create',
			name: 'Create',
			action: 'Create a call control application',
			description:
				'Create a Call Control application: the webhook URL and call settings that numbers and connections use',
			method: 'POST',
			path: '/call_control_applications',
			fields: [applicationName, webhookEventUrl, ...settings],
		},
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete a call control application',
			description: 'Delete a Call Control application and its webhook settings for good',
			method: 'DELETE',
			path: '/call_control_applications/{id}',
			fields: [applicationId],
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a call control application',
			description: 'Get a Call Control application and its settings',
			method: 'GET',
			path: '/call_control_applications/{id}',
			fields: [applicationId],
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update a call control application',
			description:
				'Change the settings of a Call Control application. Telnyx needs the name and webhook URL every time.',
			method: 'PATCH',
			path: '/call_control_applications/{id}',
			fields: [
				applicationId,
				applicationName,
				webhookEventUrl,
				...settings,
				{
					type: 'list',
					key: 'tags',
					displayName: 'Tags',
					description: 'Labels for the application, separated by commas',
					placeholder: 'e.g. production, ivr',
				},
			],
		},
	],
};
