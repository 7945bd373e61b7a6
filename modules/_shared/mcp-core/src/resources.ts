import type { z } from 'zod';
import type { Logger } from './logging.js';
import type { ResourceContents, ToolContent, ZodRawShape } from './tools.js';

export interface ResourceContext {
  readonly signal: AbortSignal;
  readonly logger: Logger;
}

export interface ResourceSpec {
  /**
   * A fixed URI (`docs://billing/readme`) or an RFC 6570 level-1 template whose `{variables}`
   * are passed to `read` (`invoices://{id}`): a template is listed under resources/templates/list.
   */
  uri: string;
  name: string;
  title?: string;
  description: string;
  mimeType?: string;
  /** Suggestions for a template variable (`completion/complete`). */
  complete?: Readonly<Record<string, (value: string) => string[] | Promise<string[]>>>;
  read: (uri: URL, variables: Readonly<Record<string, string | string[]>>, ctx: ResourceContext) => ResourceContents[] | Promise<ResourceContents[]>;
}

export interface ResourceDefinition extends Readonly<Omit<ResourceSpec, 'title' | 'mimeType' | 'complete'>> {
  readonly title: string | undefined;
  readonly mimeType: string | undefined;
  readonly complete: ResourceSpec['complete'];
  readonly isTemplate: boolean;
}

export function defineResource(spec: ResourceSpec): ResourceDefinition {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(spec.uri)) {
    throw new TypeError(`Resource "${spec.name}": uri must be absolute (scheme:...), got "${spec.uri}"`);
  }
  const isTemplate = /\{[^}]+\}/.test(spec.uri);
  if (spec.complete !== undefined && !isTemplate) {
    throw new TypeError(`Resource "${spec.name}": complete needs a templated uri`);
  }
  return Object.freeze({
    uri: spec.uri,
    name: spec.name,
    title: spec.title,
    description: spec.description,
    mimeType: spec.mimeType,
    complete: spec.complete,
    read: spec.read,
    isTemplate,
  });
}

/** A message of a prompt: the same content blocks a tool returns. */
export interface PromptMessage {
  role: 'user' | 'assistant';
  content: ToolContent;
}

export interface PromptSpec<Shape extends ZodRawShape> {
  name: string;
  title?: string;
  description: string;
  /** Prompt arguments: zod string schemas (`z.string()`, `z.string().optional()`). */
  arguments?: Shape;
  /** Suggestions per argument (`completion/complete`). */
  complete?: { readonly [K in keyof Shape]?: (value: string) => string[] | Promise<string[]> };
  handler: (args: z.output<z.ZodObject<Shape>>, ctx: ResourceContext) => PromptMessage[] | Promise<PromptMessage[]>;
}

export interface PromptDefinition {
  readonly name: string;
  readonly title: string | undefined;
  readonly description: string;
  readonly arguments: ZodRawShape | undefined;
  readonly complete: Readonly<Record<string, (value: string) => string[] | Promise<string[]>>> | undefined;
  readonly handler: (args: unknown, ctx: ResourceContext) => PromptMessage[] | Promise<PromptMessage[]>;
}

export function definePrompt<Shape extends ZodRawShape>(spec: PromptSpec<Shape>): PromptDefinition {
  if (!/^[A-Za-z0-9_.-]{1,128}$/.test(spec.name)) {
    throw new TypeError(`Invalid prompt name "${spec.name}": use 1-128 characters of A-Z a-z 0-9 _ - .`);
  }
  return Object.freeze({
    name: spec.name,
    title: spec.title,
    description: spec.description,
    arguments: spec.arguments,
    complete: spec.complete as PromptDefinition['complete'],
    handler: spec.handler as PromptDefinition['handler'],
  });
}
