import type { ResourceSpec } from '../catalogue/types';
import { maxQueueSize, queueName } from './shared';

export const queue: ResourceSpec = {
	value: 'queue',
	name: 'Queue',
	operations: [
		{
			value: 'get',
			name: 'Get',
			action: 'Get a queue',
			description: 'Get a call queue',
			method: 'GET',
			path: '/queues/{queue_name}',
			fields: [queueName],
		},
		{
			value: 'getMany',
			name: 'Get Many',
			action: 'Get many queues',
			description: 'List your call queues',
			method: 'GET',
			path: '/queues',
			paginated: { maxPageSize: 250 },
			fields: [],
		},
		{
			value: 'create',
			name: 'Create',
			action: 'Create a queue',
			description: 'Create a call queue, which calls join with Enqueue',
			method: 'POST',
			path: '/queues',
			fields: [
				{
					...queueName,
					description: 'From 1 to 255 characters',
					locator: undefined,
				},
				maxQueueSize,
			],
		},
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete a queue',
			description: 'Delete a call queue',
			method: 'DELETE',
			path: '/queues/{queue_name}',
			fields: [queueName],
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update a queue',
			description: 'Change the size limit of a call queue',
			method: 'POST',
			path: '/queues/{queue_name}',
			// No default: an untouched Update must not resize the queue to some value nobody chose.
			fields: [queueName, { ...maxQueueSize, required: true, default: '' }],
		},
	],
};
