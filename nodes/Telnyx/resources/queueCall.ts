import type { ResourceSpec } from '../catalogue/types';
import { callControlId } from './common';
import { keepAfterHangup, queueName } from './shared';

export const queueCall: ResourceSpec = {
	value: 'queueCall',
	name: 'Queue Call',
	operations: [
		{
			value: 'getMany',
			name: 'Get Many',
			action: 'Get many calls in a queue',
			description: 'List the calls waiting in a queue',
			method: 'GET',
			path: '/queues/{queue_name}/calls',
			paginated: { maxPageSize: 250 },
			fields: [queueName],
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get a call in a queue',
			description: 'Get one call waiting in a queue',
			method: 'GET',
			path: '/queues/{queue_name}/calls/{call_control_id}',
			fields: [queueName, callControlId],
		},
		{
			value: 'delete',
			name: 'Remove',
			action: 'Remove a call from a queue',
			description: 'Clear an ended call out of a queue; for live calls use Leave Queue',
			method: 'DELETE',
			path: '/queues/{queue_name}/calls/{call_control_id}',
			fields: [queueName, callControlId],
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update a call in a queue',
			description: 'Set whether a queued call stays after the caller hangs up',
			method: 'PATCH',
			path: '/queues/{queue_name}/calls/{call_control_id}',
			fields: [queueName, callControlId, keepAfterHangup],
		},
	],
};
