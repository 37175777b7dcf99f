import type { ResourceSpec } from '../catalogue/types';
import { connectionLocator } from './common';
import { CONTAINS, EXACT, sortBy } from './shared';

export const connection: ResourceSpec = {
	value: 'connection',
	name: 'Connection',
	operations: [
		{
			value: 'getMany',
			name: 'Get Many',
			action: 'Get many connections',
			description: 'List your connections of every type',
			method: 'GET',
			path: '/connections',
			paginated: { maxPageSize: 250 },
			fields: [
				{
					type: 'string',
					key: 'filter[connection_name][contains]',
					displayName: 'Connection Name Contains',
					description: CONTAINS,
					in: 'query',
				},
				{
					type: 'string',
					key: 'filter[fqdn]',
					displayName: 'FQDN',
					description: EXACT,
					in: 'query',
					placeholder: 'e.g. sip.example.com',
				},
				{
					type: 'string',
					key: 'filter[outbound_voice_profile_id]',
					displayName: 'Outbound Voice Profile ID',
					in: 'query',
				},
				sortBy,
			],
		},
		{
			value: 'getActiveCalls',
			name: 'Get Active Calls',
			action: 'Get the active calls of a connection',
			description: 'List the calls in progress on a connection',
			method: 'GET',
			path: '/connections/{connection_id}/active_calls',
			paginated: { maxPageSize: 250 },
			fields: [
				{
					type: 'string',
					key: 'connection_id',
					displayName: 'Connection ID',
					required: true,
					placeholder: 'e.g. 1293384261075731499',
					locator: connectionLocator,
				},
			],
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a connection',
			description: 'Get the common details of a connection, whatever its type',
			method: 'GET',
			path: '/connections/{id}',
			fields: [
				{
					type: 'string',
					key: 'id',
					displayName: 'Connection ID',
					required: true,
					placeholder: 'e.g. 1293384261075731499',
					locator: connectionLocator,
				},
			],
		},
		{
			value: 'count',
			name: 'Count',
			action: 'Count connections',
			description: 'Count your connections by type, with your account limits',
			method: 'GET',
			path: '/connections/count',
			fields: [],
		},
	],
};
