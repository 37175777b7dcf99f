import type { ResourceSpec } from '../catalogue/types';

export const siprecConnector: ResourceSpec = {
	value: 'siprecConnector',
	name: 'SIPREC Connector',
	operations: [
		{
			value: 'create',
			name: 'Create',
			action: 'Create a SIPREC connector',
			description: '',
			method: 'POST',
			path: '/siprec_connectors',
			fields: [
				{ type: 'string', key: 'host', displayName: 'Host', description: '', required: true },
				{ type: 'string', key: 'name', displayName: 'Name', description: '', required: true },
				{ type: 'number', key: 'port', displayName: 'Port', description: '', required: true },
				{ type: 'string', key: 'app_subdomain', displayName: 'App Subdomain', description: '' },
			],
		},
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete a SIPREC connector',
			description: '',
			method: 'DELETE',
			path: '/siprec_connectors/{connector_name}',
			fields: [
				{
					type: 'string',
					key: 'connector_name',
					displayName: 'Connector Name',
					description: '',
					required: true,
				},
			],
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a SIPREC connector',
			description: '',
			method: 'GET',
			path: '/siprec_connectors/{connector_name}',
			fields: [
				{
					type: 'string',
					key: 'connector_name',
					displayName: 'Connector Name',
					description: '',
					required: true,
				},
			],
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update a SIPREC connector',
			description: '',
			method: 'PUT',
			path: '/siprec_connectors/{connector_name}',
			fields: [
				{
					type: 'string',
					key: 'connector_name',
					displayName: 'Connector Name',
					description: '',
					required: true,
				},
				{ type: 'string', key: 'host', displayName: 'Host', description: '', required: true },
				{ type: 'string', key: 'name', displayName: 'Name', description: '', required: true },
				{ type: 'number', key: 'port', displayName: 'Port', description: '', required: true },
				{ type: 'string', key: 'app_subdomain', displayName: 'App Subdomain', description: '' },
			],
		},
	],
};
