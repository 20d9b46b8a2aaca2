// quickXorHash as used by OneDrive/SharePoint (https://learn.microsoft.com/onedrive/developer/code-snippets/quickxorhash).
// Byte i is XOR-ed into a 160-bit state rotated left by (i*11) mod 160 bits. Because the rotation
// only depends on i mod 160, we first fold the input into 160 accumulator bytes (one XOR per input
// byte, which keeps 100 MB uploads fast) and apply the rotations once, in digest().

const WIDTH_BITS = 160;
const SHIFT = 11;

/** Incremental quickXorHash; feed chunks with update(), read base64 with digest(). */
export class QuickXorHash {
  private acc = new Uint8Array(WIDTH_BITS);
  private pos = 0;
  private length = 0n;

  /** Adds bytes to the hash; chunk boundaries do not affect the result. */
  update(chunk: Uint8Array): this {
    const acc = this.acc;
    let pos = this.pos;
    for (let j = 0; j < chunk.length; j++) {
      acc[pos] = acc[pos]! ^ chunk[j]!;
      pos++;
      if (pos === WIDTH_BITS) pos = 0;
    }
    this.pos = pos;
    this.length += BigInt(chunk.length);
    return this;
  }

  /** Copies the running state, so a failed upload fragment can be discarded without rehashing. */
  clone(): QuickXorHash {
    const copy = new QuickXorHash();
    copy.acc.set(this.acc);
    copy.pos = this.pos;
    copy.length = this.length;
    return copy;
  }

  /** The 20-byte digest (does not alter the running state). */
  digestBytes(): Uint8Array {
    const state = new Uint8Array(20);
    for (let r = 0; r < WIDTH_BITS; r++) {
      const b = this.acc[r]!;
      if (b === 0) continue;
      const offset = (r * SHIFT) % WIDTH_BITS;
      const byteIdx = offset >> 3;
      const bit = offset & 7;
      state[byteIdx] = state[byteIdx]! ^ ((b << bit) & 0xff);
      if (bit !== 0) {
        const next = (byteIdx + 1) % 20;
        state[next] = state[next]! ^ (b >> (8 - bit));
      }
    }
    // The 64-bit little-endian length goes into the last 8 bytes.
    let len = this.length;
    for (let i = 0; i < 8; i++) {
      state[12 + i] = state[12 + i]! ^ Number(len & 0xffn);
      len >>= 8n;
    }
    return state;
  }

  /** The digest as base64, the form Graph returns in file.hashes.quickXorHash. */
  digest(): string {
    return Buffer.from(this.digestBytes()).toString("base64");
  }
}

/** quickXorHash of a whole buffer. */
export function quickXorHash(bytes: Uint8Array): string {
  return new QuickXorHash().update(bytes).digest();
}
