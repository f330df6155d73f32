// Lists the entry names of a zip file (a .vsix) from its central directory.
import fs from 'node:fs';
import zlib from 'node:zlib';

export function listZip(file) {
  return entries(file).map((e) => e.name);
}

/** The content of one entry. */
export function readZipEntry(file, name) {
  const buf = fs.readFileSync(file);
  const e = entries(file, buf).find((x) => x.name === name);
  if (!e) throw new Error(`${name} is not in ${file}`);
  const start = e.offset + 30 + buf.readUInt16LE(e.offset + 26) + buf.readUInt16LE(e.offset + 28);
  const data = buf.subarray(start, start + e.compressedSize);
  return e.method === 8 ? zlib.inflateRawSync(data) : Buffer.from(data);
}

function entries(file, buf = fs.readFileSync(file)) {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const names = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`${file}: bad central directory entry ${n}`);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    names.push({
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      offset: buf.readUInt32LE(p + 42),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}
