/**
 * JSON value types, declared here rather than imported so that the published CommonJS declarations
 * (`.d.cts`) do not reference an ESM-only package. Assignable both ways with type-fest's, so values
 * typed with either are interchangeable.
 */

/** A JSON primitive. */
export type JsonPrimitive = string | number | boolean | null

/** A JSON object: string keys and JSON values. */
export type JsonObject = { [Key in string]: JsonValue } & { [Key in string]?: JsonValue | undefined }

/** A JSON array. */
export type JsonArray = JsonValue[] | readonly JsonValue[]

/** Any JSON value. */
export type JsonValue = JsonPrimitive | JsonObject | JsonArray
