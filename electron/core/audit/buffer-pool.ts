/**
 * Working buffers reused between calls, grown to the largest image seen. The
 * audit worker analyses one image at a time, and fresh megabyte-sized arrays
 * on every audit cost page faults and garbage collection that weigh as much
 * as the measuring itself. A view handed out is valid until the same key is
 * asked for again; contents are not cleared unless the caller fills them.
 */
export class BufferPool {
  private readonly buffers = new Map<string, ArrayBuffer>();

  private bytes(key: string, bytes: number): ArrayBuffer {
    let buffer = this.buffers.get(key);
    if (!buffer || buffer.byteLength < bytes) {
      buffer = new ArrayBuffer(bytes);
      this.buffers.set(key, buffer);
    }
    return buffer;
  }

  u8(key: string, length: number): Uint8Array {
    return new Uint8Array(this.bytes(key, length), 0, length);
  }
  u16(key: string, length: number): Uint16Array {
    return new Uint16Array(this.bytes(key, length * 2), 0, length);
  }
  i32(key: string, length: number): Int32Array {
    return new Int32Array(this.bytes(key, length * 4), 0, length);
  }
  u32(key: string, length: number): Uint32Array {
    return new Uint32Array(this.bytes(key, length * 4), 0, length);
  }
  f32(key: string, length: number): Float32Array {
    return new Float32Array(this.bytes(key, length * 4), 0, length);
  }
  f64(key: string, length: number): Float64Array {
    return new Float64Array(this.bytes(key, length * 8), 0, length);
  }
}
