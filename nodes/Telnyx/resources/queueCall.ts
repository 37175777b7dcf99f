import type { ResourceSpec, StringField } from '../catalogue/types';
import { callControlId } from './common';
import { keepAfterHangup, queueName } from './shared';

const queuedCall: StringField = {
	...callControlId,
	description:
		'The queued call leg. By default it is read from the incoming item: a call event or a Get Many result.',
};

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
			fields: [queueName, queuedCall],
		},
		{
			value: 'delete',
			name: 'Remove',
			action: 'Remove a call from a queue',
			description:
				'Clear a call that is no longer active out of a queue. To take a live call out, use Leave Queue on the Call resource.',
			method: 'DELETE',
			path: '/queues/{queue_name}/calls/{call_control_id}',
			fields: [queueName, queuedCall],
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update a call in a queue',
			description: 'Change whether a queued call keeps its place after it hangs up',
			method: 'PATCH',
			path: '/queues/{queue_name}/calls/{call_control_id}',
			fields: [queueName, queuedCall, keepAfterHangup],
		},
	],
};
