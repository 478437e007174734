import * as yazl from 'yazl';

/** A zip in memory from name → content, compressed unless `store` (for tests of dataset zips). */
export async function zipBytes(files: Record<string, Uint8Array | string>, { store = false } = {}): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(files)) zip.addBuffer(Buffer.from(content), name, { compress: !store });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
