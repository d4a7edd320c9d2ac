import { ServiceRegistry } from '@tailor/runtime';
import { runNodeForTest } from '@tailor/runtime/testing';
import { describe, expect, it } from 'vitest';
import { type SubflowRequest, type SubflowResult, SubflowService } from '../services/subflow.js';
import { subflowNode } from './subflow.js';

function servicesAnswering(answer: (request: SubflowRequest) => SubflowResult) {
  const requests: SubflowRequest[] = [];
  const run = async (request: SubflowRequest) => {
    requests.push(request);
    return answer(request);
  };
  return { requests, services: new ServiceRegistry().provide(SubflowService, { run }) };
}

describe('subflow node', () => {
  it('runs the published version of the other flow, linked to this run and node', async () => {
    const { requests, services } = servicesAnswering(() => ({
      runId: 'child-1',
      status: 'succeeded',
      output: { text: 'ok' },
    }));
    const result = await runNodeForTest(
      subflowNode,
      { flow: 'faq', inputs: { message: 'hi' } },
      { services, sessionId: 's1' },
    );
    expect(result.output).toEqual({ text: 'ok' });
    expect(requests[0]).toMatchObject({
      flowId: 'faq',
      version: 'published',
      inputs: { message: 'hi' },
      parentRunId: 'test-run',
      parentNodeId: 'node',
      sessionId: 's1',
    });
    expect(result.logs[0]?.message).toContain('child-1');
  });

  it('fails with the other run id and its error when that run fails', async () => {
    const { services } = servicesAnswering(() => ({
      runId: 'child-2',
      status: 'failed',
      output: undefined,
      error: { code: 'PROVIDER_AUTH', message: 'key rejected' },
    }));
    await expect(runNodeForTest(subflowNode, { flow: 'faq' }, { services })).rejects.toThrow(
      /Sub-flow "faq" \(run child-2\) failed: key rejected/,
    );
  });

  it('says plainly that it needs the server when no runner is provided', async () => {
    await expect(runNodeForTest(subflowNode, { flow: 'faq' })).rejects.toThrow(/needs the Tailor server/);
  });
});
