import {
	Credentials,
	ExecutionLifecycleHooks,
	WorkflowExecute,
} from 'n8n-core';
import {
	ICredentialsHelper,
	Workflow,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeExecutionData,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IRunExecutionData,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
	type IConnections,
	type WorkflowExecuteMode,
} from 'n8n-workflow';
import { TelnyxApi } from '../../credentials/TelnyxApi.credentials';
import { Telnyx } from '../../nodes/Telnyx/Telnyx.node';

/**
 * Runs a workflow JSON in-process through n8n-core's own WorkflowExecute: real parameter
 * resolution (defaults, display options, expressions), real execution contexts, real
 * httpRequestWithAuthentication. Only the credential store and the manual trigger are ours.
 */

const PACKAGE = 'n8n-nodes-telnyx-call-control';

/** Stands in for n8n-nodes-base.manualTrigger: passes the items it is started with. */
class ManualTrigger implements INodeType {
	description = {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Starts the test workflow',
		defaults: { name: 'Start' },
		inputs: [],
		outputs: ['main'],
		properties: [],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

const nodeTypeMap: Record<string, INodeType> = {
	'n8n-nodes-base.manualTrigger': new ManualTrigger(),
	[`${PACKAGE}.telnyx`]: new Telnyx(),
};

export const nodeTypes: INodeTypes = {
	getByName: (name) => nodeTypeMap[name],
	getByNameAndVersion: (name) => nodeTypeMap[name],
	getKnownTypes: () => ({}),
};

const credentialType = new TelnyxApi();

class TestCredentialsHelper extends ICredentialsHelper {
	/** How often a node fetched and decrypted the credential. */
	reads = 0;

	constructor(private readonly data: ICredentialDataDecryptedObject) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		request: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		// The credential's generic `authenticate` headers, with {{$credentials.x}} filled in.
		const headers: IDataObject = { ...request.headers };
		for (const [name, template] of Object.entries(credentialType.authenticate.properties.headers ?? {})) {
			headers[name] = String(template)
				.replace(/^=/, '')
				.replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_, key: string) => String(credentials[key] ?? ''));
		}
		return { ...request, headers };
	}

	async preAuthentication(
		_helpers: IHttpRequestHelper,
		_credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		_node: INode,
		_expired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async getCredentials(): Promise<Credentials> {
		return new Credentials({ id: null, name: '' }, '', '');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
	): Promise<ICredentialDataDecryptedObject> {
		this.reads++;
		return { ...this.data };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties() {
		return credentialType.properties;
	}
}

export interface WorkflowJson {
	id?: string;
	name?: string;
	nodes: INode[];
	connections: IConnections;
	settings?: IDataObject;
}

export interface RunOptions {
	credentials: ICredentialDataDecryptedObject;
	/** Items the start node emits. */
	input?: INodeExecutionData[];
	executionId?: string;
	/** Node types to run the workflow with instead of the harness's own (Manual Trigger + Telnyx). */
	nodeTypes?: INodeTypes;
	/** Continues a saved run (a waiting execution) instead of starting at the Manual Trigger. */
	runExecutionData?: IRunExecutionData;
	/** The execution mode (default 'manual'); n8n runs live webhook deliveries as 'webhook'. */
	mode?: WorkflowExecuteMode;
	/** The node the execution starts at, by name (default: the Manual Trigger). */
	startNode?: string;
}

export interface RunResult {
	run: IRun;
	/** The JSON items each node emitted on its first output, by node name (last run). */
	output: (nodeName: string) => IDataObject[];
	items: (nodeName: string) => INodeExecutionData[];
	error?: Error;
	/** How often the credential was fetched and decrypted during the run (n8n does it per getCredentials call). */
	credentialReads: number;
	/** What the run used, to build other n8n contexts (a webhook context) on the same execution. */
	workflow: Workflow;
	additionalData: IWorkflowExecuteAdditionalData;
}

let counter = 0;

export async function runWorkflow(workflowJson: WorkflowJson, options: RunOptions): Promise<RunResult> {
	const executionId = options.executionId ?? `test-${++counter}`;
	const workflow = new Workflow({
		id: workflowJson.id ?? 'test-workflow',
		name: workflowJson.name ?? 'test',
		nodes: workflowJson.nodes,
		connections: workflowJson.connections,
		active: false,
		nodeTypes: options.nodeTypes ?? nodeTypes,
		settings: workflowJson.settings ?? { executionOrder: 'v1' },
	});
	const workflowData = {
		id: workflow.id,
		name: workflow.name,
		nodes: workflowJson.nodes,
		connections: workflowJson.connections,
		active: false,
		settings: workflowJson.settings ?? {},
		createdAt: new Date(),
		updatedAt: new Date(),
	} as unknown as IWorkflowBase;

	const mode = options.mode ?? 'manual';
	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
	const credentialsHelper = new TestCredentialsHelper(options.credentials);
	const additionalData = {
		credentialsHelper,
		hooks,
		executionId,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		formBaseUrl: 'http://127.0.0.1/form',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		formTestBaseUrl: 'http://127.0.0.1/form-test',
		mcpBaseUrl: 'http://127.0.0.1/mcp',
		mcpTestBaseUrl: 'http://127.0.0.1/mcp-test',
		currentNodeExecutionIndex: 0,
		variables: {},
		userId: 'test-user',
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not part of these tests');
		},
		logAiEvent: async () => {},
		setExecutionStatus: () => {},
		sendDataToUI: () => {},
	} as unknown as IWorkflowExecuteAdditionalData;

	const startNode = workflowJson.nodes.find((node) =>
		options.startNode === undefined
			? node.type === 'n8n-nodes-base.manualTrigger'
			: node.name === options.startNode,
	);
	if (!startNode) throw new Error(`No start node ${options.startNode ?? '(a Manual Trigger)'}`);
	const runExecutionData = options.runExecutionData ?? {
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			nodeExecutionStack: [
				{
					node: workflow.getNode(startNode.name)!,
					data: { main: [options.input ?? [{ json: {} }]] },
					source: null,
				},
			],
			waitingExecution: {},
			waitingExecutionSource: {},
		},
	} as unknown as IRunExecutionData;

	const run = await new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(
		workflow,
	);
	const items = (nodeName: string): INodeExecutionData[] => {
		const runs = run.data.resultData.runData[nodeName];
		if (!runs?.length) return [];
		return runs[runs.length - 1].data?.main?.[0] ?? [];
	};
	return {
		run,
		items,
		output: (nodeName) => items(nodeName).map((item) => item.json),
		error: run.data.resultData.error as Error | undefined,
		credentialReads: credentialsHelper.reads,
		workflow,
		additionalData,
	};
}

/** A two-node workflow: Start → one Telnyx node with the given parameters. */
export function singleNodeWorkflow(
	parameters: IDataObject,
	nodeSettings: Partial<INode> = {},
): WorkflowJson {
	return {
		nodes: [
			{
				id: '00000000-0000-4000-8000-000000000001',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: '00000000-0000-4000-8000-000000000002',
				name: 'Telnyx',
				type: `${PACKAGE}.telnyx`,
				typeVersion: 1,
				position: [200, 0],
				parameters: parameters as INode['parameters'],
				credentials: { telnyxApi: { id: '1', name: 'Telnyx account' } },
				...nodeSettings,
			},
		],
		connections: { Start: { main: [[{ node: 'Telnyx', type: 'main', index: 0 }]] } },
	};
}
