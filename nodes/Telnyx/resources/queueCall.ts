import type { ResourceSpec } from '../catalogue/types';

export const queueCall: ResourceSpec = {
	value: 'queueCall',
	name: 'Queue Call',
	operations: [
		{
			value: 'getMany',
			name: 'Get Many',
			action: 'Get many calls in a queue',
			description: '',
			method: 'GET',
			path: '/queues/{queue_name}/calls',
			paginated: { maxPageSize: 250 },
			fields: [
				{
					type: 'string',
					key: 'queue_name',
					displayName: 'Queue Name',
					description: '',
					required: true,
				},
			],
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a call in a queue',
			description: '',
			method: 'GET',
			path: '/queues/{queue_name}/calls/{call_control_id}',
			fields: [
				{
					type: 'string',
					key: 'queue_name',
					displayName: 'Queue Name',
					description: '',
					required: true,
				},
				{
					type: 'string',
					key: 'call_control_id',
					displayName: 'Call Control ID',
					description: '',
					required: true,
				},
			],
		},
		{
			value: 'delete',
			name: 'Remove',
			action: 'Remove a call from a queue',
			description: '',
			method: 'DELETE',
			path: '/queues/{queue_name}/calls/{call_control_id}',
			fields: [
				{
					type: 'string',
					key: 'queue_name',
					displayName: 'Queue Name',
					description: '',
					required: true,
				},
				{
					type: 'string',
					key: 'call_control_id',
					displayName: 'Call Control ID',
					description: '',
					required: true,
				},
			],
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update a call in a queue',
			description: '',
			method: 'PATCH',
			path: '/queues/{queue_name}/calls/{call_control_id}',
			fields: [
				{
					type: 'string',
					key: 'queue_name',
					displayName: 'Queue Name',
					description: '',
					required: true,
				},
				{
					type: 'string',
					key: 'call_control_id',
					displayName: 'Call Control ID',
					description: '',
					required: true,
				},
				{
					type: 'boolean',
					key: 'keep_after_hangup',
					displayName: 'Keep After Hangup',
					description: '',
				},
			],
		},
	],
};
