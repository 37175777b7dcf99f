/**
 * The linear IVR of examples/linear-ivr.json as the end-to-end suites run it, shared by the
 * single-process test (linearFlow.test.ts) and the queue-mode test: the workflow with its
 * placeholders filled in, the calls the mock plays, and small readers of its executions.
 *
 *   Incoming Call (trigger) → Answer (send events here, wait for call.answered)
 *     → Menu: Gather Using Speak (wait for call.gather.ended)
 *         → Pressed 1? → Transfer to Sales | Say Goodbye (wait for call.speak.ended) → Hang Up
 *         ↘ hang-up or timeout → Timed Out? → Hang Up After Timeout | Caller Hung Up
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MockCall, TelnyxMock } from '../mock/telnyxMock';
import { host, type Execution } from './harness';

export const LINEAR = 'TelnyxLinearIvr1';
export const LINEAR_APP_ID = 'app-e2e-linear';
export const SALES = '+13125550199';

/** How each test call behaves once the menu is read out. */
export type Caller = 'presses 1' | 'hangs up' | 'stays silent' | 'waits';

export const linearCallId = (name: string) => `v3:e2e-linear-${name}`;

/**
 * Writes examples/linear-ivr.json into `dir` with the e2e credential, the sales number, the
 * mock's application and a menu timeout of `menuTimeoutSeconds`. Returns the file and the
 * trigger's production webhook path.
 */
export function writeLinearWorkflow(
	dir: string,
	menuTimeoutSeconds: number,
): { file: string; hook: string } {
	const example = JSON.parse(
		fs.readFileSync(path.join(host.PROJECT_DIR, 'examples', 'linear-ivr.json'), 'utf8'),
	);
	example.id = LINEAR;
	for (const node of example.nodes) {
		if (node.name === 'Transfer to Sales') node.parameters.to = SALES;
		if (node.credentials)
			node.credentials.telnyxApi = { id: 'TelnyxE2eCred001', name: 'Telnyx (e2e mock)' };
		if (node.name === 'Menu') node.parameters.waitTimeout = menuTimeoutSeconds;
		// Activation registers the trigger on this application: the proof that it is live.
		if (node.name === 'Incoming Call') node.parameters.applicationId = LINEAR_APP_ID;
	}
	const file = path.join(dir, 'linear-ivr.workflow.json');
	fs.writeFileSync(file, JSON.stringify(example));
	const trigger = example.nodes.find((node: { name: string }) => node.name === 'Incoming Call');
	return { file, hook: `${trigger.webhookId}/webhook` };
}

/** The call.initiated event that starts a call's execution. */
export function incoming(call: string): string {
	return JSON.stringify({
		data: {
			record_type: 'event',
			event_type: 'call.initiated',
			id: `evt-initiated-${call}`,
			occurred_at: new Date().toISOString(),
			payload: {
				call_control_id: call,
				call_leg_id: `leg-${call}`,
				call_session_id: `session-${call}`,
				connection_id: 'conn-e2e',
				direction: 'incoming',
				from: '+13125550123',
				to: '+13125550100',
				state: 'parked',
			},
		},
		meta: { attempt: 1, delivered_to: 'e2e' },
	});
}

/**
 * Has the mock play each call the way `callers` says, posting its events to the URL the Answer
 * gave it. `onCommand` hears of every scripted command as it arrives.
 */
export function scriptCalls(
	mock: TelnyxMock,
	callers: Map<string, Caller>,
	onCommand: (call: MockCall, action: string) => void = () => {},
): void {
	// The answer overtakes the command's response: it reaches n8n while the execution runs.
	mock.onCommand('answer', (call) => {
		onCommand(call, 'answer');
		return [{ event_type: 'call.answered', beforeAnswer: true }];
	});
	mock.onCommand('gather_using_speak', (call) => {
		onCommand(call, 'gather_using_speak');
		const started = { event_type: 'call.speak.started', delayMs: 100 };
		switch (callers.get(call.call_control_id)) {
			case 'presses 1':
				return [
					started,
					{ event_type: 'call.dtmf.received', delayMs: 400, payload: { digit: '1' } },
					{
						event_type: 'call.gather.ended',
						delayMs: 600,
						payload: { digits: '1', status: 'valid' },
					},
				];
			case 'hangs up':
				return [
					started,
					{
						event_type: 'call.hangup',
						delayMs: 500,
						payload: { hangup_cause: 'normal_clearing', hangup_source: 'caller' },
					},
				];
			default:
				return [started];
		}
	});
	mock.onCommand('speak', () => [
		{ event_type: 'call.speak.started', delayMs: 50 },
		{ event_type: 'call.speak.ended', delayMs: 700 },
	]);
	mock.onCommand('hangup', () => [
		{
			event_type: 'call.hangup',
			delayMs: 100,
			payload: { hangup_cause: 'normal_clearing', hangup_source: 'callee' },
		},
	]);
}

/** The call an execution of the linear IVR was started for. */
export function triggerCall(execution: Execution): string | undefined {
	return execution.runData['Incoming Call']?.[0]?.[0]?.payload?.call_control_id;
}

/** The names of the nodes an execution ran, sorted. */
export const ran = (execution: Execution) => Object.keys(execution.runData).sort();
