/** Reads a multipart/form-data body as discord.js sends it: `payload_json` plus files. */
export function parseMultipart(body: Buffer, contentType: string): { payload: unknown; files: UploadedFile[] } {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!boundary) return { payload: undefined, files: [] };
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const files: UploadedFile[] = [];
  let payload: unknown;
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    const part = body.subarray(start + delimiter.length + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, split).toString('utf8');
    const data = part.subarray(split + 4);
    const name = /name="([^"]+)"/i.exec(headers)?.[1] ?? '';
    if (name === 'payload_json') {
      payload = JSON.parse(data.toString('utf8'));
    } else {
      files.push({
        field: name,
        name: /filename="([^"]+)"/i.exec(headers)?.[1] ?? name,
        contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1] ?? 'application/octet-stream',
        size: data.length,
        data: Buffer.from(data),
      });
    }
    start = next;
  }
  return { payload, files };
}

export interface UploadedFile {
  field: string;
  name: string;
  contentType: string;
  size: number;
  data: Buffer;
}
