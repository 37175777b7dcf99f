import type { IExecuteFunctions } from 'n8n-workflow';
import { FILE_SOURCE_PARAM, FILE_SOURCES, INPUT_DATA_FIELD_PARAM } from '../catalogue/builder';
import type { OperationSpec } from '../catalogue/types';
import type { MultipartFile } from '../transport';

/**
 * Operations with a `fileUpload` flag send either a URL for Telnyx to fetch or a file from the
 * item's binary data. This module reads the user's choice and the file; the executor sends it.
 */

export interface PlannedFile {
	/** The multipart field that carries the file. */
	field: string;
	/** The item's binary property that holds it. */
	property: string;
	fileName: string;
	contentType: string;
}

/** Fails with a message that names the field, before any request is made. */
export type UploadFailure = (message: string, description?: string) => never;

/**
 * The file an item uploads, and the operation without the URL field it replaces; or the
 * operation unchanged when the source is a URL. Checks that the binary field exists.
 */
export function planUpload(
	ctx: IExecuteFunctions,
	operation: OperationSpec,
	itemIndex: number,
	fail: UploadFailure,
): { operation: OperationSpec; file?: PlannedFile } {
	const upload = operation.fileUpload;
	if (!upload) return { operation };
	const source = ctx.getNodeParameter(FILE_SOURCE_PARAM, itemIndex, FILE_SOURCES.url);
	if (source !== FILE_SOURCES.binary) return { operation };

	const property = String(ctx.getNodeParameter(INPUT_DATA_FIELD_PARAM, itemIndex, '')).trim();
	if (property === '') return fail('The "Input Data Field Name" field is empty');
	const binary = ctx.getInputData()[itemIndex]?.binary ?? {};
	const data = binary[property];
	if (!data) {
		const present = Object.keys(binary);
		return fail(
			`The "Input Data Field Name" field names the binary field "${property}", which item ${itemIndex} does not have`,
			present.length
				? `Its binary fields: ${present.join(', ')}`
				: 'The item has no binary data. Add a node before this one that reads or downloads the file.',
		);
	}
	return {
		operation: {
			...operation,
			fields: operation.fields.filter((field) => field.key !== upload.replaces),
		},
		file: {
			field: upload.field,
			property,
			fileName: data.fileName || `${property}${data.fileExtension ? `.${data.fileExtension}` : ''}`,
			contentType: data.mimeType || 'application/octet-stream',
		},
	};
}

/** Reads the bytes of a planned file (from memory or from n8n's binary data store). */
export async function readUpload(
	ctx: IExecuteFunctions,
	itemIndex: number,
	file: PlannedFile,
): Promise<MultipartFile> {
	const data = await ctx.helpers.getBinaryDataBuffer(itemIndex, file.property);
	return { fileName: file.fileName, contentType: file.contentType, data };
}
