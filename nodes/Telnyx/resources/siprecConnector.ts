import type { FieldSpec, ResourceSpec, StringField } from '../catalogue/types';

const connectorName: StringField = {
	type: 'string',
	key: 'connector_name',
	displayName: 'Connector Name',
	required: true,
};

/** The settings that Create and Update both send in full. */
const settings: FieldSpec[] = [
	{
		type: 'string',
		key: 'host',
		displayName: 'Host',
		description: 'Hostname or IPv4 address of the recording server',
		required: true,
		placeholder: 'e.g. srs.example.com',
	},
	{
		type: 'string',
		key: 'name',
		displayName: 'Name',
		description: 'Calls pick the connector by this name when starting SIPREC',
		required: true,
	},
	{
		type: 'number',
		key: 'port',
		displayName: 'Port',
		required: true,
		min: 1,
		max: 65535,
		default: 5060,
	},
	{
		type: 'string',
		key: 'app_subdomain',
		displayName: 'App Subdomain',
		description: 'Only for recording servers run by Telnyx',
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
			description: 'Save the address of a SIPREC recording server',
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
			description: 'Replace all settings of a SIPREC connector',
			method: 'PUT',
			path: '/siprec_connectors/{connector_name}',
			fields: [connectorName, ...settings],
		},
	],
};
