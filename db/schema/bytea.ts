import { customType } from "drizzle-orm/pg-core";

/**
 * A bytea column read and written as a Uint8Array on both drivers (postgres.js returns a Buffer,
 * which is one; PGlite returns a Uint8Array).
 */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (value) => value,
  fromDriver: (value) => (value instanceof Uint8Array ? value : new Uint8Array(value as ArrayBufferLike)),
});
