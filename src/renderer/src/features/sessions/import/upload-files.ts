/**
 * Sends dropped files to the core where they have no path (a browser through the dev bridge):
 * imports:upload in 1 MiB base64 chunks, one after another, into one staging batch. Answers the
 * batch's folder, which is then scanned like any folder.
 */
import type { Player1Api } from '../../../../../shared/api/contract.ts';
import { MAX_UPLOAD_CHUNK_BYTES, MAX_UPLOAD_FILE_BYTES } from '../../../../../shared/api/imports.contract.ts';
import type { PickedFile } from './dropped-files.ts';

export interface UploadProgress {
  sentBytes: number;
  totalBytes: number;
  file: number;
  files: number;
}

export async function uploadFiles(api: Player1Api, files: PickedFile[], onProgress: (p: UploadProgress) => void): Promise<string> {
  const tooBig = files.find((f) => f.file.size > MAX_UPLOAD_FILE_BYTES);
  if (tooBig) {
    throw new Error(`${tooBig.relativePath} is larger than ${MAX_UPLOAD_FILE_BYTES / 2 ** 20} MB: type its path instead of dropping it`);
  }
  const batchId = crypto.randomUUID();
  const totalBytes = files.reduce((a, f) => a + f.file.size, 0);
  let sentBytes = 0;
  let batchPath = '';
  for (let i = 0; i < files.length; i++) {
    const { file, relativePath } = files[i];
    const uploadId = crypto.randomUUID();
    let offset = 0;
    do {
      const chunk = new Uint8Array(await file.slice(offset, offset + MAX_UPLOAD_CHUNK_BYTES).arrayBuffer());
      const r = await api['imports:upload']({ uploadId, batchId, relativePath, totalBytes: file.size, offset, data: toBase64(chunk) });
      batchPath = r.batchPath;
      offset += chunk.length;
      sentBytes += chunk.length;
      onProgress({ sentBytes, totalBytes, file: i + 1, files: files.length });
    } while (offset < file.size);
  }
  return batchPath;
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
