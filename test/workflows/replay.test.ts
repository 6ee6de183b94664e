// Replays saved ticket histories against today's workflow code: a change that would break running
// tickets (non-determinism) fails here; wrap such changes in patched() and keep these fixtures.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { workflowBundle } from '../support/temporal';

const dir = path.resolve('test/fixtures/histories');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

describe('replay of saved ticket histories', () => {
  it('has fixtures to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
  });

  for (const file of files) {
    it(`replays ${file} deterministically`, async () => {
      // Passed as parsed JSON: the worker converts it with its own copy of the protobuf types.
      const history = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { events: unknown[] };
      // The shortest real history: an intake on patch baseline 1, in one workflow task — started, the
      // task's three events, the local activity's marker, completed.
      expect(history.events.length).toBeGreaterThanOrEqual(6);
      await Worker.runReplayHistory({ workflowBundle: workflowBundle(), replayName: file }, history, file.replace(/\.json$/, ''));
    });
  }
});
