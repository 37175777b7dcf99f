import type { OperationSpec, ResourceSpec } from './types';
import { balance } from '../resources/balance';
import { call } from '../resources/call';
import { callControlApplication } from '../resources/callControlApplication';
import { callEvent } from '../resources/callEvent';
import { conference } from '../resources/conference';
import { connection } from '../resources/connection';
import { media } from '../resources/media';
import { queue } from '../resources/queue';
import { queueCall } from '../resources/queueCall';
import { recording } from '../resources/recording';
import { recordingTranscription } from '../resources/recordingTranscription';
import { siprecConnector } from '../resources/siprecConnector';

/** Every resource of the Telnyx node. Adding an operation means adding an entry to one of these files. */
export const catalogue: ResourceSpec[] = [
	call,
	conference,
	queue,
	queueCall,
	callControlApplication,
	connection,
	callEvent,
	recording,
	recordingTranscription,
	media,
	siprecConnector,
	balance,
];

const index = new Map<string, OperationSpec>();
for (const resource of catalogue) {
	for (const operation of resource.operations) {
		index.set(`${resource.value}:${operation.value}`, operation);
	}
}

export function findOperation(resource: string, operation: string): OperationSpec | undefined {
	return index.get(`${resource}:${operation}`);
}
