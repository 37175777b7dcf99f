import type { FieldSpec, ResourceSpec, StringField } from '../catalogue/types';
import { applicationLocator } from './common';
import { eventFilters, sortBy } from './shared';

const applicationId: StringField = {
	type: 'string',
	key: 'id',
	displayName: 'Application ID',
	required: true,
	placeholder: 'e.g. 1293384261075731499',
	locator: applicationLocator,
};

const applicationName: StringField = {
	type: 'string',
	key: 'application_name',
	displayName: 'Application Name',
	required: true,
};

const webhookEventUrl: StringField = {
	type: 'string',
	key: 'webhook_event_url',
	displayName: 'Webhook Event URL',
	description: "Such as the Telnyx Trigger's production URL",
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
		description: 'Whether the application takes calls',
	},
	{
		type: 'options',
		key: 'anchorsite_override',
		displayName: 'Anchorsite Override',
		description: 'Telnyx site that carries the media',
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
		description: 'Whether to send call cost webhooks',
	},
	{
		type: 'options',
		key: 'dtmf_type',
		displayName: 'DTMF Type',
		description: 'How Telnyx sends digits; any type is accepted inbound',
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
		description: 'Whether to hang up calls that get no first command in time',
	},
	{
		type: 'number',
		key: 'first_command_timeout_secs',
		displayName: 'First Command Timeout (Seconds)',
		min: 1,
	},
	{
		type: 'number',
		key: 'inbound.channel_limit',
		displayName: 'Inbound Channel Limit',
		description: 'Most inbound calls at once',
		min: 1,
	},
	{
		type: 'boolean',
		key: 'inbound.shaken_stir_enabled',
		displayName: 'Inbound SHAKEN/STIR',
		description: 'Whether inbound call webhooks carry SHAKEN/STIR data',
	},
	{
		type: 'string',
		key: 'inbound.sip_subdomain',
		displayName: 'Inbound SIP Subdomain',
		description: 'SIP endpoints can call it like a phone number',
	},
	{
		type: 'options',
		key: 'inbound.sip_subdomain_receive_settings',
		displayName: 'Inbound SIP Subdomain Callers',
		description: 'Who may call the SIP subdomain',
		options: [
			{ name: 'Only My Connections', value: 'only_my_connections' },
			{ name: 'Anyone', value: 'from_anyone' },
		],
	},
	{
		type: 'number',
		key: 'outbound.channel_limit',
		displayName: 'Outbound Channel Limit',
		description: 'Most outbound calls at once',
		min: 1,
	},
	{
		type: 'string',
		key: 'outbound.outbound_voice_profile_id',
		displayName: 'Outbound Voice Profile ID',
	},
	{
		type: 'boolean',
		key: 'redact_dtmf_debug_logging',
		displayName: 'Redact DTMF in Debug Logs',
		description: 'Whether to hide caller digits in debug logs',
	},
	{
		type: 'options',
		key: 'webhook_api_version',
		displayName: 'Webhook API Version',
		description: 'Webhook payload format',
		options: [
			{ name: 'API V1', value: '1' },
			{ name: 'API V2', value: '2' },
		],
	},
	{
		type: 'string',
		key: 'webhook_event_failover_url',
		displayName: 'Webhook Event Failover URL',
		description: 'Used when Webhook Event URL fails',
		format: 'url',
	},
	{
		type: 'number',
		key: 'webhook_timeout_secs',
		displayName: 'Webhook Timeout (Seconds)',
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
				...eventFilters,
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
			description: 'Create a Call Control application',
			method: 'POST',
			path: '/call_control_applications',
			fields: [applicationName, webhookEventUrl, ...settings],
		},
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete a call control application',
			description: 'Delete a Call Control application',
			method: 'DELETE',
			path: '/call_control_applications/{id}',
			fields: [applicationId],
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a call control application',
			description: 'Get a Call Control application',
			method: 'GET',
			path: '/call_control_applications/{id}',
			fields: [applicationId],
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update a call control application',
			description: 'Change the settings of a Call Control application',
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
					placeholder: 'e.g. production, ivr',
				},
			],
		},
	],
};
