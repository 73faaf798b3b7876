// The JSON Schemas (draft 2020-12) of dhr's documents and answers (spec 8.8):
// import { schema } from "dhr-wasm/schema". The same texts as the files
// dhr-wasm/schema/NAME.json and the repository's docs/schema/NAME.json.

/** The name of a schema. */
export type SchemaName = "death" | "review" | "rule_set" | "assessment" | "status" | "error";

/** The names of the schemas, in the order of spec 8.8. */
export declare const schemaNames: readonly SchemaName[];

/** A fresh copy of the schema `name` (a JSON Schema object). Throws a RangeError for another name. */
export declare function schema(name: SchemaName): Record<string, unknown>;
