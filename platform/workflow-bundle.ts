// How every worker bundles the workflows (issue 20, memory). A worker runs all its workflows in one
// reusable V8 context, but evaluates the bundle's modules once per workflow: each cached workflow held its
// own copy of every domain and workflow module — their functions, and the feedback V8 gathers as they run:
// ~45 KiB of heap per cached workflow (`npm run bench -- workflow-memory`: a sleeping workflow bundled with
// the ticket workflow 108 → 62 KiB). Modules listed in `preloadModules` are evaluated once, before any
// workflow exists, and shared by all.
//
// The price: a preloaded module's top-level state is shared by every workflow in the worker, so it must
// hold none that differs per workflow (it would leak between tickets and break replay). The SDK deep-freezes
// their exports; test/workflows/bundle.test.ts checks the rest (no top-level `let`, no module-level
// collection written after load, except deliberate caches it names) and that the list covers the bundle.
//
// A prebuilt bundle (WORKFLOW_BUNDLE_PATH, bundleWorkflowCode's output) must be built with these same
// options: the preload hook is part of the bundle's code, and a bundle without it shares nothing.
import { fileURLToPath } from 'node:url';

const root = (relative: string) => fileURLToPath(new URL(`../${relative}`, import.meta.url));

/** Pure modules the workflows import (absolute paths: the bundler resolves them from the entry's folder,
 * which is not workflows/ for the benches' probe bundles). */
export const PRELOADED_WORKFLOW_MODULES: readonly string[] = [
  // The SDK's workflow API: its functions find the running workflow through the activator global, which the
  // worker swaps per workflow; its module scope holds only proxies and definitions.
  '@temporalio/workflow',
  ...[
    'ai',
    'business-time',
    'csat',
    'errors',
    'lifecycle',
    'sla',
    'text-scrub',
    'ticket',
    'ticket-commands',
    'vocabulary',
  ].map((m) => root(`domain/${m}.ts`)),
  ...[
    'data-errors',
    'patch-baseline',
    'search-attributes',
    'start-child-once',
    'ticket-csat',
    'ticket-messages',
    'ticket-projection',
    'ticket-state',
    'webhook-messages',
    // The workflow definitions themselves: their top level holds activity proxies and constants only.
    'follow-up',
    'google-reviews',
    'intake',
    'notification-digest',
    'ticket',
    'webhook-dispatcher',
  ].map((m) => root(`workflows/${m}.ts`)),
];

/** For `Worker.create({ bundlerOptions })` and `bundleWorkflowCode(...)`. */
export const workflowBundlerOptions = { preloadModules: [...PRELOADED_WORKFLOW_MODULES] };
