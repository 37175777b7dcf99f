import type { ResourceSpec } from '../catalogue/types';

export const connection: ResourceSpec = {
	value: 'connection',
	name: 'Connection',
	operations: [
		{
			value: 'getMany',
			name: 'Get Many',
			action: 'Get many connections',
			description: '',
			method: 'GET',
			path: '/connections',
			paginated: { maxPageSize: 250 },
			fields: [
				{
					type: 'string',
					key: 'filter[connection_name][contains]',
					displayName: 'Connection Name Contains',
					description: '',
					in: 'query',
				},
				{ type: 'string', key: 'filter[fqdn]', displayName: 'FQDN', description: '', in: 'query' },
				{
					type: 'string',
					key: 'filter[outbound_voice_profile_id]',
					displayName: 'Outbound Voice Profile ID',
					description: '',
					in: 'query',
				},
				{
					type: 'options',
					key: 'sort',
					displayName: 'Sort',
					description: '',
					in: 'query',
					options: [
						{ name: 'Created at', value: 'created_at' },
						{ name: 'Connection Name', value: 'connection_name' },
						{ name: 'Active', value: 'active' },
					],
				},
			],
		},
		{
			value: 'getActiveCalls',
			name: 'Get Active Calls',
			action: 'Get the active calls of a connection',
			description: '',
			method: 'GET',
			path: '/connections/{connection_id}/active_calls',
			paginated: { maxPageSize: 250 },
			fields: [
				{
					type: 'string',
					key: 'connection_id',
					displayName: 'Connection ID',
					description: '',
					required: true,
				},
			],
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a connection',
			description: '',
			method: 'GET',
			path: '/connections/{id}',
			fields: [{ type: 'string', key: 'id', displayName: 'ID', description: '', required: true }],
		},
		{
			value: 'count',
			name: 'Count',
			action: 'Count connections',
			description: '',
			method: 'GET',
			path: '/connections/count',
			fields: [],
		},
	],
};
