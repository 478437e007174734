import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { UploadedBlocks } from '../api/schemas';
import { abortReason } from '../api/retry';

/** The dataset operations a block upload needs (the client's `datasets`). */
export interface BlockTarget {
  blocks(id: string, signal?: AbortSignal): Promise<UploadedBlocks>;
  uploadBlock(id: string, blockId: string, bytes: Uint8Array, signal?: AbortSignal): Promise<void>;
  commitBlocks(id: string, blockIds: readonly string[], signal?: AbortSignal): Promise<void>;
}

export interface BlockProgress {
  /** Bytes of content read so far (sent or found already uploaded). */
  doneBytes: number;
  sentBytes: number;
  /** Bytes not sent again because the service already had their block. */
  skippedBytes: number;
  totalBytes: number;
}

export interface BlockUploadOptions {
  /** At most 8 MiB (the service's limit); 4 MiB by default. */
  blockBytes?: number;
  /** Blocks in flight at once. */
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (progress: BlockProgress) => void;
  totalBytes: number;
}

export const MAX_BLOCK_BYTES = 8 * 1024 * 1024;

/**
 * A block's id: its index and a digest of its bytes, so a resumed upload can tell a block the
 * service already holds from one whose content changed. All ids have the same length, as required.
 */
export function blockId(index: number, bytes: Uint8Array): string {
  const digest = createHash('sha256').update(bytes).digest('hex').slice(0, 24);
  return Buffer.from(`${String(index).padStart(6, '0')}-${digest}`).toString('base64');
}

/**
 * Uploads `content` to dataset `datasetId` in blocks and commits them. Blocks the service already
 * holds with the same id and size (from an interrupted attempt) are not sent again. Memory stays
 * at about (concurrency + 1) blocks whatever the content's size.
 */
export async function uploadInBlocks(target: BlockTarget, datasetId: string, content: Readable, options: BlockUploadOptions): Promise<{ blockIds: string[]; progress: BlockProgress }> {
  const blockBytes = options.blockBytes ?? 4 * 1024 * 1024;
  if (blockBytes < 1 || blockBytes > MAX_BLOCK_BYTES) throw new RangeError(`A block holds 1 byte to 8 MiB, not ${blockBytes}.`);
  const concurrency = Math.max(1, options.concurrency ?? 6);
  const { signal } = options;
  const already = await target.blocks(datasetId, signal);
  const held = new Map<string, number>();
  for (const block of [...(already.committedBlocks ?? []), ...(already.uncommittedBlocks ?? [])]) held.set(block.name, block.size);
  const committed = (already.committedBlocks ?? []).map((block) => block.name);

  const progress: BlockProgress = { doneBytes: 0, sentBytes: 0, skippedBytes: 0, totalBytes: options.totalBytes };
  const blockIds: string[] = [];
  const inFlight = new Set<Promise<void>>();
  // Block buffers are reused once sent: fresh 4 MiB buffers per block would leave memory to the
  // garbage collector's pace, and peak memory would grow with the content's size.
  const spare: Buffer[] = [];
  const recycle = (bytes: Buffer) => {
    if (bytes.length === blockBytes) spare.push(bytes);
  };
  let failure: unknown;
  const send = (index: number, bytes: Buffer) => {
    const id = blockId(index, bytes);
    blockIds.push(id);
    if (held.get(id) === bytes.length) {
      progress.skippedBytes += bytes.length;
      progress.doneBytes += bytes.length;
      options.onProgress?.({ ...progress });
      recycle(bytes);
      return;
    }
    const upload = target.uploadBlock(datasetId, id, bytes, signal).then(
      () => {
        progress.sentBytes += bytes.length;
        progress.doneBytes += bytes.length;
        options.onProgress?.({ ...progress });
        recycle(bytes);
      },
      (error: unknown) => {
        failure ??= error;
      },
    );
    const tracked = upload.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  };

  try {
    let index = 0;
    for await (const block of blocksOf(content, blockBytes, () => spare.pop() ?? Buffer.allocUnsafe(blockBytes))) {
      if (signal?.aborted) throw abortReason(signal);
      send(index++, block);
      while (inFlight.size >= concurrency) await Promise.race(inFlight);
      if (failure) throw failure;
    }
    await Promise.all(inFlight);
    if (failure) throw failure;
  } finally {
    content.destroy();
    await Promise.allSettled(inFlight);
  }
  if (blockIds.length === 0) throw new Error('The content is empty: there is nothing to upload.');
  // Committed already (the answer to an earlier commit was lost): committing again would be refused.
  const alreadyCommitted = committed.length === blockIds.length && committed.every((id, i) => id === blockIds[i]);
  if (!alreadyCommitted) await target.commitBlocks(datasetId, blockIds, signal);
  return { blockIds, progress };
}

/** Cuts a stream into blocks of exactly `size` bytes (the last one shorter) in buffers from `take`. */
async function* blocksOf(stream: Readable, size: number, take: () => Buffer): AsyncGenerator<Buffer> {
  let block = take();
  let filled = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let at = 0;
    while (at < chunk.length) {
      const copied = chunk.copy(block, filled, at, Math.min(chunk.length, at + size - filled));
      filled += copied;
      at += copied;
      if (filled === size) {
        yield block;
        block = take();
        filled = 0;
      }
    }
  }
  if (filled > 0) yield block.subarray(0, filled);
}
