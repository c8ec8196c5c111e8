// The Files API as the real service speaks it to @google/genai: a resumable
// upload (start → chunks → "upload, finalize"), file metadata with a
// PROCESSING → ACTIVE|FAILED lifecycle, delete, and the checks generateContent
// makes on `fileData` parts.
import { createHash, randomBytes } from 'node:crypto';
import { errorBody } from './protocol';
import type { WireRequest } from './protocol';

export type FakeFileState = 'PROCESSING' | 'ACTIVE' | 'FAILED';

export interface FakeFile {
  /** `files/{id}` */
  name: string;
  id: string;
  displayName: string | null;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  bytes: Buffer;
  /** States still to report on the next `files.get` calls; the last one sticks. */
  pendingStates: FakeFileState[];
  state: FakeFileState;
  createTime: string;
}

/** How a newly uploaded file behaves: reported PROCESSING for `processingPolls` gets, then `finalState`. */
export interface FileLifecycle {
  processingPolls: number;
  finalState: 'ACTIVE' | 'FAILED';
}

export const DEFAULT_FILE_LIFECYCLE: FileLifecycle = { processingPolls: 1, finalState: 'ACTIVE' };

interface UploadSession {
  id: string;
  declaredSize: number;
  mimeType: string;
  displayName: string | null;
  chunks: Buffer[];
  received: number;
}

export interface FileReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const header = (headers: Record<string, string | string[] | undefined>, name: string): string | undefined => {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
};

/** The real API's answer for a file that does not exist, was deleted, expired, or belongs to another project. */
export function fileNotAccessible(id: string): FileReply {
  return { status: 403, body: errorBody('PERMISSION_DENIED', `You do not have permission to access the File ${id} or it may not exist.`) };
}

