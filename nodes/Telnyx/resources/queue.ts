import type { ResourceSpec } from '../catalogue/types';

export const queue: ResourceSpec = {
	value: 'queue',
	name: 'Queue',
	operations: [
		{
			value: 'get',
			name: 'Get',
			action: 'Get a queue',
			description: '',
			method: 'GET',
			path: '/queues/{queue_name}',
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
			value: 'getMany',
			name: 'Get Many',
			action: 'Get many queues',
			description: '',
			method: 'GET',
			path: '/queues',
			paginated: { maxPageSize: 250 },
			fields: [],
		},
		{
			value: 'create',
			name: 'Create',
			action: 'Create a queue',
			description: '',
			method: 'POST',
			path: '/queues',
			fields: [
				{
					type: 'string',
					key: 'queue_name',
					displayName: 'Queue Name',
					description: '',
					required: true,
				},
				{ type: 'number', key: 'max_size', displayName: 'Max Size', description: '' },
			],
		},
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete a queue',
			description: '',
			method: 'DELETE',
			path: '/queues/{queue_name}',
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
			value: 'update',
			name: 'Update',
			action: 'Update a queue',
			description: '',
			method: 'POST',
			path: '/queues/{queue_name}',
			fields: [
				{
					type: 'string',
					key: 'queue_name',
					displayName: 'Queue Name',
					description: '',
					required: true,
				},
				{
					type: 'number',
					key: 'max_size',
					displayName: 'Max Size',
					description: '',
					required: true,
				},
			],
		},
	],
};
