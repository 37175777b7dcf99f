import type { FieldSpec, ResourceSpec, StringField } from '../catalogue/types';

const connectorName: StringField = {
	type: 'string',
	key: 'connector_name',
	displayName: 'Connector Name',
	description: 'The name of the SIPREC connector',
	required: true,
	placeholder: 'e.g. compliance-recorder',
};

/** The settings that Create and Update both send in full. */
const settings: FieldSpec[] = [
	{
		type: 'string',
		key: 'host',
		displayName: 'Host',
		description: 'The hostname or IPv4 address of the SIPREC recording server (SRS)',
		required: true,
		placeholder: 'e.g. srs.example.com',
	},
	{
		type: 'string',
		key: 'name',
		displayName: 'Name',
		description: 'The name of the connector, used to pick it when starting SIPREC on a call',
		required: true,
		placeholder: 'e.g. compliance-recorder',
	},
	{
		type: 'number',
		key: 'port',
		displayName: 'Port',
		description: 'The port of the recording server. 5060 is the usual SIP port.',
		required: true,
		min: 1,
		max: 65535,
		default: 5060,
	},
	{
		type: 'string',
		key: 'app_subdomain',
		displayName: 'App Subdomain',
		description:
			'The subdomain to route calls to when the recording server is run by Telnyx. Not needed for other servers.',
		placeholder: 'e.g. my-recorder',
	},
];

export const siprecConnector: ResourceSpec = {
	value: 'siprecConnector',
	name: 'SIPREC Connector',
	operations: [
		{
			value: 'create',
			name: 'Create',
			action: 'Create a SIPREC connector',
			description:
				'Save the address of a SIPREC recording server, so calls can be streamed to it for recording',
			method: 'POST',
			path: '/siprec_connectors',
			fields: settings,
		},
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete a SIPREC connector',
			description: 'Delete a SIPREC connector',
			method: 'DELETE',
			path: '/siprec_connectors/{connector_name}',
			fields: [connectorName],
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a SIPREC connector',
			description: 'Get the settings of a SIPREC connector',
			method: 'GET',
			path: '/siprec_connectors/{connector_name}',
			fields: [connectorName],
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update a SIPREC connector',
			description:
				'Replace the settings of a SIPREC connector. Every required setting is sent again.',
			method: 'PUT',
			path: '/siprec_connectors/{connector_name}',
			fields: [connectorName, ...settings],
		},
	],
};