export function createFileStore(baseUrl: () => string) {
  const files = new Map<string, FakeFile>();
  const sessions = new Map<string, UploadSession>();
  const deleted: string[] = [];
  let lifecycle: FileLifecycle = { ...DEFAULT_FILE_LIFECYCLE };

  const wire = (file: FakeFile, version: string) => ({
    name: file.name,
    ...(file.displayName ? { displayName: file.displayName } : {}),
    mimeType: file.mimeType,
    sizeBytes: String(file.sizeBytes),
    createTime: file.createTime,
    updateTime: file.createTime,
    expirationTime: new Date(Date.parse(file.createTime) + 48 * 3600_000).toISOString(),
    sha256Hash: Buffer.from(file.sha256, 'hex').toString('base64'),
    uri: `${baseUrl()}/${version}/files/${file.id}`,
    state: file.state,
    source: 'UPLOADED',
    ...(file.state === 'FAILED' ? { error: { code: 400, message: 'The document could not be processed: it is not a valid PDF.' } } : {}),
  });

  const finalize = (session: UploadSession): FakeFile => {
    const bytes = Buffer.concat(session.chunks);
    const id = randomBytes(6).toString('hex');
    // A "PDF" that is not one fails processing, as the real service's document pipeline does.
    const broken = session.mimeType === 'application/pdf' && !bytes.subarray(0, 5).equals(Buffer.from('%PDF-'));
    const finalState: FakeFileState = broken ? 'FAILED' : lifecycle.finalState;
    const pending: FakeFileState[] = [...Array.from({ length: lifecycle.processingPolls }, () => 'PROCESSING' as const), finalState];
    const file: FakeFile = {
      name: `files/${id}`,
      id,
      displayName: session.displayName,
      mimeType: session.mimeType,
      sizeBytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      bytes,
      state: pending.length > 1 ? 'PROCESSING' : finalState,
      pendingStates: pending.length > 1 ? pending.slice(1) : [],
      createTime: new Date().toISOString(),
    };
    files.set(id, file);
    return file;
  };

  return {
    files: files as ReadonlyMap<string, FakeFile>,
    deleted: deleted as readonly string[],
    setLifecycle(next: Partial<FileLifecycle>) {
      lifecycle = { ...lifecycle, ...next };
    },
    reset() {
      files.clear();
      sessions.clear();
      deleted.length = 0;
      lifecycle = { ...DEFAULT_FILE_LIFECYCLE };
    },

    /** POST /upload/{version}/files with `X-Goog-Upload-Command: start`. */
    start(version: string, headers: Record<string, string | string[] | undefined>, body: Buffer): FileReply {
      if (header(headers, 'x-goog-upload-protocol') !== 'resumable') {
        return { status: 400, body: errorBody('INVALID_ARGUMENT', 'Only the resumable upload protocol is supported by this fake (X-Goog-Upload-Protocol: resumable).') };
      }
      const declared = Number(header(headers, 'x-goog-upload-header-content-length'));
      if (!Number.isInteger(declared) || declared <= 0) {
        return { status: 400, body: errorBody('INVALID_ARGUMENT', 'X-Goog-Upload-Header-Content-Length must be a positive byte count.') };
      }
      let metadata: { file?: { displayName?: string; display_name?: string; mimeType?: string; mime_type?: string } } = {};
      if (body.length > 0) {
        try {
          metadata = JSON.parse(body.toString('utf8')) as typeof metadata;
        } catch {
          return { status: 400, body: errorBody('INVALID_ARGUMENT', 'Invalid JSON payload received.') };
        }
      }
      const mimeType = header(headers, 'x-goog-upload-header-content-type') ?? metadata.file?.mimeType ?? metadata.file?.mime_type;
      if (!mimeType) return { status: 400, body: errorBody('INVALID_ARGUMENT', 'The MIME type of the upload is missing.') };
      const id = randomBytes(12).toString('hex');
      sessions.set(id, { id, declaredSize: declared, mimeType, displayName: metadata.file?.displayName ?? metadata.file?.display_name ?? null, chunks: [], received: 0 });
      return {
        status: 200,
        body: null,
        headers: {
          'x-goog-upload-url': `${baseUrl()}/upload/${version}/files?upload_id=${id}&upload_protocol=resumable`,
          'x-goog-upload-status': 'active',
          'x-goog-upload-chunk-granularity': String(8 * 1024 * 1024),
        },
      };
    },

    /** POST to the upload URL with `X-Goog-Upload-Command: upload[, finalize]` and `X-Goog-Upload-Offset`. */
    chunk(version: string, uploadId: string, headers: Record<string, string | string[] | undefined>, body: Buffer): FileReply {
      const session = sessions.get(uploadId);
      if (!session) return { status: 404, body: errorBody('NOT_FOUND', 'The upload session does not exist or has expired.') };
      const commands = (header(headers, 'x-goog-upload-command') ?? '').split(',').map((c) => c.trim());
      const offset = Number(header(headers, 'x-goog-upload-offset'));
      if (!commands.includes('upload') && !commands.includes('finalize')) {
        return { status: 400, body: errorBody('INVALID_ARGUMENT', `Unsupported X-Goog-Upload-Command "${commands.join(', ')}".`) };
      }
      if (commands.includes('upload')) {
        if (offset !== session.received) {
          return { status: 400, body: errorBody('INVALID_ARGUMENT', `X-Goog-Upload-Offset ${offset} does not match the ${session.received} bytes received so far.`) };
        }
        session.chunks.push(Buffer.from(body));
        session.received += body.length;
      }
      if (session.received > session.declaredSize) {
        sessions.delete(uploadId);
        return { status: 400, body: errorBody('INVALID_ARGUMENT', 'More bytes were uploaded than declared at the start of the upload.') };
      }
      if (!commands.includes('finalize')) return { status: 200, body: null, headers: { 'x-goog-upload-status': 'active' } };
      sessions.delete(uploadId);
      if (session.received !== session.declaredSize) {
        return { status: 400, body: errorBody('INVALID_ARGUMENT', `The upload was finalized after ${session.received} of ${session.declaredSize} declared bytes.`) };
      }
      const file = finalize(session);
      return { status: 200, body: { file: wire(file, version) }, headers: { 'x-goog-upload-status': 'final' } };
    },

    get(version: string, id: string): FileReply {
      const file = files.get(id);
      if (!file) return fileNotAccessible(id);
      const reply = { status: 200, body: wire(file, version) };
      const next = file.pendingStates.shift();
      if (next) file.state = next;
      return reply;
    },

    list(version: string): FileReply {
      return { status: 200, body: files.size > 0 ? { files: [...files.values()].map((f) => wire(f, version)) } : {} };
    },

    remove(id: string): FileReply {
      if (!files.delete(id)) return fileNotAccessible(id);
      deleted.push(`files/${id}`);
      return { status: 200, body: {} };
    },

    /** What generateContent says about `fileData` parts: unknown files → 403, files not ACTIVE yet → 400 FAILED_PRECONDITION. */
    checkFileParts(request: WireRequest): FileReply | null {
      for (const content of request.contents ?? []) {
        for (const part of content.parts ?? []) {
          const uri = part.fileData?.fileUri;
          if (part.fileData === undefined) continue;
          const id = typeof uri === 'string' ? /\/files\/([^/?#]+)$/.exec(uri)?.[1] : undefined;
          if (!id) return { status: 400, body: errorBody('INVALID_ARGUMENT', `Invalid file URI "${String(uri)}": expected a URI returned by the Files API.`) };
          const file = files.get(id);
          if (!file) return fileNotAccessible(id);
          if (file.state !== 'ACTIVE') return { status: 400, body: errorBody('FAILED_PRECONDITION', `The File ${id} is not in an ACTIVE state and usage is not allowed.`) };
        }
      }
      return null;
    },
  };
}

export type FileStore = ReturnType<typeof createFileStore>;
