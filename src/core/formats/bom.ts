import { open } from 'node:fs/promises';

/** Whether the file on disk starts with the UTF-8 byte order mark EF BB BF (reads 3 bytes). */
export async function fileStartsWithBom(filePath: string): Promise<boolean> {
  const handle = await open(filePath, 'r');
  try {
    const head = Buffer.alloc(3);
    const { bytesRead } = await handle.read(head, 0, 3, 0);
    return bytesRead === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  } finally {
    await handle.close();
  }
}
