// Runs once per test run before the projects with servers: make sure the Temporal binaries exist and
// bundle the workflows once.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import type { TestProject } from 'vitest/node';
import { resolveTemporalBinary } from '../platform/temporal-binaries';
import { workflowBundlerOptions } from '../platform/workflow-bundle';

declare module 'vitest' {
  export interface ProvidedContext {
    workflowBundlePath: string;
  }
}

// The integration and browser projects both name this file: bundle once per run (the main process's
// globalThis outlives each project's module instance of it).
const shared = globalThis as typeof globalThis & { closeloopWorkflowBundle?: Promise<string> };

export default async function setup(project: TestProject) {
  shared.closeloopWorkflowBundle ??= prepare();
  project.provide('workflowBundlePath', await shared.closeloopWorkflowBundle);
}

async function prepare(): Promise<string> {
  resolveTemporalBinary('cli');
  resolveTemporalBinary('test-server');
  const { code } = await bundleWorkflowCode({
    workflowsPath: path.resolve('workflows/index.ts'),
    ...workflowBundlerOptions, // as the product's worker bundles them: the tests share modules the same way
    logger: { trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error, log() {} } as never,
  });
  const dir = path.resolve('data/test');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'workflow-bundle.js');
  writeFileSync(file, code);
  return file;
}
