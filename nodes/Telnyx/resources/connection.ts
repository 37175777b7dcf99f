import type { ResourceSpec } from '../catalogue/types';
import { connectionLocator } from './common';
import { sortBy } from './shared';

export const connection: ResourceSpec = {
	value: 'connection',
	name: 'Connection',
	operations: [
		{
			value: 'getMany',
			name: 'Get Many',
			action: 'Get many connections',
			description:
				'List all your connections, whatever their type: Call Control applications, SIP connections and more',
			method: 'GET',
			path: '/connections',
			paginated: { maxPageSize: 250 },
			fields: [
				{
					type: 'string',
					key: 'filter[connection_name][contains]',
					displayName: 'Connection Name Contains',
					description:
						'Only connections whose name contains this text. Needs at least 3 characters; case is ignored.',
					in: 'query',
				},
				{
					type: 'string',
					key: 'filter[fqdn]',
					displayName: 'FQDN',
					description:
						'Only connections with exactly this fully qualified domain name (case-sensitive)',
					in: 'query',
					placeholder: 'e.g. sip.example.com',
				},
				{
					type: 'string',
					key: 'filter[outbound_voice_profile_id]',
					displayName: 'Outbound Voice Profile ID',
					description: 'Only connections that use this outbound voice profile',
					in: 'query',
				},
				sortBy,
			],
		},
		{
			value: 'getActiveCalls',
			name: 'Get Active Calls',
			action: 'Get the active calls of a connection',
			description:
				'List the calls in progress on a connection. Works for Call Control and TeXML applications, and for SIP connections that have a webhook or XML request URL.',
			method: 'GET',
			path: '/connections/{connection_id}/active_calls',
			paginated: { maxPageSize: 250 },
			fields: [
				{
					type: 'string',
					key: 'connection_id',
					displayName: 'Connection ID',
					description: 'The connection or Call Control application whose calls to list',
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
			description:
				'Get the main details of a connection. Type-specific settings, such as credentials, are not included.',
			method: 'GET',
			path: '/connections/{id}',
			fields: [
				{
					type: 'string',
					key: 'id',
					displayName: 'Connection ID',
					description: 'The connection to get',
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
			description:
				'Count your connections by type, alongside the connection limits of your account. Forward-only connections are left out.',
			method: 'GET',
			path: '/connections/count',
			fields: [],
		},
	],
};
