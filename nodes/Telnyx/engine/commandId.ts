/**
 * What the command IDs of one node run are derived from.
 *
 * Telnyx ignores a command whose `command_id` it has seen on the same call within the last 60
 * seconds. Every generated command ID is a hash of an *origin* plus the workflow, node, run
 * index, item index and operation (see `deriveCommandId` in executor.ts). The origin is:
 * - the ID of the Telnyx event that started the execution, when a Telnyx Trigger started it
 *   from a live (production) webhook. A redelivery of that event which does start a second
 *   execution (in another n8n process, or after a restart) then sends the same command IDs,
 *   and Telnyx drops the repeats;
 * - the execution ID otherwise (manual runs, other triggers, retried executions), so that
 *   every run sends fresh commands.
 * The run index keeps the IDs of a node that runs twice in one execution (in a loop) apart.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

/** `description.name` of the Telnyx Trigger; its type is `<package>.telnyxTrigger`. */
const TRIGGER_NAME = 'telnyxTrigger';

/**
 * The ID of the Telnyx event that started this execution, or undefined when no Telnyx Trigger
 * started it from a live webhook. Looks at the ancestors of the running node only, and reads
 * the trigger's first output item from the run data: cheap enough to call once per node run.
 */
export function triggeringEventId(ctx: IExecuteFunctions): string | undefined {
	// Live webhook deliveries run in 'webhook' mode; test URLs, pinned data and retries do not.
	if (ctx.getMode() !== 'webhook') return undefined;
	const node = ctx.getNode();
	// Same package as this node, so a node of another package with the same name is not taken.
	const triggerType = `${node.type.slice(0, node.type.lastIndexOf('.') + 1)}${TRIGGER_NAME}`;
	let proxy: ReturnType<IExecuteFunctions['getWorkflowDataProxy']> | undefined;
	for (const parent of ctx.getParentNodes(node.name)) {
		if (parent.type !== triggerType || parent.disabled) continue;
		proxy ??= ctx.getWorkflowDataProxy(0);
		let id: unknown;
		try {
			// Output 0 of run 0: the event item. Throws when the trigger did not run (another
			// trigger started the execution).
			id = (proxy.$items(parent.name, 0, 0) as Array<{ json?: { id?: unknown } }>)[0]?.json?.id;
		} catch {
			continue;
		}
		if (typeof id === 'string' && id !== '') return id;
	}
	return undefined;
}

/** The origin of the command IDs of this node run: the triggering event, or the execution. */
export function commandIdOrigin(ctx: IExecuteFunctions): string {
	const eventId = triggeringEventId(ctx);
	return eventId === undefined ? (ctx.getExecutionId() ?? '') : `telnyx-event:${eventId}`;
}
