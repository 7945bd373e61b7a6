/**
 * Stands in for the MCP SDK's `@modelcontextprotocol/server/_shims` in the module bundles (esbuild
 * `--alias` in the module template's `bundle` and `build:edge` scripts); never imported unbundled.
 *
 * The SDK's Node shim imports its Ajv JSON Schema validator, and evaluating Ajv at start-up was about a
 * sixth of the server's start-up CPU (docs/benchmarks.md, issue 16), for a validator only elicitation
 * answers and raw JSON Schema tools use. This validator is the SDK's own, loaded at its first use: esbuild
 * bundles the `require` below and runs that module's code only when it is first called.
 */
import type { JsonSchemaType, JsonSchemaValidator, jsonSchemaValidator } from '@modelcontextprotocol/server';
import type { AjvJsonSchemaValidator } from '@modelcontextprotocol/server/validators/ajv';

export { default as process } from 'node:process';

export class DefaultJsonSchemaValidator implements jsonSchemaValidator {
  #ajv: AjvJsonSchemaValidator | undefined;

  getValidator<T>(schema: JsonSchemaType): JsonSchemaValidator<T> {
    this.#ajv ??= new (require('@modelcontextprotocol/server/validators/ajv') as typeof import('@modelcontextprotocol/server/validators/ajv')).AjvJsonSchemaValidator();
    return this.#ajv.getValidator<T>(schema);
  }
}
