import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { QuickXorHash, quickXorHash } from "./quick-xor-hash";

// A deliberately naive reference: rotate each byte into a 160-bit BigInt, bit by bit.
function referenceQuickXor(data: Uint8Array): string {
  const mask = (1n << 160n) - 1n;
  let state = 0n;
  for (let i = 0; i < data.length; i++) {
    const shift = BigInt((i * 11) % 160);
    const v = BigInt(data[i]!);
    const rotated = ((v << shift) | (v >> (160n - shift))) & mask;
    state ^= rotated;
  }
  state ^= BigInt(data.length) << 96n; // the length lands in bytes 12..19 (little-endian)
  const out = Buffer.alloc(20);
  for (let i = 0; i < 20; i++) out[i] = Number((state >> BigInt(8 * i)) & 0xffn);
  return out.toString("base64");
}

describe("quickXorHash", () => {
  it("hashes the empty input to the published value", () => {
    expect(quickXorHash(new Uint8Array())).toBe("AAAAAAAAAAAAAAAAAAAAAAAAAAA=");
    expect(referenceQuickXor(new Uint8Array())).toBe("AAAAAAAAAAAAAAAAAAAAAAAAAAA=");
  });

  it("puts a single byte and the length where the algorithm says", () => {
    // Byte 0x01 at offset 0 → state byte 0 = 1; length 1 → byte 12 = 1.
    const expected = Buffer.alloc(20);
    expected[0] = 1;
    expected[12] = 1;
    expect(quickXorHash(Uint8Array.of(1))).toBe(expected.toString("base64"));
  });

  it("matches the reference on random inputs of several lengths", () => {
    for (const n of [1, 7, 19, 20, 21, 100, 159, 160, 161, 319, 320, 1000, 4096, 10_007]) {
      const data = randomBytes(n);
      expect(quickXorHash(data), `length ${n}`).toBe(referenceQuickXor(data));
    }
  });

  it("is independent of chunk boundaries", () => {
    const data = randomBytes(5000);
    const whole = quickXorHash(data);
    for (const chunk of [1, 3, 13, 159, 160, 161, 1024]) {
      const h = new QuickXorHash();
      for (let i = 0; i < data.length; i += chunk) h.update(data.subarray(i, i + chunk));
      expect(h.digest(), `chunk ${chunk}`).toBe(whole);
    }
  });

  it("clones the running state", () => {
    const data = randomBytes(777);
    const h = new QuickXorHash().update(data.subarray(0, 300));
    const c = h.clone().update(data.subarray(300));
    expect(c.digest()).toBe(quickXorHash(data));
    expect(h.digest()).toBe(quickXorHash(data.subarray(0, 300)));
  });
});
